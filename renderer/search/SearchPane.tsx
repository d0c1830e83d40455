import { useCallback, useMemo, useState } from 'react';
import type {
  LatencyResult,
  OperationKey,
  SpanlightApi,
  TraceListResult,
} from '../../app/contract';
import { LatencyHistogram } from '../charts/LatencyHistogram';
import { LatencyTable } from '../charts/LatencyTable';
import { TraceScatter } from '../charts/TraceScatter';
import { TraceComparison } from '../compare/TraceComparison';
import { TraceList } from '../trace-list/TraceList';
import { FilterBar } from './FilterBar';
import { buildTraceQuery, isFiltering } from './filter-state';
import { useFilterState } from './use-filter-state';
import { useLiveResult } from './use-live-result';

type Tab = 'chart' | 'latency' | 'compare';
const TABS: readonly { id: Tab; label: string }[] = [
  { id: 'chart', label: 'Chart' },
  { id: 'latency', label: 'Latency' },
  { id: 'compare', label: 'Compare' },
];
const TYPING_SETTLES_MILLIS = 150;
/** With a "last N minutes" range, traces age out of it: re-ask the core this often. */
const TIME_RANGE_REFRESH_MILLIS = 5_000;

// Lets `npm run bench:search` time the chart from the moment its data arrived.
const markTracesReceived = () => performance.mark('spanlight:traces-received');

interface SearchPaneProps {
  readonly api: SpanlightApi;
  readonly selectedTraceId: string | undefined;
  readonly onSelect: (traceId: string) => void;
}

/** The left-hand pane: filters, the chart / latency / comparison panel, and the trace list. */
export function SearchPane({ api, selectedTraceId, onSelect }: SearchPaneProps) {
  const {
    filters,
    settled: settledFilters,
    change: changeFilters,
  } = useFilterState(TYPING_SETTLES_MILLIS);
  const [tab, setTab] = useState<Tab>('chart');
  const [histogramOf, setHistogramOf] = useState<OperationKey>();
  const [compared, setCompared] = useState<readonly string[]>([]);

  // Problems show at once; queries wait for typing to settle.
  const { problems } = buildTraceQuery(filters, Date.now());
  const loadList = useCallback(
    () => api.listTraces({ query: buildTraceQuery(settledFilters, Date.now()).query }),
    [api, settledFilters],
  );
  const loadLatency = useCallback(
    () =>
      api.getLatencyByOperation({
        query: buildTraceQuery(settledFilters, Date.now()).query,
        histogramOf,
      }),
    [api, settledFilters, histogramOf],
  );
  const poll = settledFilters.timeRange === 'all' ? undefined : TIME_RANGE_REFRESH_MILLIS;
  const list = useLiveResult<TraceListResult>(api, loadList, poll, markTracesReceived);
  const latency = useLiveResult<LatencyResult>(
    api,
    tab === 'latency' ? loadLatency : undefined,
    poll,
  );

  const chooseOperation = useCallback(
    (operation: OperationKey) => {
      const key = { service: operation.service, spanName: operation.spanName };
      setHistogramOf(key);
      changeFilters((current) => ({ ...current, ...key, spanNameScope: 'any' }), false);
    },
    [changeFilters],
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

  const result = list.result;
  const error = list.error ?? latency.error;
  const traces = useMemo(() => result?.traces ?? [], [result]);

  return (
    <div className="search-pane">
      <FilterBar
        filters={filters}
        problems={problems}
        services={result?.services ?? []}
        spanNames={result?.spanNames ?? []}
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
          (latency.result ? (
            <div className="latency-view">
              <LatencyTable
                operations={latency.result.operations}
                chosen={histogramOf}
                onChoose={chooseOperation}
              />
              {latency.result.histogram ? (
                <LatencyHistogram
                  operation={latency.result.histogram.operation}
                  bins={latency.result.histogram.bins}
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
        result={result}
        selectedTraceId={selectedTraceId}
        onSelect={onSelect}
        filtered={isFiltering(settledFilters)}
        comparedTraceIds={compared}
        onToggleCompare={toggleCompare}
      />
    </div>
  );
}
