import { describe, expect, it } from 'vitest';
import {
  attributePairId,
  hashAttributePair,
  indexedValueText,
  storedIndexedValueText,
} from '../../../app/storage/attribute-pair-id';

describe('hashAttributePair', () => {
  it('gives the ids databases hold: the same on every run and platform', () => {
    // Stored chunks name pairs by these ids: a change of the hash needs a schema migration.
    expect(hashAttributePair('service.name', 'shop')).toBe(8228968840610170);
    expect(hashAttributePair('', '')).toBe(804066678771610);
    expect(hashAttributePair('user.id', 'user-42')).toBe(2922822248077166);
    expect(hashAttributePair('名前', '値🙂')).toBe(7090512858288766);
  });

  it('gives whole numbers from 0 to below 2^53', () => {
    const outside: number[] = [];
    for (let i = 0; i < 10_000; i++) {
      const id = hashAttributePair(`key-${i % 7}`, `value-${i}`);
      if (!Number.isSafeInteger(id) || id < 0) outside.push(id);
    }
    expect(outside).toEqual([]);
  });

  it('tells where the key ends and the value starts', () => {
    const ids = [
      hashAttributePair('ab', 'c'),
      hashAttributePair('a', 'bc'),
      hashAttributePair('abc', ''),
      hashAttributePair('', 'abc'),
      hashAttributePair('a', 'b\u0000c'),
      hashAttributePair('a', 'b'),
      hashAttributePair('a', 'b\u0000'),
      hashAttributePair('a\u0000', 'b'),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives 300,000 distinct high-cardinality pairs 300,000 ids, spread over both halves', () => {
    const ids = new Set<number>();
    const low = new Set<number>();
    const high = new Set<number>();
    for (let i = 0; i < 100_000; i++) {
      for (const key of ['user.id', 'url.path', 'span.index']) {
        const id = hashAttributePair(key, String(i));
        ids.add(id);
        low.add(id % 2 ** 32);
        high.add(Math.floor(id / 2 ** 32));
      }
    }
    expect(ids.size).toBe(300_000);
    // 300,000 draws from 2^32 and from 2^21 values: about 10 and 21,000 repeats if random.
    expect(low.size).toBeGreaterThan(300_000 - 100);
    expect(high.size).toBeGreaterThan(2 ** 21 * (1 - Math.exp(-300_000 / 2 ** 21)) - 1_000);
  });
});

describe('attributePairId', () => {
  it('hashes the value as indexed: a long value by its cut text and its SHA-256', () => {
    const long = `${'y'.repeat(70 * 1024)}-end`;
    expect(indexedValueText(long)).toMatch(/… \(cut, \d+ KiB\) sha256:[0-9a-f]{64}$/);
    expect(attributePairId('payload', long)).toBe(
      hashAttributePair('payload', indexedValueText(long)),
    );
    expect(attributePairId('payload', long)).not.toBe(
      attributePairId('payload', `${'y'.repeat(70 * 1024)}-END`),
    );
    expect(attributePairId('k', 'short')).toBe(hashAttributePair('k', 'short'));
  });
});

describe('storedIndexedValueText', () => {
  it('keeps a short value and one indexed already, and indexes a long one kept whole', () => {
    const long = `${'x'.repeat(70 * 1024)}-end`;
    expect(storedIndexedValueText('short')).toBe('short');
    expect(storedIndexedValueText(indexedValueText(long))).toBe(indexedValueText(long));
    expect(storedIndexedValueText(long)).toBe(indexedValueText(long));
  });
});
