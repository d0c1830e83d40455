import { describe, expect, it } from 'vitest';
import { niceAxisMax, niceStep, niceTicks } from '../../../renderer/charts/nice-scale';

describe('niceStep', () => {
  it('rounds up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceStep(307.5)).toBe(500);
    expect(niceStep(0.7)).toBe(1);
    expect(niceStep(2.2)).toBe(2.5);
    expect(niceStep(200)).toBe(200);
    expect(niceStep(6)).toBe(10);
  });

  it('falls back to 1 for zero or negative input', () => {
    expect(niceStep(0)).toBe(1);
    expect(niceStep(-3)).toBe(1);
  });
});

describe('niceAxisMax', () => {
  it('lifts the maximum to a multiple of a round step', () => {
    expect(niceAxisMax(1230)).toBe(1500);
    expect(niceAxisMax(809)).toBe(1000);
    expect(niceAxisMax(400)).toBe(400);
    expect(niceAxisMax(8.43)).toBe(10);
  });

  it('gives 1 for an empty or zero range', () => {
    expect(niceAxisMax(0)).toBe(1);
  });
});

describe('niceTicks', () => {
  it('steps evenly from 0 to the nice maximum', () => {
    expect(niceTicks(1230)).toEqual([0, 500, 1000, 1500]);
    expect(niceTicks(809)).toEqual([0, 250, 500, 750, 1000]);
  });

  it('gives 0..1 in quarters for an empty range', () => {
    expect(niceTicks(0)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });
});
