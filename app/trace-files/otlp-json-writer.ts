// The app model back to an OTLP/JSON ExportTraceServiceRequest: spans grouped under their
// resource and scope again, in the order they were first seen. Attribute values are cut to
// MAX_VALUE_DEPTH levels (JSON.stringify recurses); values within it are written unchanged.
import { limitResourceDepth, limitScopeDepth, limitSpanDepth } from '../model/any-value-depth';
import type {
  OtlpResource,
  OtlpResourceSpans,
  OtlpScope,
  OtlpScopeSpans,
  OtlpSpan,
  OtlpTraceRequest,
} from '../model/otlp';
import type { AppSpan, TraceDetail } from '../model/trace';

export function toOtlpTraceRequest(trace: TraceDetail): OtlpTraceRequest {
  const byResource = new Map<number, Map<number, OtlpSpan[]>>();
  for (const span of trace.spans) {
    let byScope = byResource.get(span.resourceIndex);
    if (!byScope) byResource.set(span.resourceIndex, (byScope = new Map()));
    let spans = byScope.get(span.scopeIndex);
    if (!spans) byScope.set(span.scopeIndex, (spans = []));
    spans.push(withoutTableIndexes(span));
  }
  const resourceSpans: OtlpResourceSpans[] = [];
  for (const [resourceIndex, byScope] of byResource) {
    resourceSpans.push(
      resourceSpansOf(
        limitResourceDepth(trace.resources[resourceIndex] ?? { attributes: [] }),
        [...byScope].map(([scopeIndex, spans]) =>
          scopeSpansOf(limitScopeDepth(trace.scopes[scopeIndex] ?? { name: '' }), spans),
        ),
      ),
    );
  }
  return { resourceSpans };
}

/** The model keeps schemaUrl with the resource and scope; OTLP puts it beside them. */
export function resourceSpansOf(
  { schemaUrl, ...resource }: OtlpResource,
  scopeSpans: OtlpScopeSpans[],
): OtlpResourceSpans {
  return { resource, scopeSpans, ...(schemaUrl && { schemaUrl }) };
}

export function scopeSpansOf(
  { schemaUrl, ...scope }: OtlpScope,
  spans: OtlpSpan[],
): OtlpScopeSpans {
  return { scope, spans, ...(schemaUrl && { schemaUrl }) };
}

function withoutTableIndexes(span: AppSpan): OtlpSpan {
  const { resourceIndex: _resourceIndex, scopeIndex: _scopeIndex, ...otlp } = span;
  return limitSpanDepth(otlp);
}
