// listTraces with `traceIds`: which of the traces a tracesChanged event named match the UI's
// filters now. The UI merges the answer into the list it has instead of listing every match again.
import type { ListTracesRequest, TraceListResult } from '../contract';

export interface TraceLister {
  listTraces(request: ListTracesRequest): TraceListResult;
}

export function listTracesAmong(search: TraceLister, request: ListTracesRequest): TraceListResult {
  const { traceIds, ...rest } = request;
  if (!traceIds) return search.listTraces(rest);
  // The filters run over every trace anyway (matchedTraces counts them all); the answer carries
  // only the summaries asked for. A store with its own index can narrow the query instead.
  const result = search.listTraces({ query: rest.query });
  const wanted = new Set(traceIds);
  const among = result.traces.filter((summary) => wanted.has(summary.traceId));
  return {
    ...result,
    traces: rest.limit === undefined ? among : among.slice(0, rest.limit),
  };
}
