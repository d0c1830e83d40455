// An answer computed by the core over many traces (the latency table): it can't be merged from
// summaries, so it is asked again after traces change — one request in flight, at most one per
// interval, and only while something shows it (a request is set).
import { singleFlight } from './single-flight';

export interface LiveQueryState<Q, R> {
  readonly request: Q | undefined;
  /** The answer to `request` (or to the one before it, until the new answer comes). */
  readonly result: R | undefined;
  readonly error: string | undefined;
}

export class LiveQuery<Q, R> {
  private state: LiveQueryState<Q, R> = { request: undefined, result: undefined, error: undefined };
  private generation = 0;
  private readonly requests;

  constructor(
    run: (request: Q) => Promise<R>,
    private readonly publish: (state: LiveQueryState<Q, R>) => void,
    minIntervalMillis: number,
  ) {
    this.requests = singleFlight<{ request: Q; generation: number }, R>({
      run: ({ request }) => run(request),
      onAnswer: (result, { generation }) => {
        if (generation !== this.generation) return;
        this.set({ ...this.state, result, error: undefined });
      },
      onError: (error, { generation }) => {
        if (generation === this.generation) this.set({ ...this.state, error: error.message });
      },
      minIntervalMillis,
    });
  }

  get current(): LiveQueryState<Q, R> {
    return this.state;
  }

  /** Shows the answer to `request`; undefined stops asking. */
  setRequest(request: Q | undefined): void {
    if (JSON.stringify(request) === JSON.stringify(this.state.request)) return;
    this.generation += 1;
    this.requests.cancel();
    this.set({ ...this.state, request, error: undefined });
    if (request !== undefined) this.requests.ask({ request, generation: this.generation });
  }

  /** The traces changed: ask again (coalesced) if anything shows the answer. */
  refresh(): void {
    const { request } = this.state;
    if (request !== undefined) this.requests.ask({ request, generation: this.generation });
  }

  dispose(): void {
    this.generation += 1;
    this.requests.cancel();
  }

  private set(state: LiveQueryState<Q, R>): void {
    this.state = state;
    this.publish(state);
  }
}
