// What the waterfall needs of a trace, lean enough to send 1,000,000 spans quickly: parallel typed
// arrays (one entry per span, in the store's order; copied as memory between threads and
// processes, and sent as bytes by the web host, see typed-array-frame.ts), names interned, times as
// microsecond numbers relative to the trace start. Attributes stay in the core; the UI asks for one span's details (getSpan), for
// matches of a find query (findSpans) and for the events' attributes (getTraceEventAttributes).
import type * as v from 'valibot';
import type { findSpansRequestSchema, getSpanRequestSchema } from '../contract-schemas';
import type { OutlineSpanIds } from './outline-span-ids';
import type { OtlpResource, OtlpScope } from './otlp';
import type { AppSpan } from './trace';

/** Span ids come as binary (spanIdHalves, otherSpanIds): read them with outline-span-ids.ts. */
export interface TraceOutline extends OutlineSpanIds {
  readonly traceId: string;
  /** Start of the earliest span (unix nanoseconds, decimal); every offset below is from it. */
  readonly startTimeUnixNano: string;
  /** service.name of each resource, indexed like serviceIndex. */
  readonly services: readonly string[];
  /** Span and event names and statement shapes, interned: nameIndex, eventNameIndex and
   * statementShapeIndex point here. */
  readonly names: readonly string[];
  /** Index of the parent span in these arrays; -1 when it has none or it isn't in the trace. */
  readonly parents: Int32Array;
  readonly nameIndex: Int32Array;
  readonly serviceIndex: Int32Array;
  readonly kinds: Int32Array;
  /** Microseconds from startTimeUnixNano, to the nanosecond. */
  readonly startUs: Float64Array;
  readonly endUs: Float64Array;
  readonly statusCodes: Int32Array;
  /** Status messages by span index, only for spans that have one. */
  readonly statusMessages: Readonly<Record<number, string>>;
  /** How many links each span has (to other spans), only for spans that have any. */
  readonly linkCounts: Readonly<Record<number, number>>;
  /** The shape of each database span's statement (db.query.text, else db.statement, with its
   * literals replaced by ?; see app/viewer/statement-shape.ts), only for spans that have one. */
  readonly statementShapeIndex: Readonly<Record<number, number>>;
  /** Events, span after span: the first eventCounts[0] belong to span 0, and so on. */
  readonly eventCounts: Int32Array;
  readonly eventOffsetsUs: Float64Array;
  readonly eventNameIndex: Int32Array;
  /**
   * Only in an answer to getTraceOutline with `since`: this outline holds what came after that
   * cursor (spans, names and events past it; records keyed by the whole trace's span index), and
   * `startTimeUnixNano` is the base of the whole outline now (when it differs from the one held,
   * every offset moved: ask for the whole outline again).
   */
  readonly since?: OutlineCursor;
  /** With `since`: earlier spans whose parent arrived since, as (span index, parent index) pairs. */
  readonly parentFixes?: readonly number[];
}

/** How much of a trace's outline a caller holds: its spans, names and events. */
export interface OutlineCursor {
  readonly spans: number;
  readonly names: number;
  readonly events: number;
}

export interface TraceEventAttributes {
  /** Per event of the outline, in its order: the attributes as `key=value` text, two spaces apart. */
  readonly attributes: readonly string[];
}

export type GetSpanRequest = v.InferOutput<typeof getSpanRequestSchema>;

/** One span with the resource and instrumentation scope it was reported under. */
export interface SpanDetail {
  readonly span: AppSpan;
  readonly resource: OtlpResource | null;
  readonly scope: OtlpScope | null;
}

export type FindSpansRequest = v.InferOutput<typeof findSpansRequestSchema>;

export interface FindSpansResult {
  /** Matching spans in the store's order; none for a blank query. */
  readonly spanIds: readonly string[];
  /**
   * Where each of them is in the trace's outline (getTraceOutline's order), when the core knows
   * (answered from its find index): the UI then finds their rows without a lookup by id.
   */
  readonly spanIndexes?: readonly number[];
}
