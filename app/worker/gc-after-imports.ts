// One full garbage collection on the core's thread once imports are over and it has been quiet a
// while. An import leaves a lot of garbage in the old generation (the parsed JSON of every span
// batch), and V8 collects it only when more memory is asked for, or when its memory reducer
// happens to run: the web host sat at about 290 MB resident after a 100,000-span import in most
// runs, at 170 MB when it did (.tmp script sampling VmRSS 20 s after `--open`). A collection when
// the user is not waiting for anything returns that memory at once.
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
