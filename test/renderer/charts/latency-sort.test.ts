import { describe, expect, it } from 'vitest';
import type { OperationLatency } from '../../../app/contract';
import { nextSort, sortLatencyRows } from '../../../renderer/charts/latency-sort';

const row = (service: string, spanName: string, count: number, p95: number): OperationLatency => ({
  service,
  spanName,
  count,
  errorCount: 0,
  errorRate: 0,
  p50Micros: p95 / 2,
  p95Micros: p95,
  p99Micros: p95,
  maxMicros: p95,
});

const rows = [row('b', 'x', 5, 300), row('a', 'y', 9, 100), row('a', 'x', 5, 200)];
const names = (sorted: readonly OperationLatency[]) =>
  sorted.map((r) => `${r.service}/${r.spanName}`);

describe('sortLatencyRows', () => {
  it('sorts numbers descending or ascending', () => {
    expect(names(sortLatencyRows(rows, { column: 'p95Micros', descending: true }))).toEqual([
      'b/x',
      'a/x',
      'a/y',
    ]);
    expect(names(sortLatencyRows(rows, { column: 'p95Micros', descending: false }))).toEqual([
      'a/y',
      'a/x',
      'b/x',
    ]);
  });

  it('breaks ties by service, then span name', () => {
    expect(names(sortLatencyRows(rows, { column: 'count', descending: false }))).toEqual([
      'a/x',
      'b/x',
      'a/y',
    ]);
  });

  it('sorts text columns alphabetically', () => {
    expect(names(sortLatencyRows(rows, { column: 'spanName', descending: false }))).toEqual([
      'a/x',
      'b/x',
      'a/y',
    ]);
  });
});

describe('nextSort', () => {
  it('flips the direction of the sorted column', () => {
    expect(nextSort({ column: 'count', descending: true }, 'count')).toEqual({
      column: 'count',
      descending: false,
    });
  });

  it('starts a number column descending and a text column ascending', () => {
    expect(nextSort({ column: 'count', descending: false }, 'p99Micros').descending).toBe(true);
    expect(nextSort({ column: 'count', descending: true }, 'service').descending).toBe(false);
  });
});
