// Attribute conditions as typed into one field, logfmt-like: `http.status_code=500 tier="gold plus"`.
// Each key=value pair is one condition; all of them must hold.
import type { AttributeFilter } from '../../app/contract';
import type { ParsedInput } from './parsed-input';

const isSpace = (char: string | undefined) => char !== undefined && /\s/.test(char);

/** Reads a double-quoted value starting at `start` (the quote); backslash escapes the next char. */
function readQuoted(text: string, start: number): { value: string; end: number } | undefined {
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    const char = text[i]!;
    if (char === '\\' && i + 1 < text.length) {
      value += text[i + 1];
      i++;
    } else if (char === '"') {
      return { value, end: i + 1 };
    } else {
      value += char;
    }
  }
  return undefined;
}

export function parseAttributeFilters(text: string): ParsedInput<AttributeFilter[]> {
  const filters: AttributeFilter[] = [];
  let i = 0;
  while (i < text.length) {
    if (isSpace(text[i])) {
      i++;
      continue;
    }
    const keyStart = i;
    while (i < text.length && text[i] !== '=' && !isSpace(text[i])) i++;
    const key = text.slice(keyStart, i);
    if (text[i] !== '=') {
      return { state: 'invalid', message: `“${key}” needs a value: write ${key}=value` };
    }
    if (key === '')
      return { state: 'invalid', message: 'an attribute condition needs a key before “=”' };
    i++; // past '='
    let value: string;
    if (text[i] === '"') {
      const quoted = readQuoted(text, i);
      if (!quoted)
        return { state: 'invalid', message: `the value of “${key}” has no closing quote` };
      value = quoted.value;
      i = quoted.end;
    } else {
      const valueStart = i;
      while (i < text.length && !isSpace(text[i])) i++;
      value = text.slice(valueStart, i);
      if (value === '') {
        return {
          state: 'invalid',
          message: `“${key}=” needs a value (quote an empty one: ${key}="")`,
        };
      }
    }
    filters.push({ key, value });
  }
  return filters.length === 0 ? { state: 'empty' } : { state: 'valid', value: filters };
}
