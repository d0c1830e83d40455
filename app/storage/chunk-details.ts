// A chunk's details (the fields of its spans that are not columns) as stored, in one of two forms:
// - JSON text: detailsOf(span) per span, in an array (stored-json.ts): spans of files, of the order
//   workflow, of OTLP JSON requests, and every chunk written before schema version 4;
// - a blob: for spans that came as OTLP protobuf, their own Span messages as they came, one after
//   another as field 2 of a ScopeSpans message (which holds nothing else): copying them costs far
//   less than encoding JSON, and they are decoded by the receiver's own reader when a span is read.
// The storage class tells them apart (SQLite keeps a blob a blob in a TEXT column). A message's ids,
// name, kind and times are not read back from it: the chunk's columns hold those, so the receivers
// keep a message from its first other field on (SpanMessage in incoming-span.ts; older blobs hold
// whole messages, read the same way).
import type { OtlpSpan } from '../model/otlp';
import { readSpanMessages } from '../otlp/otlp-protobuf-reader';
import type { IncomingSpan, SpanMessage } from './incoming-span';
import type { SpanDetails } from './span-chunk';
import type { StoredChunkDetails } from './storage-backend';
import { decodeStoredJson } from './stored-json';

/** ScopeSpans.spans: field 2, length-delimited. */
const SPANS_TAG = (2 << 3) | 2;

function varintBytes(value: number): number {
  let bytes = 1;
  while (value >= 0x80) {
    value >>>= 7;
    bytes += 1;
  }
  return bytes;
}

/**
 * The Span messages of `spans[start, end)` in one blob, or undefined unless every one of them came
 * with its message.
 */
export function spanMessagesBlob(
  spans: readonly IncomingSpan[],
  start: number,
  end: number,
): Uint8Array | undefined {
  let size = 0;
  for (let i = start; i < end; i++) {
    const message = spans[i]!.message;
    if (!message) return undefined;
    const length = message.end - message.start;
    size += 1 + varintBytes(length) + length;
  }
  const blob = Buffer.allocUnsafe(size);
  let at = 0;
  for (let i = start; i < end; i++) {
    const message: SpanMessage = spans[i]!.message!;
    let length = message.end - message.start;
    blob[at++] = SPANS_TAG;
    while (length >= 0x80) {
      blob[at++] = (length & 0x7f) | 0x80;
      length >>>= 7;
    }
    blob[at++] = length;
    blob.set(message.bytes.subarray(message.start, message.end), at);
    at += message.end - message.start;
  }
  return blob;
}

/** The details of a span read from its message: the fields it has, as detailsOf would give them. */
function detailsOfMessage(span: OtlpSpan): SpanDetails {
  const details: { -readonly [K in keyof SpanDetails]: SpanDetails[K] } = {};
  if (span.traceState !== undefined) details.traceState = span.traceState;
  if (span.flags !== undefined) details.flags = span.flags;
  if (span.attributes !== undefined) details.attributes = span.attributes;
  if (span.droppedAttributesCount !== undefined)
    details.droppedAttributesCount = span.droppedAttributesCount;
  if (span.events !== undefined) details.events = span.events;
  if (span.droppedEventsCount !== undefined) details.droppedEventsCount = span.droppedEventsCount;
  if (span.links !== undefined) details.links = span.links;
  if (span.droppedLinksCount !== undefined) details.droppedLinksCount = span.droppedLinksCount;
  if (span.status !== undefined) details.status = span.status;
  return details;
}

/** Every span's details, in chunk order, whichever form they were stored in. */
export function decodeChunkDetails(stored: StoredChunkDetails): SpanDetails[] {
  if (typeof stored === 'string') return decodeStoredJson<SpanDetails[]>(stored);
  return readSpanMessages(stored).map(detailsOfMessage);
}
