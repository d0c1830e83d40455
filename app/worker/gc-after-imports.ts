// One full garbage collection on the core's thread once imports are over and it has been quiet a
// while. An import leaves much of what it parsed in the old generation, which V8 collects only
// once more memory is asked for: after a 100,000-span `--open` the worker's heap held 56–79 MB
// until then, 29 MB after this collection (process.memoryUsage() in the worker around it, 4 runs).
// Collected while the user waits for nothing, it is ready for the next import or trace.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** How long after the last import ended, with none running, the collection runs. */
export const QUIET_MS = 1500;

/** V8's full collection, made callable on this thread; undefined where V8 refuses. */
export function fullCollection(): (() => void) | undefined {
  try {
    // --expose-gc puts gc() on contexts made after it: a new context, this thread's isolate.
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => void) : undefined;
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
