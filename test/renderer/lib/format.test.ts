import { describe, expect, it } from 'vitest';
import { formatDateTime, formatListTime } from '../../../renderer/lib/format';

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
