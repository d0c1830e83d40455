import { describe, expect, it } from 'vitest';
import { findInTrace, stepMatch } from '../../../renderer/trace-view/find-in-trace';
import { buildTraceModel } from '../../../renderer/trace-view/trace-model';
import { text, trace } from './span-fixtures';

// 0 checkout ─┬─ 1 charge card (payments, attribute card.brand=visa)
//             └─ 2 write db    (event "row.inserted")
const model = buildTraceModel(
  trace([
    { id: 'checkout', start: 0, end: 100 },
    {
      id: 'charge card',
      parent: 'checkout',
      start: 1,
      end: 10,
      resource: 1,
      attributes: [text('card.brand', 'Visa')],
    },
    {
      id: 'write db',
      parent: 'checkout',
      start: 20,
      end: 30,
      events: [{ name: 'row.inserted', at: 25 }],
    },
  ]),
);
const find = (query: string) => [...findInTrace(model.spans, query)];

describe('findInTrace', () => {
  it('matches span names case-insensitively', () => expect(find('CHARGE')).toEqual([1]));
  it('matches service names', () => expect(find('payments')).toEqual([1]));
  it('matches attribute keys and values', () => {
    expect(find('card.brand')).toEqual([1]);
    expect(find('visa')).toEqual([1]);
  });
  it('matches event names', () => expect(find('inserted')).toEqual([2]));
  it('finds nothing for a blank query', () => expect(find('  ')).toEqual([]));
});

describe('stepMatch', () => {
  const matches = Int32Array.from([2, 5, 9]);
  it('goes to the next match after the current row, wrapping around', () => {
    expect(stepMatch(matches, 5, 1)).toBe(9);
    expect(stepMatch(matches, 9, 1)).toBe(2);
  });
  it('goes to the previous match, wrapping around', () => {
    expect(stepMatch(matches, 5, -1)).toBe(2);
    expect(stepMatch(matches, 2, -1)).toBe(9);
  });
  it('answers -1 without matches', () => expect(stepMatch(new Int32Array(0), 0, 1)).toBe(-1));
});
