import type { OtlpAnyValue, OtlpKeyValue, OtlpResource } from '../../app/contract';

/** An OTLP attribute value as text: strings as they are, arrays and maps as JSON-like text. */
export function formatAnyValue(value: OtlpAnyValue | undefined): string {
  if (!value) return '';
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return String(value.boolValue);
  if (value.intValue !== undefined) return String(value.intValue);
  if (value.doubleValue !== undefined) return String(value.doubleValue);
  if (value.bytesValue !== undefined) return value.bytesValue;
  if (value.arrayValue)
    return `[${(value.arrayValue.values ?? []).map(formatAnyValue).join(', ')}]`;
  if (value.kvlistValue) {
    return `{${(value.kvlistValue.values ?? []).map((kv) => `${kv.key}: ${formatAnyValue(kv.value)}`).join(', ')}}`;
  }
  return '';
}

export function findAttribute(
  attributes: readonly OtlpKeyValue[] | undefined,
  key: string,
): string | undefined {
  const found = attributes?.find((attribute) => attribute.key === key);
  return found && formatAnyValue(found.value);
}

export function serviceName(resource: OtlpResource | undefined): string {
  return findAttribute(resource?.attributes, 'service.name') ?? 'unknown_service';
}
