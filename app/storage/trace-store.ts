// The store seam: the one interface every ingest path writes spans through and every command reads
// traces through. Its implementation is DatabaseTraceStore (database-trace-store.ts) over SQLite
// (a file in the data directory, or SQLite's in-memory database); see open-trace-store.ts.
import type { LatencyRequest, LatencyResult, TraceQuery } from '../contract';
import type { BacklinksResult, TraceBacklinks } from '../model/links';
import type { StorageStats } from '../model/storage';
import type { TraceDetail, TraceSummary } from '../model/trace';
import type { SpanDetail, TraceOutline } from '../model/trace-outline';
import type { IncomingSpan } from './incoming-span';
import type { FindableSpan } from '../viewer/find-index';
import type { OutlineColumns } from '../viewer/trace-outline';

export type { IncomingSpan } from './incoming-span';

export const DEFAULT_MAX_TRACES = 10_000;

export interface OutlineColumnsRead {
  readonly columns: OutlineColumns;
  /** The trace's chunks read in all (those skipped and these). */
  readonly chunks: number;
}

/** What the store may hold; past any limit the traces least recently received go first, whole,
 * except pinned ones. */
export interface RetentionLimits {
  /** Bytes of stored rows (the database's pages in use). */
  readonly maxBytes: number;
  /** Traces whose last span arrived longer ago than this are evicted; null: no age limit. */
  readonly maxAgeMs: number | null;
  readonly maxTraces: number;
}

export const DEFAULT_MAX_BYTES = 1024 * 1024 * 1024;

export const DEFAULT_RETENTION: RetentionLimits = {
  maxBytes: DEFAULT_MAX_BYTES,
  maxAgeMs: null,
  maxTraces: DEFAULT_MAX_TRACES,
};

/** The store's size, counts and limits: the window's storage stats, with the limits in the store's
 * units (bytes, milliseconds). */
export type StoreStats = Omit<StorageStats, 'limits'> & { readonly limits: RetentionLimits };

/** backlinksOf lists at most this many links (and counts them all). */
export const MAX_BACKLINKS = 1_000;

export interface StoreChange {
  /** Traces that were added or received spans. */
  readonly changedTraceIds: readonly string[];
  /** Traces that were deleted or dropped to stay within the limit. */
  readonly removedTraceIds: readonly string[];
  /**
   * What Find in trace looks at in the spans a changed trace received, in the order findableSpans
   * gives them, from span `fromSpan` of the trace on (built when asked, during the listener's
   * call only): a find index extends itself from these without reading the store.
   */
  readonly findableSpansAdded?: (
    traceId: string,
  ) => { readonly fromSpan: number; readonly spans: readonly FindableSpan[] } | undefined;
  /**
   * The outline's columns of the chunks a changed trace received, which start at span `fromSpan`
   * of the trace (built when asked, during the listener's call only): a growing outline appends
   * them without reading the store.
   */
  readonly outlineColumnsAdded?: (
    traceId: string,
  ) =>
    | { readonly fromSpan: number; readonly chunks: number; readonly columns: OutlineColumns }
    | undefined;
}

export type StoreListener = (change: StoreChange) => void;

/** A span the store refused to keep, and why (the other spans of the batch are kept). */
export interface RejectedSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly reason: string;
}

export interface AddSpansResult {
  /** Spans now stored. */
  readonly storedSpans: number;
  /** Spans ignored because their trace already holds a span with the same id. */
  readonly duplicateSpans: number;
  readonly rejectedSpans: readonly RejectedSpan[];
}

export interface TracePageRequest {
  readonly query?: TraceQuery;
  /** Skip this many matching traces (newest first), then return at most `limit`. */
  readonly offset?: number;
  readonly limit?: number;
}

export interface TracePage {
  readonly traces: readonly TraceSummary[];
  /** How many traces match the query (before offset and limit). */
  readonly matchedTraces: number;
}

