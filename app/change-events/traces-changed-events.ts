// Turns the store's change notifications (one per added batch of spans, possibly thousands a second)
// into tracesChanged events the UI can afford: each carries the changed traces' summaries as they
// are when it is sent, the removed ids and the totals, and at most one is sent per interval. The
// first change after a quiet interval goes out in the next turn of the event loop, so one order
// still shows at once; under a stream of spans the events settle at one per interval.
import type { TracesChangedEvent } from '../contract';
import type { TraceSummary } from '../model/trace';

/** At most this many tracesChanged events a second reach the UI. */
export const TRACES_CHANGED_PER_SECOND = 10;

/** What the emitter needs of the store: only its public read methods (a store that answers
 * asynchronously, such as one on SQLite in a worker, may return a promise). */
export interface TraceChangeSource {
  getSummary(traceId: string): TraceSummary | undefined | Promise<TraceSummary | undefined>;
  readonly traceCount: number;
  readonly droppedTraceCount: number;
  readonly maxTraces: number;
}

/** The store's change notification, by shape (the store seam may move; the shape stays). */
export interface TraceChange {
  readonly changedTraceIds: readonly string[];
  readonly removedTraceIds: readonly string[];
}

export interface TracesChangedEmitterOptions {
  /** Minimum time between two events (default: a tenth of a second). */
  readonly intervalMillis?: number;
  readonly now?: () => number;
}

export interface TracesChangedEmitter {
  /** Records a store change; the event follows within the interval. */
  onChange(change: TraceChange): void;
  /** Drops what is pending and stops the timer. */
  close(): void;
}

export function createTracesChangedEmitter(
  source: TraceChangeSource,
  send: (event: TracesChangedEvent) => void,
  options: TracesChangedEmitterOptions = {},
): TracesChangedEmitter {
  const interval = options.intervalMillis ?? 1000 / TRACES_CHANGED_PER_SECOND;
  const now = options.now ?? Date.now;
  let changed = new Set<string>();
  let removed = new Set<string>();
  let lastSent = -Infinity;
  let timer: NodeJS.Timeout | undefined;
  let immediate: NodeJS.Immediate | undefined;
  let closed = false;

  // Events leave in order even when reading the summaries takes a while.
  let sending: Promise<void> = Promise.resolve();

  const flush = () => {
    timer = undefined;
    immediate = undefined;
    if (closed || (changed.size === 0 && removed.size === 0)) return;
    lastSent = now();
    const ids = [...changed];
    const gone = removed;
    changed = new Set();
    removed = new Set();
    sending = sending
      .then(async () => {
        // Summaries are read now, not when the change happened: the event shows the latest state.
        const found = await Promise.all(ids.map((id) => source.getSummary(id)));
        const summaries: TraceSummary[] = [];
        found.forEach((summary, index) => {
          if (summary) {
            summaries.push(summary);
            gone.delete(ids[index]!);
          } else gone.add(ids[index]!);
        });
        if (closed) return;
        send({
          changed: summaries,
          changedTraceIds: summaries.map((summary) => summary.traceId),
          removedTraceIds: [...gone],
          totalTraces: source.traceCount,
          droppedTraces: source.droppedTraceCount,
          maxTraces: source.maxTraces,
        });
      })
      // One failed read must not stop the events after it.
      .catch((error: unknown) => console.error('Spanlight: a tracesChanged event failed:', error));
  };

  return {
    onChange(change) {
      if (closed) return;
      for (const id of change.changedTraceIds) changed.add(id);
      for (const id of change.removedTraceIds) {
        removed.add(id);
        changed.delete(id);
      }
      if (timer || immediate) return;
      const wait = lastSent + interval - now();
      if (wait > 0) {
        timer = setTimeout(flush, wait);
        // A pending event must not keep a quitting process alive.
        timer.unref();
      } else immediate = setImmediate(flush);
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      if (immediate) clearImmediate(immediate);
      timer = undefined;
      immediate = undefined;
    },
  };
}
