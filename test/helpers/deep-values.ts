// Attribute values nested as deep as a hostile file can make them, built without recursion.
import type { OtlpAnyValue } from '../../app/model/otlp';

/** `levels` levels: lists of lists (or maps of maps) around a string. */
export function deepAnyValue(levels: number, shape: 'array' | 'kvlist' = 'array'): OtlpAnyValue {
  let value: OtlpAnyValue = { stringValue: 'bottom' };
  for (let i = 1; i < levels; i++)
    value =
      shape === 'array'
        ? { arrayValue: { values: [value] } }
        : { kvlistValue: { values: [{ key: `k${i}`, value }] } };
  return value;
}

/** The same value as OTLP JSON text, written without JSON.stringify (which would overflow). */
export function deepAnyValueJson(levels: number): string {
  return `${'{"arrayValue":{"values":['.repeat(levels - 1)}{"stringValue":"bottom"}${']}}'.repeat(levels - 1)}`;
}

/** An OTLP JSON file of one trace: a span with a deep attribute, and a plain sibling span. */
export function deepOtlpFile(levels: number, traceId = 'dddddddddddddddddddddddddddddddd'): string {
  const span = (spanId: string, attributes: string) =>
    `{"traceId":"${traceId}","spanId":"${spanId}","name":"span ${spanId}","kind":1,"startTimeUnixNano":"1700000000000000000","endTimeUnixNano":"1700000000001000000","attributes":${attributes}}`;
  return `{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"deep"}}]},"scopeSpans":[{"spans":[${span(
    '00000000000000d1',
    `[{"key":"deep","value":${deepAnyValueJson(levels)}}]`,
  )},${span('00000000000000d2', '[{"key":"plain","value":{"stringValue":"ok"}}]')}]}]}]}`;
}

/**
 * A Jaeger JSON file with a list nested `levels` deep: in a span's `warnings` (which the reader
 * ignores) or as a tag's value (which it refuses).
 */
export function deepJaegerFile(levels: number, where: 'warnings' | 'tag'): string {
  const deep = `${'['.repeat(levels)}${']'.repeat(levels)}`;
  const tag = where === 'tag' ? deep : '"fine"';
  const warnings = where === 'warnings' ? deep : 'null';
  return `{"data":[{"traceID":"eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee","processes":{"p1":{"serviceName":"deep","tags":[]}},"spans":[{"traceID":"eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee","spanID":"00000000000000e1","operationName":"deep","references":[],"startTime":1700000000000000,"duration":10,"processID":"p1","tags":[{"key":"deep","type":"string","value":${tag}}],"logs":[],"warnings":${warnings}}]}]}`;
}