export interface TraceFacets {
  /** Every service.name and span name of the stored spans, sorted. */
  readonly services: readonly string[];
  readonly spanNames: readonly string[];
}

export interface TraceStore {
  /** Where the spans are kept: the database file, or ':memory:'. */
  readonly location: string;
  /** False when nothing survives a restart (in-memory). */
  readonly durable: boolean;
  readonly maxTraces: number;
  readonly traceCount: number;
  readonly spanCount: number;
  /** Traces evicted by retention (count, size, age; least recently received first), over the
   * database's life. */
  readonly droppedTraceCount: number;
  readonly pinnedTraceCount: number;
  readonly retention: RetentionLimits;

  /**
   * Adds spans; one already stored (same trace, same span id) is ignored. Resolves once the spans
   * are durable (committed; spans added at the same moment share one transaction), after
   * subscribers have been told.
   */
  addSpans(spans: readonly IncomingSpan[]): Promise<AddSpansResult>;
  /** Resolves once everything added before the call is durable. */
  flush(): Promise<void>;
  /** Deletes whole traces (pinned or not); resolves with how many were stored, once durable. */
  deleteTraces(traceIds: readonly string[]): Promise<number>;
  /** Pins or unpins a trace; resolves false when it is not stored, once the change is durable. */
  setPinned(traceId: string, pinned: boolean): Promise<boolean>;
  /** Changes the limits and evicts what is now beyond them; resolves once that is durable. */
  setRetention(limits: RetentionLimits): Promise<void>;
  stats(): StoreStats;
  /** What the window should say about the store as it runs (a full disk); empty while all is well. */
  notices(): string[];
  onNoticesChanged(listener: () => void): () => void;

  /** Summaries of the matching traces, newest (by start time) first. */
  queryTraces(request: TracePageRequest): TracePage;
  /** Summaries, newest first (all, or the first `limit`). */
  listTraces(limit?: number): TraceSummary[];
  facets(): TraceFacets;
  /** The latency table (and histogram) over the traces a query lists. */
  latencyByOperation(request: LatencyRequest): LatencyResult;
  getSummary(traceId: string): TraceSummary | undefined;

  /** The whole trace: every span with its details (reads all of it from the database). */
  getTrace(traceId: string): TraceDetail | undefined;
  /** The waterfall's lean columns, read without the spans' details. */
  getOutline(traceId: string): TraceOutline | undefined;
  /** The outline's columns of the trace's chunks after the first `skipChunks` (what a growing
   * outline appends; at most `maxChunks` of them), and how many chunks that makes. */
  outlineColumns(
    traceId: string,
    skipChunks?: number,
    maxChunks?: number,
  ): OutlineColumnsRead | undefined;
  getSpan(traceId: string, spanId: string): SpanDetail | undefined;
  /** Ids of the spans matching a find query, in the store's order; undefined for an unknown trace. */
  findSpans(traceId: string, query: string): string[] | undefined;
  /** What Find in trace looks at in each span from `fromSpan` on (in findSpans' order), read chunk
   * by chunk; undefined for an unknown trace. */
  findableSpans(traceId: string, fromSpan?: number): Iterable<FindableSpan> | undefined;
  /**
   * Per event of the outline, its attributes as `key=value` text, each value cut to `limitKiB`
   * (default 64) with "(cut, N KiB)"; undefined for an unknown trace.
   */
  getEventAttributes(traceId: string, limitKiB?: number): string[] | undefined;
  /** The stored spans (of any trace) whose links point at this span, which need not be stored;
   * the first MAX_BACKLINKS in the order they were stored. */
  backlinksOf(traceId: string, spanId: string): BacklinksResult;
  /** The spans of a trace that stored spans link to, with how many links each. */
  backlinkedSpansOf(traceId: string): TraceBacklinks;

  subscribe(listener: StoreListener): () => void;
  /** Writes what is pending and closes the database. */
  close(): Promise<void>;
}
