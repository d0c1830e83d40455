import { describe, expect, it } from 'vitest';
import type { TraceSummary } from '../../../app/contract';
import { anyStartedOtherDay, rowAfterKey } from '../../../renderer/trace-list/list-rows';

describe('rowAfterKey', () => {
  it('moves one row with the arrows, stopping at either end', () => {
    expect(rowAfterKey('ArrowDown', 3, 10, 5)).toBe(4);
    expect(rowAfterKey('ArrowUp', 3, 10, 5)).toBe(2);
    expect(rowAfterKey('ArrowUp', 0, 10, 5)).toBe(0);
    expect(rowAfterKey('ArrowDown', 9, 10, 5)).toBe(9);
  });

  it('moves a page less one row with Page Up and Down, and to the ends with Home and End', () => {
    expect(rowAfterKey('PageDown', 0, 100, 12)).toBe(11);
    expect(rowAfterKey('PageUp', 50, 100, 12)).toBe(39);
    expect(rowAfterKey('PageDown', 95, 100, 12)).toBe(99);
    expect(rowAfterKey('PageDown', 0, 100, 0)).toBe(1);
    expect(rowAfterKey('Home', 50, 100, 12)).toBe(0);
    expect(rowAfterKey('End', 50, 100, 12)).toBe(99);
  });

  it('leaves other keys, and an empty list, alone', () => {
    expect(rowAfterKey('Enter', 3, 10, 5)).toBeUndefined();
    expect(rowAfterKey('a', 3, 10, 5)).toBeUndefined();
    expect(rowAfterKey('ArrowDown', 0, 0, 5)).toBeUndefined();
  });
});

describe('anyStartedOtherDay', () => {
  const today = new Date(2025, 5, 15, 14, 30);
  const at = (date: Date) =>
    ({ startTimeUnixNano: `${BigInt(date.getTime()) * 1_000_000n}` }) as TraceSummary;

  it('is false when every trace started today, from local midnight to just before the next', () => {
    const traces = [
      at(new Date(2025, 5, 15, 0, 0, 0, 0)),
      at(new Date(2025, 5, 15, 23, 59, 59, 999)),
      at(today),
    ];
    expect(anyStartedOtherDay(traces, today)).toBe(false);
    expect(anyStartedOtherDay([], today)).toBe(false);
  });

  it('is true when one trace started yesterday or tomorrow', () => {
    expect(anyStartedOtherDay([at(today), at(new Date(2025, 5, 14, 23, 59))], today)).toBe(true);
    expect(anyStartedOtherDay([at(new Date(2025, 5, 16, 0, 0))], today)).toBe(true);
  });
});
