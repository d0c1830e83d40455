import { describe, expect, it } from 'vitest';
import { attributeValueText } from '../../../app/model/attribute-text';
import { MAX_VALUE_DEPTH } from '../../../app/model/any-value-depth';
import { deepAnyValue } from '../../helpers/deep-values';

describe('attributeValueText', () => {
  it('writes scalars as they are', () => {
    expect(attributeValueText({ stringValue: 'a b' })).toBe('a b');
    expect(attributeValueText({ boolValue: false })).toBe('false');
    expect(attributeValueText({ intValue: '9007199254740993' })).toBe('9007199254740993');
    expect(attributeValueText({ intValue: 7 })).toBe('7');
    expect(attributeValueText({ doubleValue: 1.5 })).toBe('1.5');
    expect(attributeValueText({ bytesValue: 'AAE=' })).toBe('AAE=');
    expect(attributeValueText(undefined)).toBe('');
    expect(attributeValueText({})).toBe('');
  });

  it('writes lists and maps in order, nested', () => {
    expect(
      attributeValueText({
        arrayValue: {
          values: [
            { stringValue: 'a' },
            { intValue: '1' },
            { kvlistValue: { values: [{ key: 'k', value: { boolValue: true } }, { key: 'e' }] } },
            { arrayValue: {} },
          ],
        },
      }),
    ).toBe('[a, 1, {k: true, e: }, []]');
  });

  it(`shows the parts below ${MAX_VALUE_DEPTH} levels as "…"`, () => {
    const text = attributeValueText(deepAnyValue(MAX_VALUE_DEPTH + 1));
    expect(text).toBe(`${'['.repeat(MAX_VALUE_DEPTH)}…${']'.repeat(MAX_VALUE_DEPTH)}`);
    expect(attributeValueText(deepAnyValue(MAX_VALUE_DEPTH))).toBe(
      `${'['.repeat(MAX_VALUE_DEPTH - 1)}bottom${']'.repeat(MAX_VALUE_DEPTH - 1)}`,
    );
  });

  it('writes a value 100,000 levels deep without overflowing the stack', () => {
    for (const shape of ['array', 'kvlist'] as const) {
      const text = attributeValueText(deepAnyValue(100_000, shape));
      expect(text).toContain('…');
      expect(text).not.toContain('bottom');
    }
  });

  it('takes malformed values (from an old store or a careless sender) without throwing', () => {
    const junk = { arrayValue: { values: [null, 'text', { kvlistValue: { values: [null] } }] } };
    expect(attributeValueText(junk as never)).toBe('[, , {: }]');
  });
});
