// What the store keeps in memory of each stored trace: its summary and the compact facts the
// filters and the latency table need (app/search/indexed-trace.ts), about 13 bytes a span plus a
// few ids a trace. Spans themselves stay in the database until a trace is opened.
import type { IndexedTrace } from '../search/indexed-trace';
import type { TraceSummary } from '../model/trace';
import type { TraceRow } from './storage-backend';
import { compareNanos, nanosBetween, unixMillisOf } from './unix-nanos';

/** What a span adds to its trace's summary. */
export interface SpanSummaryPart {
  readonly startNs: string;
  readonly endNs: string;
  readonly isRoot: boolean;
  readonly name: string;
  readonly service: string;
  readonly error: boolean;
}

export class TraceFacts implements IndexedTrace {
  spanCount = 0;
  spanOperations = new Int32Array(0);
  spanDurationsMicros = new Float64Array(0);
  spanErrors = new Uint8Array(0);
  readonly operations = new Set<number>();
  readonly attributePairs = new Set<number>();
  /** Resource and scope ids, in the order the trace first used them (its tables' order). */
  readonly resourceIds: number[] = [];
  readonly scopeIds: number[] = [];
  private cachedSummary: TraceSummary | undefined;

  constructor(
    /** The database's key of the trace; 0 until it is first written. */
    public key: number,
    public row: TraceRow,
  ) {}

  static empty(traceId: string): TraceFacts {
    return new TraceFacts(0, {
      traceId,
      spanCount: 0,
      errorCount: 0,
      startNs: '',
      endNs: '',
      rootStartNs: null,
      rootName: '',
      rootService: '',
      earliestStartNs: '',
      earliestName: '',
      earliestService: '',
      receivedAtMs: 0,
    });
  }

  get traceId(): string {
    return this.row.traceId;
  }

  get summary(): TraceSummary {
    if (!this.cachedSummary) this.cachedSummary = summaryOf(this.row);
    return this.cachedSummary;
  }

  get startUnixMillis(): number {
    return unixMillisOf(this.row.startNs);
  }

  /** Room for `more` span facts beyond those held, growing by doubling. */
  reserve(more: number): void {
    const needed = this.spanCount + more;
    if (needed <= this.spanOperations.length) return;
    const capacity = Math.max(needed, this.spanOperations.length * 2, 8);
    this.spanOperations = grow(this.spanOperations, new Int32Array(capacity));
    this.spanDurationsMicros = grow(this.spanDurationsMicros, new Float64Array(capacity));
    this.spanErrors = grow(this.spanErrors, new Uint8Array(capacity));
  }

  appendFacts(operations: Int32Array, durations: Float64Array, errors: Uint8Array): void {
    this.reserve(operations.length);
    this.spanOperations.set(operations, this.spanCount);
    this.spanDurationsMicros.set(durations, this.spanCount);
    this.spanErrors.set(errors, this.spanCount);
    this.spanCount += operations.length;
  }

  setRow(row: TraceRow): void {
    this.row = row;
    this.cachedSummary = undefined;
  }
}

function grow<T extends Int32Array | Float64Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** The trace's row once these spans (in arrival order) are added: as the in-memory store did. */
export function rowWithSpans(
  row: TraceRow,
  spans: readonly SpanSummaryPart[],
  receivedAtMs: number,
): TraceRow {
  let { spanCount, errorCount, startNs, endNs, rootStartNs, rootName, rootService } = row;
  let { earliestStartNs, earliestName, earliestService } = row;
  for (const span of spans) {
    if (spanCount === 0 || compareNanos(span.startNs, startNs) < 0) startNs = span.startNs;
    if (spanCount === 0 || compareNanos(span.endNs, endNs) > 0) endNs = span.endNs;
    // The earliest span, the first to arrive among equals.
    if (spanCount === 0 || compareNanos(span.startNs, earliestStartNs) < 0) {
      earliestStartNs = span.startNs;
      earliestName = span.name;
      earliestService = span.service;
    }
    if (span.isRoot && (rootStartNs === null || compareNanos(span.startNs, rootStartNs) < 0)) {
      rootStartNs = span.startNs;
      rootName = span.name;
      rootService = span.service;
    }
    if (span.error) errorCount += 1;
    spanCount += 1;
  }
  return {
    traceId: row.traceId,
    spanCount,
    errorCount,
    startNs,
    endNs,
    rootStartNs,
    rootName,
    rootService,
    earliestStartNs,
    earliestName,
    earliestService,
    receivedAtMs,
  };
}

export function summaryOf(row: TraceRow): TraceSummary {
  const hasRoot = row.rootStartNs !== null;
  return {
    traceId: row.traceId,
    rootSpanName: hasRoot ? row.rootName : row.earliestName,
    serviceName: hasRoot ? row.rootService : row.earliestService,
    startTimeUnixNano: row.startNs,
    endTimeUnixNano: row.endNs,
    durationMicros: row.spanCount === 0 ? 0 : nanosBetween(row.startNs, row.endNs) / 1000,
    spanCount: row.spanCount,
    errorCount: row.errorCount,
    hasRoot,
  };
}
