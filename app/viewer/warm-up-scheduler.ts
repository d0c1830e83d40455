// When to build something ahead for a big trace (its outline, its find index): once it has stopped
// changing for a moment, so a trace that is still growing is built once, not on every batch.
import type { StoreChange, TraceStore } from '../storage/trace-store';

export interface WarmUpOptions {
  /** Traces with fewer spans are built on demand only. */
  readonly warmFromSpans: number;
  /** Wait this long after a trace's last change before building it. */
  readonly settleMs: number;
}

export class WarmUpScheduler {
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly store: TraceStore,
    private readonly options: WarmUpOptions,
    /** Builds ahead for a trace that settled. */
    private readonly warm: (traceId: string) => void,
    /** Forgets what was built for a removed trace. */
    private readonly forget: (traceId: string) => void,
  ) {}

  onStoreChange(change: StoreChange): void {
    for (const id of change.removedTraceIds) {
      this.forget(id);
      clearTimeout(this.pending.get(id));
      this.pending.delete(id);
    }
    for (const id of change.changedTraceIds) {
      if ((this.store.getSummary(id)?.spanCount ?? 0) < this.options.warmFromSpans) continue;
      clearTimeout(this.pending.get(id));
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.warm(id);
      }, this.options.settleMs);
      timer.unref();
      this.pending.set(id, timer);
    }
  }

  close(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }
}
