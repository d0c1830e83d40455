import { useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import type { LatencyResult, OperationKey, SpanlightApi } from '../../app/contract';
import { exactNamePattern } from '../../app/model/name-pattern';
import { LatencyHistogram } from '../charts/LatencyHistogram';
import { LatencyTable } from '../charts/LatencyTable';
import { TraceScatter } from '../charts/TraceScatter';
import { TraceComparison, type ComparedTrace } from '../compare/TraceComparison';
import type { TraceRoute } from '../routing/trace-route';
import { RemoteSearchForm, type RemoteSearchOutcome } from '../sources/RemoteSearchForm';
import { LOCAL_SOURCE } from '../sources/source-scoped-api';
import { sourceNameOf } from '../sources/source-text';
import { SourcePicker } from '../sources/SourcePicker';
import { DEFAULT_SORT, NO_FILTER, sortTraces, type TraceListState } from '../store/trace-list';
import { useClientActions, useClientState } from '../store/use-client-store';
import { TraceList } from '../trace-list/TraceList';
import { TraceLookup } from '../trace-list/TraceLookup';
import { FilterBar } from './FilterBar';
import { buildTraceFilter, isFiltering } from './filter-state';
import { useFilterState } from './use-filter-state';

type Tab = 'chart' | 'latency' | 'compare';
const TABS: readonly { id: Tab; label: string }[] = [
  { id: 'chart', label: 'Chart' },
  { id: 'latency', label: 'Latency' },
  { id: 'compare', label: 'Compare' },
];
const TYPING_SETTLES_MILLIS = 150;

interface SearchPaneProps {
  readonly api: SpanlightApi;
  /** Where the list comes from: "local" or a remote source's id. */
  readonly source: string;
  readonly onSourceChange: (source: string) => void;
  /** The trace shown, if it is of this source. */
  readonly selectedTraceId: string | undefined;
  /** Shows a trace of the chosen source. */
  readonly onSelect: (traceId: string) => void;
  /** Opens a trace (and span) found by the id box. */
  readonly onOpen: (route: TraceRoute) => void;
}

interface RemoteResults {
  readonly source: string;
  readonly outcome: RemoteSearchOutcome;
  readonly serial: number;
}

/** A remote search's results as the trace list shows them. */
function remoteListState(
  results: RemoteResults | undefined,
  sort: TraceListState['sort'],
): TraceListState {
  const traces = results?.outcome.ok ? results.outcome.result.traces : [];
  return {
    filter: NO_FILTER,
    sort,
    traces: sortTraces(traces, sort),
    // Before the first search the list says how to search, rather than "Loading".
    loaded: true,
    matchedTraces: traces.length,
    totalTraces: traces.length,
    droppedTraces: 0,
    maxTraces: 0,
    services: [],
    spanNames: [],
    error: results && !results.outcome.ok ? results.outcome.error.message : undefined,
    publishCount: 0,
  };
}

/** The latency table over a remote source's last search (the core holds its traces). */
function useRemoteLatency(
  api: SpanlightApi,
  results: RemoteResults | undefined,
  histogramOf: OperationKey | undefined,
  active: boolean,
): { result: LatencyResult | undefined; error: string | undefined } {
  const [state, setState] = useState<{ result?: LatencyResult; error?: string }>({});
  const source = results?.source;
  const serial = results?.serial;
  useEffect(() => {
    if (!active || source === undefined) return;
    let live = true;
    setState({});
    api.getLatencyByOperation({ source, ...(histogramOf && { histogramOf }) }).then(
      (result) => live && setState({ result }),
      (error: Error) => live && setState({ error: error.message }),
    );
    return () => {
      live = false;
    };
  }, [api, source, serial, histogramOf, active]);
  return { result: state.result, error: state.error };
}

const sameTrace = (a: ComparedTrace, b: ComparedTrace) =>
  a.traceId === b.traceId && a.source === b.source;

/** The left-hand pane: the source, trace lookup, filters (or a remote source's search form), the
 * chart / latency / comparison panel, the list. */
export function SearchPane({
  api,
  source,
  onSourceChange,
  selectedTraceId,
  onSelect,
  onOpen,
}: SearchPaneProps) {
  const remoteSource = source === LOCAL_SOURCE ? undefined : source;
  const sources = useClientState((state) => state.sources.value?.sources);
  const sourceName = sourceNameOf(sources, source);
  const [remoteResults, setRemoteResults] = useState<RemoteResults>();
  const [remoteSort, setRemoteSort] = useState(DEFAULT_SORT);
  const shownResults = remoteResults?.source === remoteSource ? remoteResults : undefined;
  const {
    filters,
    settled: settledFilters,
    change: changeFilters,
  } = useFilterState(TYPING_SETTLES_MILLIS);
  const [tab, setTab] = useState<Tab>('chart');
  const [histogramOf, setHistogramOf] = useState<OperationKey>();
  const [compared, setCompared] = useState<readonly ComparedTrace[]>([]);
  const actions = useClientActions();
  // Rendered at low priority: while traces stream in, the list and the chart follow in slices
  // that yield to the trace being opened (its rows render first). The user's own sort and
  // filter show at once.
  const liveList = useClientState((state) => state.traceList);
  const deferredList = useDeferredValue(liveList);
  const list =
    deferredList.sort === liveList.sort && deferredList.filter === liveList.filter
      ? deferredList
      : liveList;
  const latency = useDeferredValue(useClientState((state) => state.latency));

  // Problems show at once; the store's query waits for typing to settle.
  const { problems } = buildTraceFilter(filters);
  const settledFilter = useMemo(() => buildTraceFilter(settledFilters).filter, [settledFilters]);
  useEffect(() => actions.setTraceFilter(settledFilter), [actions, settledFilter]);
  useEffect(() => {
    actions.setLatencyRequest(
      tab === 'latency' ? { filter: settledFilter, histogramOf } : undefined,
    );
  }, [actions, tab, settledFilter, histogramOf]);
  useEffect(() => () => actions.setLatencyRequest(undefined), [actions]);
  // Lets `npm run bench:search` time the chart from the moment its data arrived.
  useEffect(() => {
    if (list.loaded) performance.mark('spanlight:traces-received');
  }, [list.loaded, list.traces]);

  const chooseOperation = useCallback(
    (operation: OperationKey) => {
      const key = { service: operation.service, spanName: operation.spanName };
      setHistogramOf(key);
      if (remoteSource) return;
      // Names match as substrings: a name that others contain is sent as an exact /^…$/ pattern.
      const spanName = exactNamePattern(operation.spanName, list.spanNames);
      changeFilters((current) => ({ ...current, ...key, spanName, spanNameScope: 'any' }), false);
    },
    [changeFilters, list.spanNames, remoteSource],
  );

  const toggleCompare = useCallback(
    (traceId: string) => {
      const entry: ComparedTrace = remoteSource
        ? { traceId, source: remoteSource, sourceName }
        : { traceId };
      const next = compared.some((item) => sameTrace(item, entry))
        ? compared.filter((item) => !sameTrace(item, entry))
        : [...compared, entry].slice(-2);
      setCompared(next);
      if (next.length === 2) setTab('compare');
    },
    [compared, remoteSource, sourceName],
  );

  const onRemoteOutcome = useCallback(
    (outcome: RemoteSearchOutcome) => {
      if (!remoteSource) return;
      setHistogramOf(undefined);
      setRemoteResults((previous) => ({
        source: remoteSource,
        outcome,
        serial: (previous?.serial ?? 0) + 1,
      }));
    },
    [remoteSource],
  );
  const remoteLatency = useRemoteLatency(
    api,
    shownResults,
    histogramOf,
    remoteSource !== undefined && tab === 'latency',
  );
  const remoteList = useMemo(
    () => remoteListState(shownResults, remoteSort),
    [shownResults, remoteSort],
  );
  const shownList = remoteSource ? remoteList : list;

  const error = remoteSource ? remoteLatency.error : latency.error;
  const traces = shownList.traces;
  const lookup = useCallback(
    (idPrefix: string) => api.lookupTrace({ idPrefix, source }),
    [api, source],
  );
  const latencyResult = remoteSource
    ? remoteLatency.result
    : latency.request !== undefined
      ? latency.result
      : undefined;
  const comparedHere = compared
    .filter((item) => item.source === remoteSource)
    .map((item) => item.traceId);
  const warnings = shownResults?.outcome.ok ? shownResults.outcome.result.warnings : [];

  return (
    <div className="search-pane">
      <SourcePicker
        api={api}
        sources={sources ?? []}
        source={source}
        onChange={(next) => {
          setHistogramOf(undefined);
          onSourceChange(next);
        }}
      />
      <TraceLookup lookup={lookup} sourceName={sourceName} source={remoteSource} onOpen={onOpen} />
      {remoteSource ? (
        <RemoteSearchForm
          key={remoteSource}
          api={api}
          sourceId={remoteSource}
          sourceName={sourceName}
          sourceInfo={sources?.find((item) => item.id === remoteSource)}
          onOutcome={onRemoteOutcome}
        />
      ) : (
        <FilterBar
          filters={filters}
          problems={problems}
          services={list.services}
          spanNames={list.spanNames}
          onChange={changeFilters}
        />
      )}
      {warnings.length > 0 && (
        <p className="notice notice-warning" role="note">
          {sourceName} answered spans Spanlight left out: {warnings.slice(0, 3).join('; ')}
          {warnings.length > 3 ? ` (and ${warnings.length - 3} more)` : ''}
        </p>
      )}
      {error && (
        <div className="notice notice-error" role="alert">
          {error}
        </div>
      )}
      <div className="search-tabs" role="tablist" aria-label="Views of the listed traces">
        {TABS.map(({ id, label }) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`search-tab-${id}`}
            aria-selected={tab === id}
            aria-controls="search-panel"
            className={tab === id ? 'active' : undefined}
            onClick={() => setTab(id)}
          >
            {id === 'compare' ? `${label} (${compared.length}/2)` : label}
          </button>
        ))}
      </div>
      <div
        id="search-panel"
        role="tabpanel"
        aria-labelledby={`search-tab-${tab}`}
        className={`search-panel search-panel-${tab}`}
      >
        {tab === 'chart' && (
          <TraceScatter traces={traces} selectedTraceId={selectedTraceId} onSelect={onSelect} />
        )}
        {tab === 'latency' &&
          (latencyResult ? (
            <div className="latency-view">
              <LatencyTable
                operations={latencyResult.operations}
                chosen={histogramOf}
                onChoose={chooseOperation}
              />
              {latencyResult.histogram ? (
                <LatencyHistogram
                  operation={latencyResult.histogram.operation}
                  bins={latencyResult.histogram.bins}
                />
              ) : (
                <p className="empty">
                  {remoteSource
                    ? 'Choose an operation to see its durations.'
                    : 'Choose an operation to see its durations and list its traces.'}
                </p>
              )}
            </div>
          ) : (
            <p className="empty">
              {remoteSource && !shownResults
                ? 'Search the source to see the latencies of its traces.'
                : 'Computing latencies…'}
            </p>
          ))}
        {tab === 'compare' &&
          (compared.length === 2 ? (
            <TraceComparison
              api={api}
              traces={[compared[0]!, compared[1]!]}
              onClear={() => setCompared([])}
            />
          ) : (
            <p className="empty">
              Tick “Compare” on two traces in the list to see them side by side ({compared.length}{' '}
              of 2 chosen).
            </p>
          ))}
      </div>
      <TraceList
        list={shownList}
        selectedTraceId={selectedTraceId}
        onSelect={onSelect}
        onSort={remoteSource ? setRemoteSort : actions.setTraceSort}
        filtered={remoteSource ? false : isFiltering(settledFilters)}
        comparedTraceIds={comparedHere}
        onToggleCompare={toggleCompare}
        {...(remoteSource && {
          emptyText: shownResults
            ? `No trace in ${sourceName} matches the search.`
            : `Choose a service and press Find traces to search ${sourceName}.`,
        })}
        storage={remoteSource ? undefined : actions}
      />
    </div>
  );
}
