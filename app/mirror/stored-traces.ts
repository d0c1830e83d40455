// Stored traces back into OTLP export requests: the store keeps each span's resource and scope in
// per-trace tables, so the original ResourceSpans/ScopeSpans grouping can be rebuilt exactly.
import type { OtlpResourceSpans, OtlpSpan, OtlpTraceRequest } from '../model/otlp';
import type { AppSpan, TraceDetail } from '../model/trace';

function withoutTableIndexes(span: AppSpan): OtlpSpan {
  const { resourceIndex: _resource, scopeIndex: _scope, ...otlp } = span;
  return otlp;
}

export function traceToResourceSpans(trace: TraceDetail): OtlpResourceSpans[] {
  const byResource = new Map<number, Map<number, OtlpSpan[]>>();
  for (const span of trace.spans) {
    let byScope = byResource.get(span.resourceIndex);
    if (!byScope) byResource.set(span.resourceIndex, (byScope = new Map()));
    let spans = byScope.get(span.scopeIndex);
    if (!spans) byScope.set(span.scopeIndex, (spans = []));
    spans.push(withoutTableIndexes(span));
  }
  return [...byResource].map(([resourceIndex, byScope]) => ({
    resource: trace.resources[resourceIndex] ?? { attributes: [] },
    scopeSpans: [...byScope].map(([scopeIndex, spans]) => ({
      scope: trace.scopes[scopeIndex] ?? { name: '' },
      spans,
    })),
  }));
}

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
    current.push(...traceToResourceSpans(trace));
    spanCount += trace.spans.length;
  }
  if (spanCount > 0) requests.push({ resourceSpans: current });
  return requests;
}
