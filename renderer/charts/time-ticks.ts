// Ticks of a time axis (values in unix milliseconds) on round clock times, with labels as precise as
// their step: the chart places them itself, so recharts never has to measure label texts (which
// forced a page layout per tick and per update while traces stream in).

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Steps a clock reads well at, smallest first. */
const STEPS = [
  ...[1, 2, 5, 10, 20, 50, 100, 200, 500],
  ...[1, 2, 5, 10, 15, 30].map((n) => n * SECOND),
  ...[1, 2, 5, 10, 15, 30].map((n) => n * MINUTE),
  ...[1, 2, 3, 6, 12].map((n) => n * HOUR),
  ...[1, 2, 7, 14, 30, 91, 365].map((n) => n * DAY),
];

export interface TimeTicks {
  readonly ticks: number[];
  readonly step: number;
  readonly format: (ms: number) => string;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Local time with as many digits as a step of `step` ms needs to tell its ticks apart. */
export function timeLabel(ms: number, step: number): string {
  const date = new Date(ms);
  const hm = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  if (step >= DAY)
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  if (step >= MINUTE) return hm;
  const hms = `${hm}:${pad(date.getSeconds())}`;
  if (step >= SECOND) return hms;
  const millis = pad(date.getMilliseconds(), 3);
  return `${hms}.${step >= 100 ? millis.slice(0, 1) : step >= 10 ? millis.slice(0, 2) : millis}`;
}

/** Milliseconds to add to a unix time to get the local clock's time (positive east of UTC). */
function localOffset(ms: number): number {
  return -new Date(ms).getTimezoneOffset() * MINUTE;
}

/**
 * Round ticks inside [min, max], at least `minSpacingPixels` apart on an axis `pixels` wide: the
 * smallest clock step that keeps them that far apart, aligned to the local clock (a 15-minute step
 * ticks at :00, :15, …; a day step at local midnight).
 */
export function timeTicks(
  [min, max]: readonly [number, number],
  pixels: number,
  minSpacingPixels = 96,
): TimeTicks {
  const span = Math.max(max - min, 1);
  const wanted = Math.max(1, Math.floor(pixels / minSpacingPixels));
  const step = STEPS.find((s) => span / s <= wanted) ?? STEPS[STEPS.length - 1]!;
  const offset = localOffset(min);
  const ticks: number[] = [];
  for (let local = Math.ceil((min + offset) / step) * step; local - offset <= max; local += step)
    ticks.push(local - offset);
  // A single trace (or traces within one step): one tick, at the first.
  if (ticks.length === 0) ticks.push(min);
  return { ticks, step, format: (ms) => timeLabel(ms, step) };
}
