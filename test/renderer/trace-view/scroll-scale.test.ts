import { describe, expect, it } from 'vitest';
import {
  physicalRowTop,
  physicalTopOf,
  scrollScale,
  virtualTopOf,
} from '../../../renderer/trace-view/scroll-scale';

describe('scrollScale', () => {
  it('leaves a list that fits unscaled', () => {
    const scale = scrollScale(24 * 1000, 600, 4_000_000);
    expect(scale).toEqual({
      physicalHeight: 24_000,
      virtualHeight: 24_000,
      ratio: 1,
      maxVirtualTop: 23_400,
    });
    expect(virtualTopOf(scale, 1234)).toBe(1234);
    expect(physicalTopOf(scale, 1234)).toBe(1234);
  });

  it('caps a million rows at the maximum and maps both ends exactly', () => {
    const scale = scrollScale(24 * 1_000_000, 600, 4_000_000);
    expect(scale.physicalHeight).toBe(4_000_000);
    expect(scale.ratio).toBeCloseTo((24_000_000 - 600) / (4_000_000 - 600));
    expect(virtualTopOf(scale, 0)).toBe(0);
    expect(virtualTopOf(scale, 4_000_000 - 600)).toBe(24_000_000 - 600);
    expect(physicalTopOf(scale, 24_000_000 - 600)).toBe(4_000_000 - 600);
  });

  it('clamps positions outside the range', () => {
    const scale = scrollScale(24 * 1_000_000, 600, 4_000_000);
    expect(virtualTopOf(scale, 5_000_000)).toBe(scale.maxVirtualTop);
    expect(physicalTopOf(scale, -50)).toBe(0);
    expect(physicalTopOf(scale, 1e12)).toBe(4_000_000 - 600);
  });

  it('handles a viewport taller than the list', () => {
    const scale = scrollScale(240, 600, 4_000_000);
    expect(scale.ratio).toBe(1);
    expect(scale.maxVirtualTop).toBe(0);
    expect(virtualTopOf(scale, 100)).toBe(0);
  });
});

describe('physicalRowTop', () => {
  it('places the rows of the viewport 24 px apart from the scroll position, at any depth', () => {
    // Row 999,999 of a million, scrolled to the bottom of a 4,000,000 px range.
    const virtualTop = 24 * 1_000_000 - 600;
    const physicalTop = 4_000_000 - 600;
    expect(physicalRowTop(24 * 999_999, physicalTop, virtualTop)).toBe(4_000_000 - 24);
    expect(physicalRowTop(24 * 999_998, physicalTop, virtualTop)).toBe(4_000_000 - 48);
  });
});
