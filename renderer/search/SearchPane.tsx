import { useCallback, useEffect, useMemo, useState } from 'react';
import type { OperationKey, SpanlightApi } from '../../app/contract';
import { exactNamePattern } from '../../app/model/name-pattern';
import { LatencyHistogram } from '../charts/LatencyHistogram';
import { LatencyTable } from '../charts/LatencyTable';
import { TraceScatter } from '../charts/TraceScatter';
import { TraceComparison } from '../compare/TraceComparison';
import type { TraceRoute } from '../routing/trace-route';
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
  readonly selectedTraceId: string | undefined;
  readonly onSelect: (traceId: string) => void;
  /** Opens a trace (and span) found by the id box. */
  readonly onOpen: (route: TraceRoute) => void;
}

/** The left-hand pane: trace lookup, filters, the chart / latency / comparison panel, the list. */
export function SearchPane({ api, selectedTraceId, onSelect, onOpen }: SearchPaneProps) {
  const {
    filters,
    settled: settledFilters,
    change: changeFilters,
  } = useFilterState(TYPING_SETTLES_MILLIS);
  const [tab, setTab] = useState<Tab>('chart');
  const [histogramOf, setHistogramOf] = useState<OperationKey>();
  const [compared, setCompared] = useState<readonly string[]>([]);
  const actions = useClientActions();
  const list = useClientState((state) => state.traceList);
  const latency = useClientState((state) => state.latency);

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
      // Names match as substrings: a name that others contain is sent as an exact /^…$/ pattern.
      const spanName = exactNamePattern(operation.spanName, list.spanNames);
      changeFilters((current) => ({ ...current, ...key, spanName, spanNameScope: 'any' }), false);
    },
    [changeFilters, list.spanNames],
  );

  const toggleCompare = useCallback(
    (traceId: string) => {
      const next = compared.includes(traceId)
        ? compared.filter((id) => id !== traceId)
        : [...compared, traceId].slice(-2);
      setCompared(next);
      if (next.length === 2) setTab('compare');
    },
    [compared],
  );

  const error = latency.error;
  const traces = list.traces;
  const lookup = useCallback(
    (idPrefix: string) => api.lookupTrace({ idPrefix, source: 'local' }),
    [api],
  );
  const latencyResult = latency.request !== undefined ? latency.result : undefined;

  return (
    <div className="search-pane">
      <TraceLookup lookup={lookup} sourceName="the local store" onOpen={onOpen} />
      <FilterBar
        filters={filters}
        problems={problems}
        services={list.services}
        spanNames={list.spanNames}
        onChange={changeFilters}
      />
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
                  Choose an operation to see its durations and list its traces.
                </p>
              )}
            </div>
          ) : (
            <p className="empty">Computing latencies…</p>
          ))}
        {tab === 'compare' &&
          (compared.length === 2 ? (
            <TraceComparison
              api={api}
              traceIds={[compared[0]!, compared[1]!]}
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
        list={list}
        selectedTraceId={selectedTraceId}
        onSelect={onSelect}
        onSort={actions.setTraceSort}
        filtered={isFiltering(settledFilters)}
        comparedTraceIds={compared}
        onToggleCompare={toggleCompare}
        storage={actions}
      />
    </div>
  );
}
