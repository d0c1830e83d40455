// The app model back to an OTLP/JSON ExportTraceServiceRequest: spans grouped under their
// resource and scope again, in the order they were first seen. Attribute values are cut to
// MAX_VALUE_DEPTH levels (JSON.stringify recurses); values within it are written unchanged.
import { limitAttributesDepth } from '../model/any-value-depth';
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
        limitedResource(trace.resources[resourceIndex] ?? { attributes: [] }),
        [...byScope].map(([scopeIndex, spans]) =>
          scopeSpansOf(limitedScope(trace.scopes[scopeIndex] ?? { name: '' }), spans),
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
  return limitedSpan(otlp);
}

function limitedResource(resource: OtlpResource): OtlpResource {
  const attributes = limitAttributesDepth(resource.attributes);
  return attributes === resource.attributes ? resource : { ...resource, attributes };
}

function limitedScope(scope: OtlpScope): OtlpScope {
  const attributes = limitAttributesDepth(scope.attributes);
  return attributes === scope.attributes ? scope : { ...scope, attributes };
}

function limitedSpan(span: OtlpSpan): OtlpSpan {
  const attributes = limitAttributesDepth(span.attributes);
  let events = span.events;
  if (events?.some((event) => limitAttributesDepth(event.attributes) !== event.attributes))
    events = events.map((event) => ({
      ...event,
      attributes: limitAttributesDepth(event.attributes),
    }));
  let links = span.links;
  if (links?.some((link) => limitAttributesDepth(link.attributes) !== link.attributes))
    links = links.map((link) => ({ ...link, attributes: limitAttributesDepth(link.attributes) }));
  if (attributes === span.attributes && events === span.events && links === span.links) return span;
  return {
    ...span,
    ...(attributes && { attributes }),
    ...(events && { events }),
    ...(links && { links }),
  };
}
