import type { OtlpAnyValue, OtlpKeyValue, OtlpResource } from '../model/otlp';

export function attributeValue(
  attributes: readonly OtlpKeyValue[] | undefined,
  key: string,
): OtlpAnyValue | undefined {
  return attributes?.find((attribute) => attribute.key === key)?.value;
}

/** The resource's service.name, or OpenTelemetry's fallback name when it has none. */
export function serviceNameOf(resource: OtlpResource | undefined): string {
  return attributeValue(resource?.attributes, 'service.name')?.stringValue ?? 'unknown_service';
}
