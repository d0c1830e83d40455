// The renderer's one client store (zustand's framework-free core): everything the window shows of
// the core's state — settings, the mirror's and the receiver's status, data notices, the trace list
// with its filters, the latency table — fetched once and kept current by the core's events. One subscription to the
// events, no polling, one request in flight per kind. React reads it through use-client-store.ts.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  DeleteTracesResult,
  LatencyResult,
  OperationKey,
  SettingsState,
  SpanlightApi,
  StorageStats,
  UpdateSettingsRequest,
} from '../../app/contract';
import { LiveQuery, type LiveQueryState } from './live-query';
import {
  initialLiveValues,
  liveValues,
  type LiveValueKey,
  type LiveValueOf,
  type LiveValuesState,
} from './live-values';
import {
  initialTraceListState,
  queryAt,
  TraceList,
  type TraceListFilter,
  type TraceListOptions,
  type TraceListState,
  type TraceSort,
} from './trace-list';

export interface LatencyRequest {
  readonly filter: TraceListFilter;
  readonly histogramOf: OperationKey | undefined;
}

export interface ClientState extends LiveValuesState {
  readonly traceList: TraceListState;
  readonly latency: LiveQueryState<LatencyRequest, LatencyResult>;
  /** The trace database's size and counts, asked while something shows them (the Storage panel). */
  readonly storageStats: LiveQueryState<true, StorageStats>;
}

export interface ClientActions {
  setTraceFilter(filter: TraceListFilter): void;
  setTraceSort(sort: TraceSort): void;
  /** What the latency tab shows; undefined while it is hidden (nothing is asked then). */
  setLatencyRequest(request: LatencyRequest | undefined): void;
  /** Saves settings in the core; the answer (or the event) becomes the settings state. */
  updateSettings(request: UpdateSettingsRequest): Promise<SettingsState>;
  /** Changes the OTLP receiver's settings. The core answers once the change took effect; the
   * receiver's status is then read again, so it says how (listening, or why not). */
  updateReceiverSettings(change: ReceiverSettingsChange): Promise<void>;
  /** Keeps storageStats current while `watching` (asked again as traces change). */
  watchStorageStats(watching: boolean): void;
  /** Pins or unpins a trace; the list hears of it through tracesChanged. */
  setTracePinned(traceId: string, pinned: boolean): Promise<void>;
  deleteTrace(traceId: string): Promise<DeleteTracesResult>;
  /** Deletes the traces the list's current filter matches (all of them), except pinned ones. */
  deleteMatchingTraces(): Promise<DeleteTracesResult>;
  /** Deletes every trace except pinned ones. */
  clearTraces(): Promise<DeleteTracesResult>;
  /** Sets a live value from a command's answer, winning over an older fetch still on its way. */
  setLiveValue<K extends LiveValueKey>(key: K, value: LiveValueOf<K>): void;
}

export type ReceiverSettingsChange = NonNullable<UpdateSettingsRequest['receiver']>;

export interface ClientStore {
  readonly state: StoreApi<ClientState>;
  readonly actions: ClientActions;
  /** Stops listening to the core and drops requests on their way. */
  dispose(): void;
}

export interface ClientStoreOptions {
  readonly traceList?: TraceListOptions;
  /** The latency table is asked again at most this often while traces change. */
  readonly latencyIntervalMillis?: number;
}

export function createClientStore(
  api: SpanlightApi,
  options: ClientStoreOptions = {},
): ClientStore {
  const state = createStore<ClientState>()(() => ({
    ...initialLiveValues(),
    traceList: initialTraceListState,
    latency: { request: undefined, result: undefined, error: undefined },
    storageStats: { request: undefined, result: undefined, error: undefined },
  }));
  // A value set by an event or a command answer wins over the first fetch if that comes later.
  const settledByPush = new Set<LiveValueKey>();
  // Answers that arrive after dispose() change nothing.
  let disposed = false;
  const setLive = (key: LiveValueKey, value: unknown) => {
    if (disposed) return;
    settledByPush.add(key);
    state.setState({ [key]: { value, error: undefined } } as Partial<ClientState>);
  };

  const traceList = new TraceList(
    api,
    (list) => state.setState({ traceList: list }),
    options.traceList,
  );
  const latency = new LiveQuery<LatencyRequest, LatencyResult>(
    ({ filter, histogramOf }) =>
      api.getLatencyByOperation({
        ...(queryAt(filter, Date.now()) && { query: queryAt(filter, Date.now()) }),
        ...(histogramOf && { histogramOf }),
      }),
    (next) => state.setState({ latency: next }),
    options.latencyIntervalMillis ?? 500,
  );

  const storageStats = new LiveQuery<true, StorageStats>(
    () => api.getStorageStats({}),
    (next) => state.setState({ storageStats: next }),
    options.latencyIntervalMillis ?? 500,
  );
  const afterDeleting = (result: DeleteTracesResult) => {
    storageStats.refresh();
    return result;
  };

  // Subscribe before the first fetches, so that nothing that changes in between is missed.
  const unsubscribe = api.subscribe((event) => {
    for (const entry of liveValues) {
      const value = entry.fromEvent(event);
      if (value !== undefined) setLive(entry.key, value);
    }
    if (event.name === 'tracesChanged') {
      traceList.onTracesChanged(event.payload);
      latency.refresh();
      storageStats.refresh();
    }
  });
  for (const entry of liveValues) {
    entry.load(api).then(
      (value) => {
        if (!disposed && !settledByPush.has(entry.key)) {
          state.setState({ [entry.key]: { value, error: undefined } } as Partial<ClientState>);
        }
      },
      (error: Error) => {
        if (!disposed && !settledByPush.has(entry.key)) {
          state.setState({
            [entry.key]: { value: undefined, error: error.message },
          } as Partial<ClientState>);
        }
      },
    );
  }
  traceList.start();

  const actions: ClientActions = {
    setTraceFilter: (filter) => traceList.setFilter(filter),
    setTraceSort: (sort) => traceList.setSort(sort),
    setLatencyRequest: (request) => latency.setRequest(request),
    async updateSettings(request) {
      const settings = await api.updateSettings(request);
      setLive('settings', settings);
      return settings;
    },
    async updateReceiverSettings(change) {
      await actions.updateSettings({ receiver: change });
      const status = await api.getReceiverStatus({});
      if (!disposed) setLive('receiverStatus', status);
    },
    watchStorageStats: (watching) => storageStats.setRequest(watching ? true : undefined),
    async setTracePinned(traceId, pinned) {
      await api.setTracePinned({ traceId, pinned });
      storageStats.refresh();
    },
    deleteTrace: (traceId) => api.deleteTrace({ traceId }).then(afterDeleting),
    deleteMatchingTraces() {
      const query = queryAt(state.getState().traceList.filter, Date.now());
      return api.deleteMatchingTraces(query ? { query } : {}).then(afterDeleting);
    },
    clearTraces: () => api.clearTraces({}).then(afterDeleting),
    setLiveValue: (key, value) => setLive(key, value),
  };

  return {
    state,
    actions,
    dispose() {
      disposed = true;
      unsubscribe();
      traceList.dispose();
      latency.dispose();
      storageStats.dispose();
    },
  };
}
