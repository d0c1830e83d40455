// The trace list of the client store: the summaries the filters let through, kept current by the
// core's tracesChanged events without listing every trace again.
//
// - No filters: the event's summaries are merged in as they come; only the filter choices
//   (services, span names) are asked of the core again, at most once a second.
// - Filters set: they run in the core (service, span names and attributes are per span, which the
//   summaries don't carry), so the list asks the core which of the changed traces match now
//   (listTraces with `traceIds`) and merges the answer: one request in flight, at most ten a second,
//   each naming only the traces changed since the last. The whole list is fetched only when the
//   filters change.
// - "Last N minutes": the list drops traces as they age out, by a timer set from their start times.
// The list is published at most ten times a second however fast events and answers come.
import type {
  ListTracesRequest,
  SpanlightApi,
  TraceListResult,
  TraceQuery,
  TracesChangedEvent,
  TraceSummary,
} from '../../app/contract';
import { singleFlight, type SingleFlight } from './single-flight';

export interface TraceListFilter {
  /** The query without a time range. */
  readonly query: TraceQuery;
  /** Only traces that started in the last N minutes, counted from each request's time. */
  readonly recentMinutes?: number;
}

export type TraceSortKey = 'start' | 'duration' | 'spans' | 'errors';

export interface TraceSort {
  readonly key: TraceSortKey;
  readonly descending: boolean;
}

export interface TraceListState {
  readonly filter: TraceListFilter;
  readonly sort: TraceSort;
  /** The matching traces held, in `sort` order. */
  readonly traces: readonly TraceSummary[];
  /** False until the first answer for the current filter arrived. */
  readonly loaded: boolean;
  readonly matchedTraces: number;
  readonly totalTraces: number;
  readonly droppedTraces: number;
  readonly maxTraces: number;
  readonly services: readonly string[];
  readonly spanNames: readonly string[];
  readonly error: string | undefined;
  /** How many times the list was published (the burst test counts these). */
  readonly publishCount: number;
}

export const NO_FILTER: TraceListFilter = { query: {} };
export const DEFAULT_SORT: TraceSort = { key: 'start', descending: true };

export const initialTraceListState: TraceListState = {
  filter: NO_FILTER,
  sort: DEFAULT_SORT,
  traces: [],
  loaded: false,
  matchedTraces: 0,
  totalTraces: 0,
  droppedTraces: 0,
  maxTraces: 0,
  services: [],
  spanNames: [],
  error: undefined,
  publishCount: 0,
};

export interface TraceListOptions {
  /** At most this many summaries are held (the newest); the store's default size. */
  readonly maxListed?: number;
  readonly publishIntervalMillis?: number;
  readonly requestIntervalMillis?: number;
  readonly facetsIntervalMillis?: number;
}

export function isFiltered(filter: TraceListFilter): boolean {
  return filter.recentMinutes !== undefined || Object.keys(filter.query).length > 0;
}

/** The query to send at `nowMillis`: the time range becomes a start bound. */
export function queryAt(filter: TraceListFilter, nowMillis: number): TraceQuery | undefined {
  if (filter.recentMinutes === undefined) {
    return Object.keys(filter.query).length > 0 ? filter.query : undefined;
  }
  return { ...filter.query, startAfterUnixMillis: nowMillis - filter.recentMinutes * 60_000 };
}

