import { describe, expect, it } from 'vitest';
import { percentileOfSorted } from '../../../app/search/percentiles';

// Expected values are numpy.percentile(values, p) with its default method ("linear").
describe('percentileOfSorted', () => {
  const oneToTen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

  it('interpolates the median between the two middle values of an even count', () => {
    expect(percentileOfSorted(oneToTen, 50)).toBeCloseTo(5.5, 12);
  });

  it('matches numpy for p95 and p99 of 1..10', () => {
    expect(percentileOfSorted(oneToTen, 95)).toBeCloseTo(9.55, 12);
    expect(percentileOfSorted(oneToTen, 99)).toBeCloseTo(9.91, 12);
  });

  it('matches numpy on unevenly spaced values', () => {
    const values = [15, 20, 35, 40, 50];
    expect(percentileOfSorted(values, 40)).toBeCloseTo(29, 12);
    expect(percentileOfSorted(values, 5)).toBeCloseTo(16, 12);
    expect(percentileOfSorted(values, 50)).toBe(35);
  });

  it('returns the minimum at p0 and the maximum at p100', () => {
    expect(percentileOfSorted(oneToTen, 0)).toBe(1);
    expect(percentileOfSorted(oneToTen, 100)).toBe(10);
  });

  it('returns the only value of a single sample for every p', () => {
    for (const p of [0, 50, 95, 99, 100]) expect(percentileOfSorted([7], p)).toBe(7);
  });

  it('works on typed arrays', () => {
    expect(percentileOfSorted(Float64Array.from([1, 2, 3, 4]), 95)).toBeCloseTo(3.85, 12);
  });

  it('gives NaN for no values and rejects p outside 0..100', () => {
    expect(percentileOfSorted([], 50)).toBeNaN();
    expect(() => percentileOfSorted(oneToTen, 101)).toThrow(/within 0..100/);
    expect(() => percentileOfSorted(oneToTen, Number.NaN)).toThrow(/within 0..100/);
  });
});
