// Received spans in a form where encodings that mean the same compare equal: OTLP JSON may write
// a zero count or an empty string that protobuf leaves out, and int64 values as numbers.
import type { OtlpAnyValue, OtlpKeyValue } from '../../app/model/otlp';
import type { IncomingSpan } from '../../app/storage/incoming-span';

function value(v: OtlpAnyValue | undefined): unknown {
  if (!v) return undefined;
  if (v.intValue !== undefined) return { intValue: String(v.intValue) };
  if (v.arrayValue) return { arrayValue: (v.arrayValue.values ?? []).map(value) };
  if (v.kvlistValue) return { kvlistValue: attributes(v.kvlistValue.values) };
  return v;
}

function attributes(list: readonly OtlpKeyValue[] | undefined): unknown[] {
  return (list ?? []).map((kv) => ({ key: kv.key, value: value(kv.value) }));
}

/** Drops zero numbers, empty strings and empty lists. */
function withoutDefaults(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(object).filter(
      ([, field]) =>
        field !== undefined &&
        field !== 0 &&
        field !== '' &&
        !(Array.isArray(field) && field.length === 0),
    ),
  );
}

export function normalizedSpans(spans: readonly IncomingSpan[]): unknown[] {
  return spans.map(({ span, resource, scope }) => ({
    span: withoutDefaults({
      ...span,
      startTimeUnixNano: String(span.startTimeUnixNano),
      endTimeUnixNano: String(span.endTimeUnixNano),
      attributes: attributes(span.attributes),
      events: (span.events ?? []).map((event) =>
        withoutDefaults({
          ...event,
          timeUnixNano: String(event.timeUnixNano),
          attributes: attributes(event.attributes),
        }),
      ),
      links: (span.links ?? []).map((link) =>
        withoutDefaults({ ...link, attributes: attributes(link.attributes) }),
      ),
      status: span.status && withoutDefaults({ ...span.status }),
    }),
    resource: withoutDefaults({ ...resource, attributes: attributes(resource.attributes) }),
    scope: withoutDefaults({ ...scope, attributes: attributes(scope.attributes) }),
  }));
}

/** The spans of a raw OTLP JSON request (as a foreign serializer wrote it), as IncomingSpans. */
export function incomingSpansOf(request: {
  resourceSpans?: readonly {
    resource?: Record<string, unknown>;
    schemaUrl?: string;
    scopeSpans?: readonly {
      scope?: Record<string, unknown>;
      schemaUrl?: string;
      spans?: readonly Record<string, unknown>[];
    }[];
  }[];
}): IncomingSpan[] {
  const out: IncomingSpan[] = [];
  for (const rs of request.resourceSpans ?? [])
    for (const ss of rs.scopeSpans ?? [])
      for (const span of ss.spans ?? [])
        out.push({
          span: span as never,
          resource: { attributes: [], ...rs.resource, schemaUrl: rs.schemaUrl } as never,
          scope: { name: '', ...ss.scope, schemaUrl: ss.schemaUrl } as never,
        });
  return out;
}
