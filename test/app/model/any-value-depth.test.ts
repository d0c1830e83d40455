import { describe, expect, it } from 'vitest';
import {
  isDeeperThan,
  limitAnyValueDepth,
  limitAttributesDepth,
  MAX_VALUE_DEPTH,
} from '../../../app/model/any-value-depth';
import type { OtlpAnyValue } from '../../../app/model/otlp';
import { deepAnyValue } from '../../helpers/deep-values';

/** Levels of a value, counted iteratively. */
function depthOf(value: OtlpAnyValue): number {
  let depth = 1;
  let current: OtlpAnyValue | undefined = value;
  while (current?.arrayValue || current?.kvlistValue) {
    current = current.arrayValue
      ? current.arrayValue.values?.[0]
      : current.kvlistValue?.values?.[0]?.value;
    depth++;
  }
  return depth;
}

describe('isDeeperThan', () => {
  it('counts the top-level value as level 1', () => {
    expect(isDeeperThan({ stringValue: 'x' }, 1)).toBe(false);
    expect(isDeeperThan(deepAnyValue(2), 1)).toBe(true);
    expect(isDeeperThan(deepAnyValue(64), 64)).toBe(false);
    expect(isDeeperThan(deepAnyValue(65), 64)).toBe(true);
    expect(isDeeperThan({ arrayValue: { values: [] } }, 1)).toBe(false);
  });
});

describe('limitAnyValueDepth', () => {
  it('returns a value within the limit itself, copying nothing', () => {
    const value = deepAnyValue(MAX_VALUE_DEPTH, 'kvlist');
    expect(limitAnyValueDepth(value)).toBe(value);
  });

  it('replaces the parts below the limit with "…" and keeps the rest', () => {
    const limited = limitAnyValueDepth(
      {
        arrayValue: {
          values: [
            { stringValue: 'kept' },
            deepAnyValue(3),
            { kvlistValue: { values: [{ key: 'a' }] } },
          ],
        },
      },
      3,
    );
    expect(limited).toEqual({
      arrayValue: {
        values: [
          { stringValue: 'kept' },
          { arrayValue: { values: [{ arrayValue: { values: [{ stringValue: '…' }] } }] } },
          { kvlistValue: { values: [{ key: 'a' }] } },
        ],
      },
    });
  });

  it('cuts a value 100,000 levels deep to the limit, and JSON.stringify can then write it', () => {
    for (const shape of ['array', 'kvlist'] as const) {
      const limited = limitAnyValueDepth(deepAnyValue(100_000, shape));
      expect(depthOf(limited)).toBe(MAX_VALUE_DEPTH + 1);
      expect(JSON.stringify(limited)).toContain('"stringValue":"…"');
    }
  });
});

describe('limitAttributesDepth', () => {
  it('gives back the same list when no value is too deep, a copy otherwise', () => {
    const plain = [{ key: 'a', value: { stringValue: 'x' } }];
    expect(limitAttributesDepth(plain)).toBe(plain);
    const deep = [...plain, { key: 'deep', value: deepAnyValue(100_000) }];
    const limited = limitAttributesDepth(deep);
    expect(limited).not.toBe(deep);
    expect(limited[0]).toBe(deep[0]);
    expect(depthOf(limited[1]!.value!)).toBe(MAX_VALUE_DEPTH + 1);
    expect(limitAttributesDepth(undefined)).toBeUndefined();
  });
});
