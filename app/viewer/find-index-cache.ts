// Find indexes (find-index.ts) of the most recently changed or searched big traces, so a find
// query over 1,000,000 spans reads no span: without one, every query read the whole trace from the
// store (14.8 s at 1,000,000 spans). A trace's spans only ever get added, so an index is brought
// up to date by indexing the spans past its count; one holding more spans than the trace is
// rebuilt. Bounded by bytes: the least recently used indexes go first. Built ahead in slices of
// spans, between which the core answers other commands: at 1,000,000 spans building takes seconds.
import type { FindSpansResult } from '../model/trace-outline';
import type { StoreChange, TraceStore } from '../storage/trace-store';
import { findSpans } from './find-spans';
import { TraceFindIndex, type FindableSpan } from './find-index';
import { WarmUpScheduler } from './warm-up-scheduler';

export interface FindIndexCacheOptions {
  /** About how many bytes the kept indexes may hold together. */
  readonly maxBytes?: number;
  /** Traces with fewer spans are indexed when searched only. */
  readonly warmFromSpans?: number;
  /** Wait this long after a trace's last change before indexing it, so a growing trace waits. */
  readonly settleMs?: number;
  /** Spans indexed ahead per turn of the event loop. */
  readonly sliceSpans?: number;
}

export class FindIndexCache {
  private readonly entries = new Map<string, TraceFindIndex>();
  private readonly warmUp: WarmUpScheduler;
  private readonly maxBytes: number;
  private readonly sliceSpans: number;
  private readonly warmFromSpans: number;
  private closed = false;

  constructor(
    private readonly store: TraceStore,
    options: FindIndexCacheOptions = {},
  ) {
    this.maxBytes = options.maxBytes ?? 256 * 1024 * 1024;
    this.sliceSpans = options.sliceSpans ?? 16_384;
    this.warmFromSpans = options.warmFromSpans ?? 2_000;
    this.warmUp = new WarmUpScheduler(
      store,
      { warmFromSpans: this.warmFromSpans, settleMs: options.settleMs ?? 200 },
      (traceId) => this.buildAhead(traceId),
      (traceId) => this.entries.delete(traceId),
    );
  }

  /** Ids of the spans matching the query, as findSpans answers; undefined for an unknown trace. */
  findSpans(traceId: string, query: string): readonly string[] | undefined {
    return this.find(traceId, query)?.spanIds;
  }

  /**
   * The same, with where each match is in the trace's order (the outline's) when the index
   * answered; undefined for an unknown trace.
   */
  find(traceId: string, query: string): FindSpansResult | undefined {
    const index = this.indexOf(traceId);
    if (!index) return undefined;
    const found = index.findWithIndexes(query);
    if (found) return found;
    const trace = this.store.getTrace(traceId);
    return trace && { spanIds: findSpans(trace, query) };
  }

  /** The trace's index, up to date with its spans; undefined when it isn't stored. */
  private indexOf(traceId: string): TraceFindIndex | undefined {
    const summary = this.store.getSummary(traceId);
    if (!summary) return undefined;
    let index = this.entries.get(traceId);
    this.entries.delete(traceId);
    if (!index || index.spanCount > summary.spanCount) index = new TraceFindIndex();
    if (index.spanCount < summary.spanCount) {
      const spans = this.store.findableSpans(traceId, index.spanCount);
      if (!spans) return undefined;
      index.add(spans);
    }
    this.entries.set(traceId, index);
    this.trim();
    return index;
  }

  private trim(): void {
    let bytes = 0;
    for (const index of this.entries.values()) bytes += index.bytes;
    // The newest entry stays even alone over the budget: it answers the query being asked.
    while (bytes > this.maxBytes && this.entries.size > 1) {
      const [oldest, index] = this.entries.entries().next().value as [string, TraceFindIndex];
      this.entries.delete(oldest);
      bytes -= index.bytes;
    }
  }

  /**
   * Forgets removed traces; extends the index of a trace that received spans with them as the
   * store hands them over (no reading back), starting one for a big new trace; schedules indexing
   * the other big changed ones.
   */
  onStoreChange(change: StoreChange): void {
    if (change.findableSpansAdded)
      for (const traceId of change.changedTraceIds) {
        const index = this.entries.get(traceId);
        // Only what an index is kept for: the many small traces a receiver gets cost nothing here.
        if (!index && (this.store.getSummary(traceId)?.spanCount ?? 0) < this.warmFromSpans)
          continue;
        const added = change.findableSpansAdded(traceId);
        if (!added) continue;
        if (index && index.spanCount === added.fromSpan) index.add(added.spans);
        else if (!index && added.fromSpan < this.warmFromSpans) {
          // A trace that just became big: what it held before this write (fewer spans than
          // warmFromSpans: an import stores a file's first spans in a small batch) is read back.
          const started = new TraceFindIndex();
          const before = added.fromSpan > 0 ? this.store.findableSpans(traceId, 0) : undefined;
          if (before) started.add(firstOf(before, added.fromSpan));
          started.add(added.spans);
          this.entries.set(traceId, started);
        } else continue;
        this.trim();
      }
    this.warmUp.onStoreChange(change);
  }

  /** Brings the trace's index up to date a slice at a time; a query meanwhile finishes it. */
  private buildAhead(traceId: string): void {
    const summary = this.store.getSummary(traceId);
    if (!summary) return;
    let index = this.entries.get(traceId);
    if (!index || index.spanCount > summary.spanCount) {
      index = new TraceFindIndex();
      this.entries.delete(traceId);
      this.entries.set(traceId, index);
    }
    const spans = this.store.findableSpans(traceId, index.spanCount)?.[Symbol.iterator]();
    if (!spans) return;
    const building = index;
    let done = false;
    const slice = function* (count: number): Generator<FindableSpan> {
      for (let i = 0; i < count; i++) {
        const next = spans.next();
        if (next.done) {
          done = true;
          return;
        }
        yield next.value;
      }
    };
    let expected = building.spanCount;
    const step = () => {
      // Stop when the index went (removed, evicted, replaced) or something else extended it.
      if (this.closed || this.entries.get(traceId) !== building || building.spanCount !== expected)
        return;
      building.add(slice(this.sliceSpans));
      expected = building.spanCount;
      if (done) this.trim();
      else setImmediate(step);
    };
    step();
  }

  close(): void {
    this.closed = true;
    this.warmUp.close();
    this.entries.clear();
  }
}

/** The first `count` items of `items`. */
function* firstOf<T>(items: Iterable<T>, count: number): Generator<T> {
  if (count <= 0) return;
  let taken = 0;
  for (const item of items) {
    yield item;
    if (++taken >= count) return;
  }
}
