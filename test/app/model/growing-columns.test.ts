import { describe, expect, it } from 'vitest';
import { GrowingFloats, GrowingInts } from '../../../app/model/growing-columns';

describe('growing columns', () => {
  it('keep every value pushed past their capacity, in order', () => {
    const ints = new GrowingInts(1);
    for (let i = 0; i < 1000; i++) ints.push(i - 500);
    expect(ints.length).toBe(1000);
    expect(ints.values.length).toBeGreaterThanOrEqual(1000);
    expect(Array.from(ints.copyFrom(998))).toEqual([498, 499]);
    expect(ints.copyFrom()).toBeInstanceOf(Int32Array);
    expect(ints.copyFrom()).toHaveLength(1000);
  });

  it('take values off the end, and hand out copies the column no longer changes', () => {
    const floats = new GrowingFloats();
    floats.push(0.5);
    floats.push(2 ** 53);
    const copy = floats.copyFrom();
    expect(floats.pop()).toBe(2 ** 53);
    floats.push(7);
    expect(Array.from(copy)).toEqual([0.5, 2 ** 53]);
    expect(Array.from(floats.copyFrom())).toEqual([0.5, 7]);
  });
});
