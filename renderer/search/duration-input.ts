// Durations as people type them into a filter: 250ms, 1.5s, 2m, 1m30s, 800us (or µs).
import type { ParsedInput } from './parsed-input';

const MICROS_PER_UNIT: Readonly<Record<string, number>> = {
  ns: 0.001,
  us: 1,
  µs: 1, // micro sign
  μs: 1, // Greek mu
  ms: 1_000,
  s: 1_000_000,
  m: 60_000_000,
  min: 60_000_000,
  h: 3_600_000_000,
};

const PART = /(\d+(?:\.\d*)?|\.\d+)\s*([^\d\s.]*)\s*/y;

/** The duration in microseconds, or why the text is not one. */
export function parseDurationInput(text: string): ParsedInput<number> {
  const trimmed = text.trim();
  if (trimmed === '') return { state: 'empty' };
  let micros = 0;
  let position = 0;
  PART.lastIndex = 0;
  while (position < trimmed.length) {
    PART.lastIndex = position;
    const match = PART.exec(trimmed);
    if (!match || match[0] === '') {
      return {
        state: 'invalid',
        message: `“${trimmed}” is not a duration: write e.g. 250ms or 1.5s`,
      };
    }
    const [, amount, rawUnit] = match;
    const unit = rawUnit!.toLowerCase();
    if (unit === '') {
      return {
        state: 'invalid',
        message: `add a unit to ${amount}: µs, ms, s, m or h (e.g. ${amount}ms)`,
      };
    }
    const factor = MICROS_PER_UNIT[unit];
    if (factor === undefined) {
      return { state: 'invalid', message: `unknown unit “${rawUnit}”: use µs, ms, s, m or h` };
    }
    micros += Number(amount) * factor;
    position = PART.lastIndex;
  }
  return { state: 'valid', value: micros };
}
