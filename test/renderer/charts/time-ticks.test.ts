import { describe, expect, it } from 'vitest';
import { timeTicks } from '../../../renderer/charts/time-ticks';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** A local time on 2026-12-03, as unix milliseconds. */
const at = (hours: number, minutes = 0, seconds = 0, ms = 0) =>
  new Date(2026, 11, 3, hours, minutes, seconds, ms).getTime();

describe('timeTicks', () => {
  it('ticks on round seconds, far enough apart for their labels', () => {
    const { ticks, step, format } = timeTicks([at(5, 53, 2, 120), at(5, 53, 11, 900)], 400);
    expect(step).toBe(5 * SECOND);
    expect(ticks).toEqual([at(5, 53, 5), at(5, 53, 10)]);
    expect(ticks.map(format)).toEqual(['05:53:05', '05:53:10']);
  });

  it('tells ticks under a second apart by their milliseconds', () => {
    const { ticks, format } = timeTicks([at(5, 53, 2, 695), at(5, 53, 2, 907)], 600);
    expect(ticks.map(format)).toEqual([
      '05:53:02.70',
      '05:53:02.75',
      '05:53:02.80',
      '05:53:02.85',
      '05:53:02.90',
    ]);
  });

  it('aligns minute and hour steps to the local clock', () => {
    const { ticks, step, format } = timeTicks([at(9, 7), at(13, 40)], 500);
    expect(step).toBe(HOUR);
    expect(ticks.map(format)).toEqual(['10:00', '11:00', '12:00', '13:00']);
    const quarters = timeTicks([at(9, 7), at(9, 52)], 300);
    expect(quarters.step).toBe(15 * MINUTE);
    expect(quarters.ticks.map(quarters.format)).toEqual(['09:15', '09:30', '09:45']);
  });

  it('keeps ticks at least the spacing apart at any width', () => {
    for (const pixels of [120, 333, 800, 1900]) {
      const domain: [number, number] = [at(0, 0, 0, 3), at(23, 59, 59, 997)];
      const { ticks } = timeTicks(domain, pixels, 96);
      const pixelsPerMs = pixels / (domain[1] - domain[0]);
      for (let i = 1; i < ticks.length; i++)
        expect((ticks[i]! - ticks[i - 1]!) * pixelsPerMs).toBeGreaterThanOrEqual(96);
      for (const tick of ticks) {
        expect(tick).toBeGreaterThanOrEqual(domain[0]);
        expect(tick).toBeLessThanOrEqual(domain[1]);
      }
    }
  });

  it('gives a single trace one tick', () => {
    const only = at(5, 53, 2, 907.25);
    expect(timeTicks([only, only], 500).ticks).toEqual([only]);
  });

  it('labels day steps with the date', () => {
    const { format } = timeTicks([new Date(2026, 10, 1).getTime(), at(0)], 300);
    expect(format(new Date(2026, 10, 15).getTime())).toBe('2026-11-15');
  });
});
