// Stored traces back into OTLP export requests: the store keeps each span's resource and scope in
// per-trace tables, so the original ResourceSpans/ScopeSpans grouping can be rebuilt exactly.
import type { OtlpResourceSpans, OtlpTraceRequest } from '../model/otlp';
import type { TraceDetail } from '../model/trace';
import { toOtlpTraceRequest } from '../trace-files/otlp-json-writer';

/** Whole traces packed into requests of about maxSpansPerRequest spans (a big trace goes alone). */
export function tracesToOtlpRequests(
  traces: readonly TraceDetail[],
  maxSpansPerRequest: number,
): OtlpTraceRequest[] {
  const requests: OtlpTraceRequest[] = [];
  let current: OtlpResourceSpans[] = [];
  let spanCount = 0;
  for (const trace of traces) {
    if (spanCount > 0 && spanCount + trace.spans.length > maxSpansPerRequest) {
      requests.push({ resourceSpans: current });
      current = [];
      spanCount = 0;
    }
    current.push(...(toOtlpTraceRequest(trace).resourceSpans ?? []));
    spanCount += trace.spans.length;
  }
  if (spanCount > 0) requests.push({ resourceSpans: current });
  return requests;
}
