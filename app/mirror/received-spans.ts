// Received spans back into one OTLP export request for the mirror: spans that came with the same
// resource and scope objects (one ResourceSpans / ScopeSpans of the received request) are grouped
// under them again.
import type { OtlpResource, OtlpScope, OtlpSpan, OtlpTraceRequest } from '../model/otlp';
import type { IncomingSpan } from '../storage/incoming-span';
import { resourceSpansOf, scopeSpansOf } from '../trace-files/otlp-json-writer';

export function receivedSpansToOtlpRequest(spans: readonly IncomingSpan[]): OtlpTraceRequest {
  const byResource = new Map<OtlpResource, Map<OtlpScope, OtlpSpan[]>>();
  for (const { span, resource, scope } of spans) {
    let byScope = byResource.get(resource);
    if (!byScope) byResource.set(resource, (byScope = new Map()));
    let list = byScope.get(scope);
    if (!list) byScope.set(scope, (list = []));
    list.push(span);
  }
  return {
    resourceSpans: [...byResource].map(([resource, byScope]) =>
      resourceSpansOf(
        resource,
        [...byScope].map(([scope, list]) => scopeSpansOf(scope, list)),
      ),
    ),
  };
}
