import type { OtlpResource, OtlpScope, OtlpSpan } from '../model/otlp';

/** A span as it arrives, with the resource and scope it was reported under: what every ingest
 * path (the order workflow's exporter, trace files, the OTLP receiver) hands the store. */
export interface IncomingSpan {
  readonly span: OtlpSpan;
  readonly resource: OtlpResource;
  readonly scope: OtlpScope;
  /**
   * The span's own OTLP protobuf Span message, when it came as one (the receivers): the store keeps
   * these bytes as the span's details instead of encoding them again (chunk-details.ts). Whatever
   * changes `span` on the way must leave out this field, unless it changes only fields the store
   * keeps as columns (ids, name, kind, times), which are never read back from the message.
   */
  readonly message?: SpanMessage;
}

/**
 * Where a Span message lies: `bytes[start, end)` (the request it came in). It may start after the
 * message's leading column fields (ids, name, kind, times, as senders write them first): those are
 * not stored twice. What remains is a Span message all the same, with every other field.
 */
export interface SpanMessage {
  readonly bytes: Uint8Array;
  readonly start: number;
  readonly end: number;
}
