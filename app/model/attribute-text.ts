// An OTLP attribute value as one line of text, the same wherever it is shown or matched (the core's
// search and find, and the renderer's details): so what a user sees is what a filter matches.
import type { OtlpAnyValue } from './otlp';

export function attributeValueText(value: OtlpAnyValue | undefined): string {
  if (!value) return '';
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return String(value.boolValue);
  if (value.intValue !== undefined) return String(value.intValue);
  if (value.doubleValue !== undefined) return String(value.doubleValue);
  if (value.bytesValue !== undefined) return value.bytesValue;
  if (value.arrayValue) {
    return `[${(value.arrayValue.values ?? []).map(attributeValueText).join(', ')}]`;
  }
  if (value.kvlistValue) {
    const entries = (value.kvlistValue.values ?? []).map(
      (kv) => `${kv.key}: ${attributeValueText(kv.value)}`,
    );
    return `{${entries.join(', ')}}`;
  }
  return '';
}
