import { describe, expect, it } from 'vitest';
import {
  createViewedBoundsFunc,
  rulerTicks,
  traceFractionOf,
  windowBetween,
} from '../../../renderer/trace-view/viewed-bounds';

describe('createViewedBoundsFunc', () => {
  it('maps times to fractions of the whole trace when not zoomed', () => {
    const bounds = createViewedBoundsFunc(1000, { start: 0, end: 1 });
    expect(bounds(250, 500)).toEqual({ start: 0.25, end: 0.5 });
  });

  it('maps times to fractions of the zoom window, beyond 0..1 outside it', () => {
    const bounds = createViewedBoundsFunc(1000, { start: 0.5, end: 0.75 });
    expect(bounds(500, 625)).toEqual({ start: 0, end: 0.5 });
    expect(bounds(0, 250).end).toBeLessThan(0);
  });
});

describe('windowBetween', () => {
  it('orders and clamps the two ends', () => {
    expect(windowBetween(0.8, -0.2)).toEqual({ start: 0, end: 0.8 });
  });

  it('keeps a minimum width', () => {
    const window = windowBetween(0.5, 0.5, 0.01);
    expect(window.end - window.start).toBeCloseTo(0.01);
  });
});

describe('traceFractionOf', () => {
  it('maps a position in the window back to the trace', () => {
    expect(traceFractionOf({ start: 0.2, end: 0.6 }, 0.5)).toBeCloseTo(0.4);
  });
});

describe('rulerTicks', () => {
  it('puts ticks at round steps over the window', () => {
    expect(rulerTicks(1000, { start: 0, end: 1 }).map((tick) => tick.offsetUs)).toEqual([
      0, 200, 400, 600, 800, 1000,
    ]);
  });

  it('starts at the first round offset inside a zoom window', () => {
    // 370 µs shown: about 62 µs per tick rounds up to a 100 µs step.
    const ticks = rulerTicks(1000, { start: 0.13, end: 0.5 });
    expect(ticks.map((tick) => tick.offsetUs)).toEqual([200, 300, 400, 500]);
    expect(ticks[0]!.position).toBeCloseTo(70 / 370);
  });
});
