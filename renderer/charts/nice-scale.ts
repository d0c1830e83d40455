/** The smallest 1, 2, 2.5 or 5 × 10^k that is at least `value` (value > 0). */
export function niceStep(value: number): number {
  if (!(value > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((m) => m >= value * (1 - 1e-12));
  return step ?? 10 * magnitude;
}

/** An axis top at or above `max` that `intervals` round steps divide evenly, so ticks read well. */
export function niceAxisMax(max: number, intervals = 4): number {
  if (!(max > 0)) return 1;
  const step = niceStep(max / intervals);
  return step * Math.ceil(max / step - 1e-9);
}

/** Round ticks from 0 to niceAxisMax(max): 0, step, 2·step, … */
export function niceTicks(max: number, intervals = 4): number[] {
  const top = niceAxisMax(max, intervals);
  const step = max > 0 ? niceStep(max / intervals) : top / intervals;
  const count = Math.round(top / step);
  return Array.from({ length: count + 1 }, (_, i) => i * step);
}