function compareUnixNano(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

const sortValue: Record<Exclude<TraceSortKey, 'start'>, (trace: TraceSummary) => number> = {
  duration: (trace) => trace.durationMicros,
  spans: (trace) => trace.spanCount,
  errors: (trace) => trace.errorCount,
};

/** Orders summaries by the sort key; ties go newest first, then by id, so the order is stable. */
export function sortTraces(traces: Iterable<TraceSummary>, sort: TraceSort): TraceSummary[] {
  const sign = sort.descending ? -1 : 1;
  const byStart = (a: TraceSummary, b: TraceSummary) =>
    compareUnixNano(b.startTimeUnixNano, a.startTimeUnixNano) ||
    (a.traceId < b.traceId ? -1 : a.traceId > b.traceId ? 1 : 0);
  const list = [...traces];
  if (sort.key === 'start') return list.sort((a, b) => -sign * byStart(a, b));
  const value = sortValue[sort.key];
  return list.sort((a, b) => sign * (value(a) - value(b)) || byStart(a, b));
}

/** Summaries only grow (spans are added, never taken away): the one with more spans is newer. */
function newer(a: TraceSummary | undefined, b: TraceSummary): TraceSummary {
  return a && a.spanCount > b.spanCount ? a : b;
}

type ListAsk =
  | { readonly kind: 'full'; readonly filter: TraceListFilter }
  | { readonly kind: 'changes'; readonly traceIds: ReadonlySet<string> };

/** What happened while a request was on its way, to replay on its answer. */
interface SinceSent {
  readonly removed: Set<string>;
  readonly changed: Map<string, TraceSummary>;
}

export class TraceList {
  private readonly held = new Map<string, TraceSummary>();
  private state: TraceListState = initialTraceListState;
  private readonly requests: SingleFlight<ListAsk>;
  private readonly facets: SingleFlight<null>;
  private since: SinceSent = { removed: new Set(), changed: new Map() };
  private generation = 0;
  private publishTimer: ReturnType<typeof setTimeout> | undefined;
  private agingTimer: ReturnType<typeof setTimeout> | undefined;
  private lastPublish = -Infinity;
  private dirty = false;
  private readonly maxListed: number;
  private readonly publishInterval: number;
  private disposed = false;

  constructor(
    private readonly api: SpanlightApi,
    private readonly publish: (state: TraceListState) => void,
    options: TraceListOptions = {},
  ) {
    this.maxListed = options.maxListed ?? 10_000;
    this.publishInterval = options.publishIntervalMillis ?? 100;
    this.requests = singleFlight<ListAsk, { result: TraceListResult; generation: number }>({
      run: (ask) => this.send(ask),
      onAnswer: ({ result, generation }, ask) => {
        if (generation === this.generation) this.applyAnswer(ask, result);
      },
      onError: (error) => this.update({ error: error.message }),
      combine: (waiting, newer) =>
        waiting.kind === 'full' || newer.kind === 'full'
          ? newer.kind === 'full'
            ? newer
            : waiting
          : { kind: 'changes', traceIds: new Set([...waiting.traceIds, ...newer.traceIds]) },
      // A full list asked for later makes any answer in flight useless; changes never do.
      isSuperseded: (_answered, waiting) => waiting.kind === 'full',
      minIntervalMillis: options.requestIntervalMillis ?? 100,
      // New filters are the user's own request: they go out at once (typing has settled by then).
      intervalBefore: (ask) => (ask.kind === 'full' ? 0 : (options.requestIntervalMillis ?? 100)),
    });
    this.facets = singleFlight<null, TraceListResult>({
      run: () => this.api.listTraces({ limit: 0 }),
      onAnswer: (result) => {
        if (isFiltered(this.state.filter)) return;
        this.update({ services: result.services, spanNames: result.spanNames });
      },
      onError: () => undefined, // the choices stay as they were; the list itself is current
      minIntervalMillis: options.facetsIntervalMillis ?? 1000,
    });
  }

  get current(): TraceListState {
    return this.state;
  }

  start(): void {
    this.requests.ask({ kind: 'full', filter: this.state.filter });
  }

  setFilter(filter: TraceListFilter): void {
    if (JSON.stringify(filter) === JSON.stringify(this.state.filter)) return;
    this.generation += 1;
    this.requests.cancel();
    this.state = { ...this.state, filter, loaded: false };
    this.requests.ask({ kind: 'full', filter });
    this.schedulePublish();
  }

  setSort(sort: TraceSort): void {
    if (sort.key === this.state.sort.key && sort.descending === this.state.sort.descending) return;
    this.state = { ...this.state, sort };
    this.dirty = true;
    this.publishNow();
  }

  onTracesChanged(event: TracesChangedEvent): void {
    // Only what happens while a list request is on its way needs replaying on its answer.
    const since = this.requests.busy ? this.since : undefined;
    let heldRemoved = 0;
    for (const id of event.removedTraceIds) {
      if (this.held.delete(id)) heldRemoved += 1;
      since?.removed.add(id);
      since?.changed.delete(id);
    }
    const filtered = isFiltered(this.state.filter);
    const asked = new Set<string>();
    for (const summary of event.changed) {
      since?.changed.set(summary.traceId, summary);
      // Without filters every trace matches; with them, a held trace most likely still does (its
      // newer summary shows at once), and the core decides below.
      if (!filtered || this.held.has(summary.traceId)) this.held.set(summary.traceId, summary);
      if (filtered) asked.add(summary.traceId);
    }
    this.state = {
      ...this.state,
      totalTraces: event.totalTraces,
      droppedTraces: event.droppedTraces,
      maxTraces: event.maxTraces,
      matchedTraces: filtered
        ? Math.max(0, this.state.matchedTraces - heldRemoved)
        : event.totalTraces,
    };
    if (asked.size > 0) this.requests.ask({ kind: 'changes', traceIds: asked });
    if (!filtered && event.changed.length > 0) this.facets.ask(null);
    this.dirty = true;
    this.schedulePublish();
  }

  dispose(): void {
    this.disposed = true;
    this.requests.cancel();
    this.facets.cancel();
    clearTimeout(this.publishTimer);
    clearTimeout(this.agingTimer);
  }

  private async send(ask: ListAsk): Promise<{ result: TraceListResult; generation: number }> {
    const generation = this.generation;
    this.since = { removed: new Set(), changed: new Map() };
    const query = queryAt(this.state.filter, Date.now());
    const request: ListTracesRequest =
      ask.kind === 'full'
        ? { limit: this.maxListed, ...(query && { query }) }
        : { traceIds: [...ask.traceIds], ...(query && { query }) };
    return { result: await this.api.listTraces(request), generation };
  }

  private applyAnswer(ask: ListAsk, result: TraceListResult): void {
    const { removed, changed } = this.since;
    const filtered = isFiltered(this.state.filter);
    if (ask.kind === 'full') {
      this.held.clear();
      for (const summary of result.traces) this.held.set(summary.traceId, summary);
    } else {
      const answered = new Map(result.traces.map((summary) => [summary.traceId, summary]));
      for (const id of ask.traceIds) {
        const summary = answered.get(id);
        if (summary && !removed.has(id)) this.held.set(id, newer(changed.get(id), summary));
        else this.held.delete(id);
      }
    }
    // Replay what happened while the answer was on its way. (With filters, the traces that changed
    // meanwhile were asked about when their event came: that ask follows this answer.)
    for (const id of removed) this.held.delete(id);
    if (!filtered) {
      for (const [id, summary] of changed) this.held.set(id, newer(this.held.get(id), summary));
    }
    this.state = {
      ...this.state,
      loaded: true,
      error: undefined,
      matchedTraces: filtered ? result.matchedTraces : result.totalTraces,
      totalTraces: result.totalTraces,
      droppedTraces: result.droppedTraces,
      maxTraces: result.maxTraces,
      services: result.services,
      spanNames: result.spanNames,
    };
    this.dirty = true;
    this.schedulePublish();
  }

  private update(patch: Partial<TraceListState>): void {
    this.state = { ...this.state, ...patch };
    this.schedulePublish();
  }

  private schedulePublish(): void {
    if (this.publishTimer || this.disposed) return;
    const wait = this.lastPublish + this.publishInterval - Date.now();
    if (wait <= 0) this.publishNow();
    else {
      this.publishTimer = setTimeout(() => {
        this.publishTimer = undefined;
        this.publishNow();
      }, wait);
    }
  }

  private publishNow(): void {
    if (this.disposed) return;
    clearTimeout(this.publishTimer);
    this.publishTimer = undefined;
    this.lastPublish = Date.now();
    if (this.dirty) {
      this.dirty = false;
      this.trimToLimit();
      this.state = { ...this.state, traces: sortTraces(this.held.values(), this.state.sort) };
      this.scheduleAging();
    }
    this.state = { ...this.state, publishCount: this.state.publishCount + 1 };
    this.publish(this.state);
  }

  private trimToLimit(): void {
    if (this.held.size <= this.maxListed) return;
    const newestFirst = sortTraces(this.held.values(), DEFAULT_SORT);
    for (const summary of newestFirst.slice(this.maxListed)) this.held.delete(summary.traceId);
  }

  /** With "last N minutes", the oldest held trace leaves the list when it ages out. */
  private scheduleAging(): void {
    clearTimeout(this.agingTimer);
    this.agingTimer = undefined;
    const minutes = this.state.filter.recentMinutes;
    if (minutes === undefined || this.held.size === 0) return;
    let oldest = Infinity;
    for (const summary of this.held.values()) {
      oldest = Math.min(oldest, Number(BigInt(summary.startTimeUnixNano) / 1_000_000n));
    }
    const agesOutAt = oldest + minutes * 60_000;
    this.agingTimer = setTimeout(() => this.dropAged(), Math.max(0, agesOutAt - Date.now()));
  }

  private dropAged(): void {
    const minutes = this.state.filter.recentMinutes;
    if (minutes === undefined) return;
    const bound = BigInt(Date.now() - minutes * 60_000) * 1_000_000n;
    let dropped = 0;
    for (const [id, summary] of this.held) {
      if (BigInt(summary.startTimeUnixNano) < bound) {
        this.held.delete(id);
        dropped += 1;
      }
    }
    this.state = { ...this.state, matchedTraces: Math.max(0, this.state.matchedTraces - dropped) };
    this.dirty = true;
    this.schedulePublish();
  }
}
