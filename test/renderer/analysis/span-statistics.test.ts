import { describe, expect, it } from 'vitest';
import { selfTimes } from '../../../renderer/analysis/self-time';
import { sortStatistics, spanStatistics } from '../../../renderer/analysis/span-statistics';
import { buildTraceModel } from '../../../renderer/trace-view/trace-model';
import { outline } from '../trace-view/span-fixtures';

// time:     0    20   40   60   80  100
// checkout  [=========================]   frontend  0–100
//  query     [====]                       payments  5–25
//  query          [=====]                 payments  25–50  (error)
//  render                   [====]        frontend  60–80
const model = buildTraceModel(
  outline([
    { id: 'checkout', start: 0, end: 100 },
    { id: 'q1', name: 'query', parent: 'checkout', start: 5, end: 25, resource: 1 },
    { id: 'q2', name: 'query', parent: 'checkout', start: 25, end: 50, resource: 1, error: true },
    { id: 'render', parent: 'checkout', start: 60, end: 80 },
  ]),
);
const self = selfTimes(model.spans);

describe('spanStatistics', () => {
  it('groups by operation: count, total, self, share of the trace, min/avg/max, errors', () => {
    const rows = spanStatistics(model, self, 'operation');
    const query = rows.find((row) => row.name === 'query')!;
    expect(query).toMatchObject({
      key: 'payments · query',
      service: 'payments',
      count: 2,
      totalUs: 45,
      selfUs: 45,
      selfShare: 0.45,
      minUs: 20,
      avgUs: 22.5,
      maxUs: 25,
      errors: 1,
    });
    expect([...query.rows]).toEqual([1, 2]);
    // The root's self time is what its children leave: 100 − 45 − 20.
    expect(rows.find((row) => row.name === 'checkout')!.selfUs).toBe(35);
  });

  it('groups by service, and self shares add up to the whole trace when nothing overlaps', () => {
    const rows = spanStatistics(model, self, 'service');
    expect(rows.map((row) => [row.key, row.count, row.selfUs])).toEqual([
      ['frontend', 2, 55],
      ['payments', 2, 45],
    ]);
    expect(rows.reduce((sum, row) => sum + row.selfShare, 0)).toBeCloseTo(1);
  });

  it('covers only a subtree when given its rows (a focused span)', () => {
    const rows = spanStatistics(model, self, 'operation', 1, 2);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.selfShare).toBe(1);
  });
});

describe('sortStatistics', () => {
  const rows = spanStatistics(model, self, 'operation');
  it('sorts by any column, either way, ties by name', () => {
    expect(sortStatistics(rows, 'selfUs', true).map((row) => row.name)).toEqual([
      'query',
      'checkout',
      'render',
    ]);
    expect(sortStatistics(rows, 'count', false).map((row) => row.name)).toEqual([
      'checkout',
      'render',
      'query',
    ]);
    expect(sortStatistics(rows, 'key', false)[0]!.key).toBe('frontend · checkout');
  });
});
