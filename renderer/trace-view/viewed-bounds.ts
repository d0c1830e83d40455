// Maps trace times to fractions of the visible window (Jaeger's createViewedBoundsFunc): zooming only
// changes the window, never the spans' positions in the trace.

/** The visible part of the trace, as fractions of its duration: 0 ≤ start < end ≤ 1. */
export interface ViewWindow {
  readonly start: number;
  readonly end: number;
}

export const FULL_WINDOW: ViewWindow = { start: 0, end: 1 };

export interface ViewedBounds {
  readonly start: number;
  readonly end: number;
}

/** For a trace of `durationUs`, maps a span's [startUs, endUs] to fractions of the window. */
export function createViewedBoundsFunc(
  durationUs: number,
  window: ViewWindow,
): (startUs: number, endUs: number) => ViewedBounds {
  const windowStart = window.start * durationUs;
  const windowLength = (window.end - window.start) * durationUs || 1;
  return (startUs, endUs) => ({
    start: (startUs - windowStart) / windowLength,
    end: (endUs - windowStart) / windowLength,
  });
}

/** A window from two fractions in either order, clamped to [0, 1], at least `minLength` long. */
export function windowBetween(a: number, b: number, minLength = 1e-6): ViewWindow {
  let start = Math.max(0, Math.min(a, b));
  let end = Math.min(1, Math.max(a, b));
  if (end - start < minLength) {
    end = Math.min(1, start + minLength);
    start = Math.max(0, end - minLength);
  }
  return { start, end };
}

/** Maps a fraction of the window (e.g. a mouse position) back to a fraction of the trace. */
export function traceFractionOf(window: ViewWindow, windowFraction: number): number {
  return window.start + windowFraction * (window.end - window.start);
}

export interface Tick {
  /** Fraction of the window. */
  readonly position: number;
  /** Microseconds from the trace start. */
  readonly offsetUs: number;
}

/** Ticks at a round step (1, 2 or 5 × 10ⁿ µs) so that about `targetCount` fit in the window. */
export function rulerTicks(durationUs: number, window: ViewWindow, targetCount = 6): Tick[] {
  const startUs = window.start * durationUs;
  const endUs = window.end * durationUs;
  const length = endUs - startUs;
  if (!(length > 0)) return [{ position: 0, offsetUs: startUs }];
  const rough = length / targetCount;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? rough;
  const ticks: Tick[] = [];
  for (let offset = Math.ceil(startUs / step) * step; offset <= endUs + step * 1e-9; offset += step)
    ticks.push({ position: (offset - startUs) / length, offsetUs: offset });
  return ticks;
}
