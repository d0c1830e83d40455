// An OTLP attribute value as one line of text, the same wherever it is shown or matched (the core's
// search and find, and the renderer's details): so what a user sees is what a filter matches.
// Walked with an explicit stack, and parts deeper than MAX_VALUE_DEPTH read "…": no value, however
// deep, can overflow the stack.
import { DEEPER_PARTS_TEXT, MAX_VALUE_DEPTH } from './any-value-depth';
import type { OtlpAnyValue, OtlpKeyValue } from './otlp';

function scalarText(value: OtlpAnyValue): string | undefined {
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return String(value.boolValue);
  if (value.intValue !== undefined) return String(value.intValue);
  if (value.doubleValue !== undefined) return String(value.doubleValue);
  if (value.bytesValue !== undefined) return value.bytesValue;
  return undefined;
}

/** Text to write, or a value to write at a depth. */
type Step = string | { readonly value: OtlpAnyValue | undefined; readonly depth: number };

export function attributeValueText(value: OtlpAnyValue | undefined): string {
  if (!value || typeof value !== 'object') return '';
  const scalar = scalarText(value);
  if (scalar !== undefined) return scalar;
  const parts: string[] = [];
  const steps: Step[] = [{ value, depth: 1 }];
  while (steps.length > 0) {
    const step = steps.pop()!;
    if (typeof step === 'string') {
      parts.push(step);
      continue;
    }
    const current = step.value;
    if (!current || typeof current !== 'object') continue;
    const text = scalarText(current);
    if (text !== undefined) {
      parts.push(step.depth > MAX_VALUE_DEPTH ? DEEPER_PARTS_TEXT : text);
      continue;
    }
    const list = current.arrayValue ? current.arrayValue.values : undefined;
    const entries = current.kvlistValue ? current.kvlistValue.values : undefined;
    if (!current.arrayValue && !current.kvlistValue) continue;
    if (step.depth > MAX_VALUE_DEPTH) {
      parts.push(DEEPER_PARTS_TEXT);
      continue;
    }
    // Pushed in reverse, so they come off the stack in order.
    const depth = step.depth + 1;
    if (current.arrayValue) {
      const values: readonly OtlpAnyValue[] = Array.isArray(list) ? list : [];
      steps.push(']');
      for (let i = values.length - 1; i >= 0; i--) {
        steps.push({ value: values[i], depth });
        if (i > 0) steps.push(', ');
      }
      parts.push('[');
    } else {
      const values: readonly OtlpKeyValue[] = Array.isArray(entries) ? entries : [];
      steps.push('}');
      for (let i = values.length - 1; i >= 0; i--) {
        steps.push({ value: values[i]?.value, depth });
        steps.push(`${values[i]?.key ?? ''}: `);
        if (i > 0) steps.push(', ');
      }
      parts.push('{');
    }
  }
  return parts.join('');
}
