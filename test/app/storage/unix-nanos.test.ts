import { describe, expect, it } from 'vitest';
import { compareNanos, nanosBetween, unixMillisOf } from '../../../app/storage/unix-nanos';

describe('unix-nano times as decimal text', () => {
  it('orders by value, whatever the length or leading zeros', () => {
    expect(compareNanos('999', '1000')).toBeLessThan(0);
    expect(compareNanos('1700000000000000002', '1700000000000000001')).toBeGreaterThan(0);
    expect(compareNanos('0042', '42')).toBe(0);
    expect(compareNanos('0', '000')).toBe(0);
  });

  it('subtracts exactly, as BigInt would', () => {
    const cases: [string, string][] = [
      ['1700000000000000001', '1700000000999999999'],
      ['1699999999999999999', '1700000000000000000'],
      ['5', '123456789'],
      ['0', '1700000000000000000'],
      ['1700000000000000009', '1700000000000000001'],
      ['18446744073709551614', '18446744073709551615'],
      ['0000000000000000001', '0000000000000000003'],
    ];
    for (const [start, end] of cases)
      expect(nanosBetween(start, end)).toBe(Number(BigInt(end) - BigInt(start)));
  });

  it('gives whole milliseconds since the epoch', () => {
    expect(unixMillisOf('1700000000123999999')).toBe(1_700_000_000_123);
    expect(unixMillisOf('999999')).toBe(0);
  });
});
