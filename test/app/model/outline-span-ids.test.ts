import { describe, expect, it } from 'vitest';
import {
  indexOfSpanId,
  packSpanIds,
  spanIdAt,
  spanIdCount,
  spanIdsOf,
  withSpanIdsAsText,
} from '../../../app/model/outline-span-ids';

const ids = [
  '00f067aa0ba902b7',
  'not-hex',
  'ffffffffffffffff',
  '0000000000000000',
  'ABCDEF0123456789',
];

describe('packSpanIds', () => {
  it('packs hex ids as two uint32 each and keeps the others as text', () => {
    const packed = packSpanIds(ids);
    expect(Array.from(packed.spanIdHalves.subarray(0, 2))).toEqual([0x00f067aa, 0x0ba902b7]);
    expect(packed.otherSpanIds).toEqual({ 1: 'not-hex', 4: 'ABCDEF0123456789' });
    expect(spanIdCount(packed)).toBe(5);
  });
});

describe('spanIdAt', () => {
  it('gives every id back exactly, and undefined past the end', () => {
    const packed = packSpanIds(ids);
    expect(ids.map((_, index) => spanIdAt(packed, index))).toEqual(ids);
    expect(spanIdsOf(packed)).toEqual(ids);
    expect(spanIdAt(packed, 5)).toBeUndefined();
    expect(spanIdAt(packed, -1)).toBeUndefined();
  });
});

describe('indexOfSpanId', () => {
  it('finds the first index of hex and other ids, -1 for an id not there', () => {
    const packed = packSpanIds([...ids, '00f067aa0ba902b7']);
    expect(indexOfSpanId(packed, '00f067aa0ba902b7')).toBe(0);
    expect(indexOfSpanId(packed, '0000000000000000')).toBe(3);
    expect(indexOfSpanId(packed, 'not-hex')).toBe(1);
    expect(indexOfSpanId(packed, '1111111111111111')).toBe(-1);
    expect(indexOfSpanId(packed, 'missing')).toBe(-1);
  });
});

describe('withSpanIdsAsText', () => {
  it('replaces the binary fields with the ids as text', () => {
    expect(withSpanIdsAsText({ traceId: 't', ...packSpanIds(ids) })).toEqual({
      traceId: 't',
      spanIds: ids,
    });
  });
});
