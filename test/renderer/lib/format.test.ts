import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDuration, formatListTime } from '../../../renderer/lib/format';

const unixNano = (date: Date) => String(BigInt(date.getTime()) * 1_000_000n + 123_456n);

describe('formatListTime', () => {
  const now = new Date(2026, 2, 14, 15, 0, 0);

  it('gives only the time of day, to the millisecond, for a trace of today', () => {
    expect(formatListTime(unixNano(new Date(2026, 2, 14, 9, 5, 7, 89)), now)).toBe('09:05:07.089');
  });

  it('gives the date and the time for an older trace', () => {
    expect(formatListTime(unixNano(new Date(2026, 2, 13, 23, 59, 58, 1)), now)).toBe(
      '2026-03-13 23:59:58',
    );
    expect(formatListTime(unixNano(new Date(2025, 11, 31, 1, 2, 3)), now)).toBe(
      '2025-12-31 01:02:03',
    );
  });
});

describe('formatDateTime', () => {
  it('gives the local date and time to the millisecond', () => {
    expect(formatDateTime(unixNano(new Date(2026, 0, 2, 3, 4, 5, 6)))).toBe(
      '2026-01-02 03:04:05.006',
    );
  });
});

describe('formatDuration', () => {
  it('reads in the unit a person would use', () => {
    expect(formatDuration(0)).toBe('0 µs');
    expect(formatDuration(830)).toBe('830 µs');
    expect(formatDuration(5_000)).toBe('5.00 ms');
    expect(formatDuration(12_345)).toBe('12.3 ms');
    expect(formatDuration(250_000)).toBe('250 ms');
    expect(formatDuration(1_250_000)).toBe('1.25 s');
    expect(formatDuration(42_000_000)).toBe('42.0 s');
    expect(formatDuration(123_000_000)).toBe('2 min 3 s');
    expect(formatDuration(120_000_000)).toBe('2 min');
    expect(formatDuration((5 * 3600 + 12 * 60) * 1e6)).toBe('5 h 12 min');
    expect(formatDuration((3 * 86_400 + 4 * 3600) * 1e6)).toBe('3 d 4 h');
  });

  it('rounds up into the next unit instead of writing 60 of a smaller one', () => {
    expect(formatDuration(59_990_000)).toBe('1 min');
    expect(formatDuration(3_599_700_000)).toBe('1 h');
    expect(formatDuration(86_399_000_000)).toBe('1 d');
  });

  it('writes huge, negative and missing durations readably', () => {
    // The duration a span ending before its start once showed as 4223371679m 59s.
    expect(formatDuration(1e15)).toBe('11,574 d 2 h');
    expect(formatDuration(-1_500)).toBe('−1.50 ms');
    expect(formatDuration(Number.NaN)).toBe('–');
  });
});
