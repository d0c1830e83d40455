import { describe, expect, it } from 'vitest';
import { rowsOfSpans, stepMatch } from '../../../renderer/trace-view/find-in-trace';
import { buildTraceModel } from '../../../renderer/trace-view/trace-model';
import { outline } from './span-fixtures';

// rows: 0 root ─┬─ 1 a
//               └─ 2 b
const model = buildTraceModel(
  outline([
    { id: 'b', parent: 'root', start: 20, end: 30 },
    { id: 'root', start: 0, end: 100 },
    { id: 'a', parent: 'root', start: 1, end: 10 },
  ]),
);

describe('rowsOfSpans', () => {
  it('turns the core’s matching span ids into ascending rows, skipping unknown ids', () => {
    expect([...rowsOfSpans(model, { spanIds: ['b', 'gone', 'root'] })]).toEqual([0, 2]);
  });

  it('takes the rows from where the core says the spans are in the outline, checking the ids', () => {
    // Outline order: b, root, a. "a" is said to be at index 0 (b's): found by its id instead.
    const found = { spanIds: ['b', 'root', 'a', 'gone'], spanIndexes: [0, 1, 0, 7] };
    expect([...rowsOfSpans(model, found)]).toEqual([0, 1, 2]);
    expect(model.rowOfIndex[0]).toBe(2);
    expect(model.rowOfIndex[1]).toBe(0);
  });
});

describe('stepMatch', () => {
  const matches = Int32Array.from([2, 5, 9]);
  it('goes to the next match after the current row, wrapping around', () => {
    expect(stepMatch(matches, 5, 1)).toBe(9);
    expect(stepMatch(matches, 9, 1)).toBe(2);
    expect(stepMatch(matches, -1, 1)).toBe(2);
  });
  it('goes to the previous match, wrapping around', () => {
    expect(stepMatch(matches, 5, -1)).toBe(2);
    expect(stepMatch(matches, 2, -1)).toBe(9);
  });
  it('answers -1 without matches', () => expect(stepMatch(new Int32Array(0), 0, 1)).toBe(-1));
});
