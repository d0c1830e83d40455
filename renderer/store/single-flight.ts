// One request in flight at a time, at most one every `minIntervalMillis`. Asks made meanwhile wait,
// merged into one (`combine`); when the answer comes, it is dropped if a waiting ask supersedes it
// (the newest wanted answer wins), and the waiting ask goes out next.

export interface SingleFlightOptions<A, R> {
  readonly run: (ask: A) => Promise<R>;
  readonly onAnswer: (answer: R, ask: A) => void;
  readonly onError: (error: Error, ask: A) => void;
  /** Merges a newer ask into the one waiting; by default the newer replaces it. */
  readonly combine?: (waiting: A, newer: A) => A;
  /** Whether the answer to `answered` is of no use once `waiting` is asked; by default it is not. */
  readonly isSuperseded?: (answered: A, waiting: A) => boolean;
  readonly minIntervalMillis?: number;
  /** The interval before this ask, when it differs (a user's own request need not wait). */
  readonly intervalBefore?: (ask: A) => number;
}

export interface SingleFlight<A> {
  ask(ask: A): void;
  /** Forgets the waiting ask and drops the answer of the one in flight. */
  cancel(): void;
  /** True while a request is in flight or an ask waits. */
  readonly busy: boolean;
}

export function singleFlight<A, R>(options: SingleFlightOptions<A, R>): SingleFlight<A> {
  const combine = options.combine ?? ((_waiting: A, newer: A) => newer);
  const isSuperseded = options.isSuperseded ?? (() => true);
  const minInterval = options.minIntervalMillis ?? 0;
  let waiting: { ask: A } | undefined;
  let inFlight = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastStart = -Infinity;
  let generation = 0;

  const pump = () => {
    if (inFlight || timer || !waiting) return;
    const interval = options.intervalBefore?.(waiting.ask) ?? minInterval;
    const wait = lastStart + interval - Date.now();
    if (wait > 0) {
      timer = setTimeout(() => {
        timer = undefined;
        pump();
      }, wait);
      return;
    }
    const { ask } = waiting;
    waiting = undefined;
    inFlight = true;
    lastStart = Date.now();
    const sentIn = generation;
    const settle = (deliver: () => void) => {
      inFlight = false;
      const superseded = waiting !== undefined && isSuperseded(ask, waiting.ask);
      if (sentIn === generation && !superseded) deliver();
      pump();
    };
    let started: Promise<R>;
    try {
      started = options.run(ask);
    } catch (error) {
      started = Promise.reject(error as Error);
    }
    started.then(
      (answer) => settle(() => options.onAnswer(answer, ask)),
      (error: unknown) =>
        settle(() =>
          options.onError(error instanceof Error ? error : new Error(String(error)), ask),
        ),
    );
  };

  return {
    ask(ask) {
      waiting = waiting ? { ask: combine(waiting.ask, ask) } : { ask };
      pump();
    },
    cancel() {
      generation += 1;
      waiting = undefined;
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
    get busy() {
      return inFlight || waiting !== undefined;
    },
  };
}
