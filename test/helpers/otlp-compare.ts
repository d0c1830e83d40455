// Spans in a comparable form, so a trace in Jaeger can be checked field by field against the store.
import type { OtlpAnyValue, OtlpKeyValue, OtlpTraceRequest } from '../../app/model/otlp';
import type { TraceDetail } from '../../app/model/trace';
import { OtlpStatusCode } from '../../app/model/otlp';

function value(v: OtlpAnyValue | undefined): unknown {
  if (!v) return null;
  if (v.intValue !== undefined) return `int:${v.intValue}`;
  if (v.arrayValue) return (v.arrayValue.values ?? []).map(value);
  if (v.kvlistValue) return attributes(v.kvlistValue.values);
  return v.stringValue ?? v.boolValue ?? v.doubleValue ?? v.bytesValue ?? null;
}

function attributes(list: readonly OtlpKeyValue[] | undefined): Record<string, unknown> {
  return Object.fromEntries(
    [...(list ?? [])]
      // Jaeger's query adjusters annotate spans (e.g. clock-skew warnings); that is not span data.
      .filter((kv) => !kv.key.startsWith('@jaeger@'))
      .sort((a, b) => a.key.localeCompare(b.key))
      .map((kv) => [kv.key, value(kv.value)]),
  );
}

export interface ComparableSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: Record<string, unknown>;
  events: { name: string; timeUnixNano: string; attributes: Record<string, unknown> }[];
  status: { code: number; message: string };
  resource: Record<string, unknown>;
  scope: string;
}

/** Spans keyed by span id; absent optional fields are written the way OTLP defines their default. */
export function comparableSpans(request: OtlpTraceRequest): Record<string, ComparableSpan> {
  return Object.fromEntries(everySpanCopy(request).map((span) => [span.spanId, span]));
}

/** Every span of the request in comparable form, a span sent twice included twice. */
export function everySpanCopy(request: OtlpTraceRequest): ComparableSpan[] {
  const out: ComparableSpan[] = [];
  for (const rs of request.resourceSpans ?? []) {
    for (const ss of rs.scopeSpans ?? []) {
      for (const span of ss.spans ?? []) {
        out.push({
          traceId: span.traceId,
          spanId: span.spanId,
          parentSpanId: span.parentSpanId ?? '',
          name: span.name,
          kind: span.kind,
          startTimeUnixNano: String(span.startTimeUnixNano),
          endTimeUnixNano: String(span.endTimeUnixNano),
          attributes: attributes(span.attributes),
          // Event order carries no meaning in OTLP (and Jaeger reorders them); time does.
          events: (span.events ?? [])
            .map((event) => ({
              name: event.name,
              timeUnixNano: String(event.timeUnixNano),
              attributes: attributes(event.attributes),
            }))
            .sort((a, b) =>
              a.timeUnixNano === b.timeUnixNano
                ? a.name.localeCompare(b.name)
                : BigInt(a.timeUnixNano) < BigInt(b.timeUnixNano)
                  ? -1
                  : 1,
            ),
          status: {
            code: span.status?.code ?? OtlpStatusCode.UNSET,
            message: span.status?.message ?? '',
          },
          resource: attributes(rs.resource?.attributes),
          scope: `${ss.scope?.name ?? ''}@${ss.scope?.version ?? ''}`,
        });
      }
    }
  }
  return out;
}

export function storedAsRequest(trace: TraceDetail): OtlpTraceRequest {
  return {
    resourceSpans: trace.spans.map((span) => ({
      resource: trace.resources[span.resourceIndex],
      scopeSpans: [{ scope: trace.scopes[span.scopeIndex], spans: [span] }],
    })),
  };
}
