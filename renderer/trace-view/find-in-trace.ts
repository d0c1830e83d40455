// Find in trace: which spans match a query, by name, service, attribute key or value, event name.
import type { OtlpAnyValue, OtlpKeyValue } from '../../app/contract';
import { formatAnyValue } from '../lib/attributes';
import type { ViewSpan } from './trace-model';

function valueMatches(value: OtlpAnyValue | undefined, needle: string): boolean {
  if (!value) return false;
  if (value.stringValue !== undefined) return value.stringValue.toLowerCase().includes(needle);
  return formatAnyValue(value).toLowerCase().includes(needle);
}

function attributesMatch(attributes: readonly OtlpKeyValue[] | undefined, needle: string): boolean {
  if (!attributes) return false;
  for (const attribute of attributes) {
    if (attribute.key.toLowerCase().includes(needle) || valueMatches(attribute.value, needle))
      return true;
  }
  return false;
}

export function spanMatches(span: ViewSpan, needle: string): boolean {
  const { span: otlp } = span;
  if (otlp.name.toLowerCase().includes(needle)) return true;
  if (span.serviceName.toLowerCase().includes(needle)) return true;
  if (attributesMatch(otlp.attributes, needle)) return true;
  if (otlp.events)
    for (const event of otlp.events) if (event.name.toLowerCase().includes(needle)) return true;
  return false;
}

/** Rows (ascending) of the spans matching `query`, case-insensitively; none for a blank query. */
export function findInTrace(spans: readonly ViewSpan[], query: string): Int32Array {
  const needle = query.trim().toLowerCase();
  if (!needle) return new Int32Array(0);
  const rows = new Int32Array(spans.length);
  let count = 0;
  for (const span of spans) if (spanMatches(span, needle)) rows[count++] = span.row;
  return rows.slice(0, count);
}

/** The match after (step 1) or before (step −1) `currentRow`, wrapping around; -1 if none. */
export function stepMatch(matches: Int32Array, currentRow: number, step: 1 | -1): number {
  if (matches.length === 0) return -1;
  if (step === 1) {
    for (const row of matches) if (row > currentRow) return row;
    return matches[0]!;
  }
  for (let i = matches.length - 1; i >= 0; i--) if (matches[i]! < currentRow) return matches[i]!;
  return matches[matches.length - 1]!;
}
