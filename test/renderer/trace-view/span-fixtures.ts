// Small hand-made traces for the viewer's pure functions. Times are microseconds from a fixed
// epoch instant; each becomes the unix-nano decimal string that a span carries.
import type { AppSpan, OtlpKeyValue, TraceDetail, TraceOutline } from '../../../app/contract';
import { OtlpSpanKind, OtlpStatusCode } from '../../../app/model/otlp';
import { traceOutline } from '../../../app/viewer/trace-outline';

export const EPOCH_MICROS = 1_732_000_000_000_000;

export function nanos(micros: number): string {
  return `${BigInt(EPOCH_MICROS) * 1000n + BigInt(Math.round(micros * 1000))}`;
}

export interface SpanSketch {
  readonly id: string;
  readonly parent?: string;
  readonly start: number;
  readonly end: number;
  readonly name?: string;
  readonly resource?: number;
  readonly error?: boolean;
  readonly attributes?: readonly OtlpKeyValue[];
  readonly events?: readonly { name: string; at: number; attributes?: readonly OtlpKeyValue[] }[];
}

export function span(sketch: SpanSketch): AppSpan {
  return {
    traceId: 'a'.repeat(32),
    spanId: sketch.id,
    parentSpanId: sketch.parent,
    name: sketch.name ?? sketch.id,
    kind: OtlpSpanKind.INTERNAL,
    startTimeUnixNano: nanos(sketch.start),
    endTimeUnixNano: nanos(sketch.end),
    attributes: sketch.attributes ?? [],
    events: (sketch.events ?? []).map((event) => ({
      name: event.name,
      timeUnixNano: nanos(event.at),
      attributes: event.attributes ?? [],
    })),
    status: sketch.error
      ? { code: OtlpStatusCode.ERROR, message: 'it broke' }
      : { code: OtlpStatusCode.UNSET },
    resourceIndex: sketch.resource ?? 0,
    scopeIndex: 0,
  };
}

export function trace(sketches: readonly SpanSketch[]): TraceDetail {
  return {
    traceId: 'a'.repeat(32),
    resources: [
      { attributes: [{ key: 'service.name', value: { stringValue: 'frontend' } }] },
      { attributes: [{ key: 'service.name', value: { stringValue: 'payments' } }] },
    ],
    scopes: [{ name: 'test-scope', version: '1.0.0' }],
    spans: sketches.map(span),
  };
}

export function text(key: string, value: string): OtlpKeyValue {
  return { key, value: { stringValue: value } };
}

/** The outline the core would send for these spans. */
export function outline(sketches: readonly SpanSketch[]): TraceOutline {
  return traceOutline(trace(sketches));
}
