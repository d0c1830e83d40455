// Outlines of the most recently changed or viewed big traces, kept ready: building one for 100,000
// spans takes a few hundred milliseconds, which would otherwise come between a click and the
// waterfall. A trace's spans only ever get added, so its span count tells whether an outline is
// current.
import type { TraceOutline } from '../model/trace-outline';
import type { StoreChange, TraceStore } from '../storage/trace-store';

export interface OutlineCacheOptions {
  /** How many outlines to keep. */
  readonly capacity?: number;
  /** Traces with fewer spans are built on demand only (they take under a millisecond or so). */
  readonly warmFromSpans?: number;
  /** Wait this long after a trace's last change before building it, so a growing trace builds once. */
  readonly settleMs?: number;
}

export class OutlineCache {
  private readonly entries = new Map<string, { spanCount: number; outline: TraceOutline }>();
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly capacity: number;
  private readonly warmFromSpans: number;
  private readonly settleMs: number;

  constructor(
    private readonly store: TraceStore,
    options: OutlineCacheOptions = {},
  ) {
    this.capacity = options.capacity ?? 4;
    this.warmFromSpans = options.warmFromSpans ?? 2_000;
    this.settleMs = options.settleMs ?? 30;
  }

  /** The trace's current outline, null when it isn't stored. */
  get(traceId: string): TraceOutline | null {
    const summary = this.store.getSummary(traceId);
    if (!summary) return null;
    const cached = this.entries.get(traceId);
    this.entries.delete(traceId);
    if (cached && cached.spanCount === summary.spanCount) {
      this.entries.set(traceId, cached);
      return cached.outline;
    }
    const outline = this.store.getOutline(traceId);
    if (!outline) return null;
    this.entries.set(traceId, { spanCount: outline.spanIds.length, outline });
    while (this.entries.size > this.capacity)
      this.entries.delete(this.entries.keys().next().value as string);
    return outline;
  }

  /** Forgets removed traces and schedules building big changed ones. */
  onStoreChange(change: StoreChange): void {
    for (const id of change.removedTraceIds) {
      this.entries.delete(id);
      clearTimeout(this.pending.get(id));
      this.pending.delete(id);
    }
    for (const id of change.changedTraceIds) {
      if ((this.store.getSummary(id)?.spanCount ?? 0) < this.warmFromSpans) continue;
      clearTimeout(this.pending.get(id));
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.get(id);
      }, this.settleMs);
      timer.unref();
      this.pending.set(id, timer);
    }
  }

  close(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    this.entries.clear();
  }
}
