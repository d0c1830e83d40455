// What the store keeps in memory of each stored trace: its summary and the compact facts the
// filters and the latency table need (app/search/indexed-trace.ts), about 13 bytes a span, 11 to 21
// bytes a distinct attribute pair (pair-id-set.ts) and a few ids a trace. Spans themselves stay in
// the database until a trace is opened.
import type { IndexedTrace } from '../search/indexed-trace';
import { OtlpStatusCode, type OtlpSpan } from '../model/otlp';
import type { TraceSummary } from '../model/trace';
import { PairIdSet } from './pair-id-set';
import type { TraceRow } from './storage-backend';
import { compareNanos, nanosBetween, unixMillisOf } from './unix-nanos';

export class TraceFacts implements IndexedTrace {
  spanCount = 0;
  spanOperations = new Int32Array(0);
  spanDurationsMicros = new Float64Array(0);
  spanErrors = new Uint8Array(0);
  readonly operations = new Set<number>();
  readonly attributePairs = new PairIdSet();
  /** Resource and scope ids, in the order the trace first used them (its tables' order). */
  readonly resourceIds: number[] = [];
  readonly scopeIds: number[] = [];
  summary: TraceSummary;
  startUnixMillis: number;

  constructor(
    /** The database's key of the trace; 0 until it is first written. */
    public key: number,
    public row: TraceRow,
    /** Pinned traces are never evicted by retention. */
    private pinnedFlag = false,
  ) {
    this.summary = summaryOf(row, pinnedFlag);
    this.startUnixMillis = unixMillisOf(row.startNs);
  }

  get pinned(): boolean {
    return this.pinnedFlag;
  }

  set pinned(pinned: boolean) {
    this.pinnedFlag = pinned;
    this.summary = summaryOf(this.row, pinned);
  }

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
    this.summary = summaryOf(row, this.pinnedFlag);
    this.startUnixMillis = unixMillisOf(row.startNs);
  }
}

function grow<T extends Int32Array | Float64Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** A trace's row as spans are added to it (in arrival order), by the in-memory store's rules. */
export class TraceRowBuilder {
  private spanCount: number;
  private errorCount: number;
  private startNs: string;
  private endNs: string;
  private rootStartNs: string | null;
  private rootName: string;
  private rootService: string;
  private earliestStartNs: string;
  private earliestName: string;
  private earliestService: string;

  constructor(private readonly from: TraceRow) {
    this.spanCount = from.spanCount;
    this.errorCount = from.errorCount;
    this.startNs = from.startNs;
    this.endNs = from.endNs;
    this.rootStartNs = from.rootStartNs;
    this.rootName = from.rootName;
    this.rootService = from.rootService;
    this.earliestStartNs = from.earliestStartNs;
    this.earliestName = from.earliestName;
    this.earliestService = from.earliestService;
  }

  add(span: OtlpSpan, service: string): void {
    const { startTimeUnixNano: start, endTimeUnixNano: end } = span;
    const first = this.spanCount === 0;
    if (first || compareNanos(start, this.startNs) < 0) this.startNs = start;
    if (first || compareNanos(end, this.endNs) > 0) this.endNs = end;
    // The earliest span, the first to arrive among equals; the root likewise among parentless ones.
    if (first || compareNanos(start, this.earliestStartNs) < 0) {
      this.earliestStartNs = start;
      this.earliestName = span.name;
      this.earliestService = service;
    }
    if (
      !span.parentSpanId &&
      (this.rootStartNs === null || compareNanos(start, this.rootStartNs) < 0)
    ) {
      this.rootStartNs = start;
      this.rootName = span.name;
      this.rootService = service;
    }
    if (span.status?.code === OtlpStatusCode.ERROR) this.errorCount += 1;
    this.spanCount += 1;
  }

  build(receivedAtMs: number): TraceRow {
    return {
      traceId: this.from.traceId,
      spanCount: this.spanCount,
      errorCount: this.errorCount,
      startNs: this.startNs,
      endNs: this.endNs,
      rootStartNs: this.rootStartNs,
      rootName: this.rootName,
      rootService: this.rootService,
      earliestStartNs: this.earliestStartNs,
      earliestName: this.earliestName,
      earliestService: this.earliestService,
      receivedAtMs,
    };
  }
}

export function summaryOf(row: TraceRow, pinned = false): TraceSummary {
  const hasRoot = row.rootStartNs !== null;
  return {
    ...(pinned && { pinned: true }),
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
