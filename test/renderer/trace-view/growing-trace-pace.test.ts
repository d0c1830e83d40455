import { describe, expect, it } from 'vitest';
import {
  growthIntervalMs,
  MAX_GROWTH_INTERVAL_MS,
  MIN_GROWTH_INTERVAL_MS,
} from '../../../renderer/trace-view/growing-trace-pace';

describe('growthIntervalMs', () => {
  it('asks for more of a small, cheap trace ten times a second', () => {
    expect(growthIntervalMs(0, 0)).toBe(MIN_GROWTH_INTERVAL_MS);
    expect(growthIntervalMs(1_000, 5)).toBe(101);
  });

  it('waits longer as the trace grows, up to two seconds from its size alone', () => {
    expect(growthIntervalMs(500_000, 0)).toBe(600);
    expect(growthIntervalMs(1_000_000, 0)).toBe(1_100);
    expect(growthIntervalMs(10_000_000, 0)).toBe(2_000);
  });

  it('waits five times what the last rebuild took when that is longer', () => {
    expect(growthIntervalMs(1_000_000, 400)).toBe(2_000);
    expect(growthIntervalMs(1_000_000, 600)).toBe(3_000);
    expect(growthIntervalMs(100_000, 30)).toBe(200);
  });

  it('brings a growing trace up to date at least every five seconds however slow it is', () => {
    expect(growthIntervalMs(1_000_000, 10_000)).toBe(MAX_GROWTH_INTERVAL_MS);
  });
});
