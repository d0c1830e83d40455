// Small hand-made traces for the search tests, added to a real trace store (in memory).
import {
  OtlpSpanKind,
  OtlpStatusCode,
  type OtlpKeyValue,
  type OtlpResource,
} from '../../../app/model/otlp';
import type { IncomingSpan } from '../../../app/storage/incoming-span';
import type { TraceStore } from '../../../app/storage/trace-store';
import { memoryTraceStore } from '../../helpers/trace-store';

export const T0_NANOS = 1_750_000_000_000_000_000n; // some instant in 2025

export interface SpanSpec {
  readonly id: string;
  readonly parent?: string;
  readonly name: string;
  readonly service: string;
  /** Start offset from T0 and duration, both in milliseconds. */
  readonly startMs: number;
  readonly durationMs: number;
  readonly error?: boolean;
  readonly attributes?: Record<string, string | number | boolean>;
}

const resources = new Map<string, OtlpResource>();
function resourceOf(service: string): OtlpResource {
  let resource = resources.get(service);
  if (!resource) {
    resource = { attributes: [{ key: 'service.name', value: { stringValue: service } }] };
    resources.set(service, resource);
  }
  return resource;
}

function toAttributes(record: SpanSpec['attributes']): OtlpKeyValue[] {
  return Object.entries(record ?? {}).map(([key, value]) => ({
    key,
    value:
      typeof value === 'string'
        ? { stringValue: value }
        : typeof value === 'boolean'
          ? { boolValue: value }
          : Number.isInteger(value)
            ? { intValue: String(value) }
            : { doubleValue: value },
  }));
}

export function traceId(n: number): string {
  return n.toString(16).padStart(32, '0');
}

export function spansOf(trace: number, specs: readonly SpanSpec[]): IncomingSpan[] {
  return specs.map((spec) => {
    const start = T0_NANOS + BigInt(Math.round(spec.startMs * 1e6));
    return {
      span: {
        traceId: traceId(trace),
        spanId: spec.id.padStart(16, '0'),
        parentSpanId: spec.parent?.padStart(16, '0'),
        name: spec.name,
        kind: OtlpSpanKind.INTERNAL,
        startTimeUnixNano: start.toString(),
        endTimeUnixNano: (start + BigInt(Math.round(spec.durationMs * 1e6))).toString(),
        attributes: toAttributes(spec.attributes),
        status: { code: spec.error ? OtlpStatusCode.ERROR : OtlpStatusCode.UNSET },
      },
      resource: resourceOf(spec.service),
      scope: { name: 'test' },
    };
  });
}

export async function storeWith(traces: readonly (readonly SpanSpec[])[]): Promise<TraceStore> {
  const store = memoryTraceStore();
  for (const [i, specs] of traces.entries()) await store.addSpans(spansOf(i + 1, specs));
  return store;
}
