// When to build something ahead for a big trace (its outline, its find index): once it has stopped
// changing for a moment, so a trace that is still growing is not built on every batch; and, for
// what grows in place (both do: each build takes in only what was added), at least every so often
// while it keeps changing, so that a long import does not leave all of the building to its end.
import type { StoreChange, TraceStore } from '../storage/trace-store';

export interface WarmUpOptions {
  /** Traces with fewer spans are built on demand only. */
  readonly warmFromSpans: number;
  /** Wait this long after a trace's last change before building it. */
  readonly settleMs: number;
  /** A trace that keeps changing is built at least this often (no limit when absent). */
  readonly maxWaitMs?: number;
}

export class WarmUpScheduler {
  /** Each trace's build to come, and since when it has waited. */
  private readonly pending = new Map<string, { timer: NodeJS.Timeout; since: number }>();

  constructor(
    private readonly store: TraceStore,
    private readonly options: WarmUpOptions,
    /** Builds ahead for a trace that settled. */
    private readonly warm: (traceId: string) => void,
    /** Forgets what was built for a removed trace. */
    private readonly forget: (traceId: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  onStoreChange(change: StoreChange): void {
    for (const id of change.removedTraceIds) {
      this.forget(id);
      clearTimeout(this.pending.get(id)?.timer);
      this.pending.delete(id);
    }
    for (const id of change.changedTraceIds) {
      if ((this.store.getSummary(id)?.spanCount ?? 0) < this.options.warmFromSpans) continue;
      const waiting = this.pending.get(id);
      const since = waiting?.since ?? this.now();
      // Waited long enough: the build due stays due, however the trace goes on changing.
      if (waiting && this.now() - since >= (this.options.maxWaitMs ?? Infinity)) continue;
      clearTimeout(waiting?.timer);
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.warm(id);
      }, this.options.settleMs);
      timer.unref();
      this.pending.set(id, { timer, since });
    }
  }

  close(): void {
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }
}
