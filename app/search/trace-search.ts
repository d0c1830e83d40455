// The search side of the core: answers listTraces (with an optional query) and
// getLatencyByOperation from the store.
import type {
  LatencyRequest,
  LatencyResult,
  ListTracesRequest,
  TraceListResult,
} from '../contract';
import type { TraceStore } from '../storage/trace-store';

/** Filter choices sent with every list; high-cardinality span names must not bloat each reply. */
export const MAX_FACET_VALUES = 1000;

export interface TraceSearch {
  listTraces(request: ListTracesRequest): TraceListResult;
  latencyByOperation(request: LatencyRequest): LatencyResult;
  close(): void;
}

export function createTraceSearch(store: TraceStore): TraceSearch {
  return {
    listTraces(request) {
      const page = store.queryTraces({ query: request.query, limit: request.limit });
      const facets = store.facets();
      return {
        traces: page.traces,
        matchedTraces: page.matchedTraces,
        services: facets.services.slice(0, MAX_FACET_VALUES),
        spanNames: facets.spanNames.slice(0, MAX_FACET_VALUES),
        totalTraces: store.traceCount,
        droppedTraces: store.droppedTraceCount,
        maxTraces: store.maxTraces,
      };
    },
    latencyByOperation: (request) => store.latencyByOperation(request),
    close() {},
  };
}
