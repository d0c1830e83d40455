import type { OtlpKeyValue, OtlpResource } from '../../app/contract';
import { attributeValueText } from '../../app/model/attribute-text';

export const formatAnyValue = attributeValueText;

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
