// The search side of the core: answers listTraces (with an optional query) and
// getLatencyByOperation from the store's search index.
import type {
  LatencyRequest,
  LatencyResult,
  ListTracesRequest,
  TraceListResult,
} from '../contract';
import type { TraceStore } from '../store/trace-store';
import { DEFAULT_BIN_COUNT, latencyByOperation, operationHistogram } from './operation-latency';
import { compileQuery, filterTraces } from './trace-filter';
import { TraceSearchIndex, type IndexedTrace } from './trace-search-index';

/** Filter choices sent with every list; high-cardinality span names must not bloat each reply. */
export const MAX_FACET_VALUES = 1000;

export interface TraceSearch {
  listTraces(request: ListTracesRequest): TraceListResult;
  latencyByOperation(request: LatencyRequest): LatencyResult;
  close(): void;
}

export function createTraceSearch(store: TraceStore): TraceSearch {
  const index = new TraceSearchIndex(store);
  const matching = (request: { query?: ListTracesRequest['query'] }): readonly IndexedTrace[] =>
    filterTraces(index.tracesNewestFirst(), compileQuery(request.query, index.operationTable));

  return {
    listTraces(request) {
      const matched = matching(request);
      const listed = request.limit === undefined ? matched : matched.slice(0, request.limit);
      const facets = index.facets();
      return {
        traces: listed.map((trace) => trace.summary),
        matchedTraces: matched.length,
        services: facets.services.slice(0, MAX_FACET_VALUES),
        spanNames: facets.spanNames.slice(0, MAX_FACET_VALUES),
        totalTraces: store.traceCount,
        droppedTraces: store.droppedTraceCount,
        maxTraces: store.maxTraces,
      };
    },
    latencyByOperation(request) {
      const matched = matching(request);
      const operations = latencyByOperation(matched, index.operationTable);
      const result: LatencyResult = { operations, matchedTraces: matched.length };
      if (!request.histogramOf) return result;
      const bins = operationHistogram(
        matched,
        index.operationTable,
        request.histogramOf,
        request.binCount ?? DEFAULT_BIN_COUNT,
      );
      return bins ? { ...result, histogram: { operation: request.histogramOf, bins } } : result;
    },
    close: () => index.close(),
  };
}
