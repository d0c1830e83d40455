// One full garbage collection on the core's thread once imports are over and it has been quiet a
// while. An import leaves much of what it parsed in the old generation, which V8 collects only
// once more memory is asked for. A plain collection frees those objects but keeps the pages they
// were on (scattered survivors pin them) and the grown young generation: after a 100,000-span
// `--open` the worker's heap still took 91 MB for 29 MB of objects. The "last-resort" collection
// (what V8 does on a low-memory notification) also compacts, shrinks the young generation and
// hands the empty pages back: 28 MB for 26 MB, the web host 164 MB resident instead of 278 MB
// (.tmp script, process.memoryUsage() and v8.getHeapSpaceStatistics() in both threads). It takes
// about 0.1 s of the worker's time, while the user waits for nothing.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** How long after the last import ended, with none running, the collection runs. */
export const QUIET_MS = 1500;

/** gc()'s options (V8's gc extension): a synchronous full collection that frees all it can. */
const LAST_RESORT = { type: 'major', execution: 'sync', flavor: 'last-resort' } as const;

/** V8's memory-reducing full collection, made callable on this thread; undefined where V8 refuses. */
export function fullCollection(): (() => void) | undefined {
  try {
    // --expose-gc puts gc() on contexts made after it: a new context, this thread's isolate.
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    if (typeof gc !== 'function') return undefined;
    return () => (gc as (options: typeof LAST_RESORT) => void)(LAST_RESORT);
  } catch {
    return undefined;
  }
}

export class GcAfterImports {
  private running = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly collect: () => void,
    private readonly quietMs = QUIET_MS,
  ) {}

  /** Runs `work` as an import: the collection waits until it and every other import are over. */
  async around<T>(work: () => Promise<T>): Promise<T> {
    this.running += 1;
    clearTimeout(this.timer);
    try {
      return await work();
    } finally {
      this.running -= 1;
      if (this.running === 0) {
        this.timer = setTimeout(() => {
          if (this.running === 0) this.collect();
        }, this.quietMs);
        this.timer.unref();
      }
    }
  }
}
