import { describe, expect, it } from 'vitest';
import type { AppSpan, TraceDetail } from '../../../app/contract';
import { traceOutline } from '../../../app/viewer/trace-outline';
import {
  compareTraces as compareOutlines,
  comparisonRow,
} from '../../../renderer/compare/compare-traces';

const T0 = 1_750_000_000_000_000_000n;

/** [id, parent, name, start ms, duration ms, error?] */
type Row = [string, string | undefined, string, number, number, boolean?];

function traceOf(rows: readonly Row[]): TraceDetail {
  const spans: AppSpan[] = rows.map(([id, parent, name, startMs, durationMs, error]) => ({
    traceId: 'a'.repeat(32),
    spanId: id.padStart(16, '0'),
    parentSpanId: parent?.padStart(16, '0'),
    name,
    kind: 1,
    startTimeUnixNano: (T0 + BigInt(startMs * 1e6)).toString(),
    endTimeUnixNano: (T0 + BigInt((startMs + durationMs) * 1e6)).toString(),
    status: { code: error ? 2 : 0 },
    resourceIndex: 0,
    scopeIndex: 0,
  }));
  return {
    traceId: 'a'.repeat(32),
    resources: [{ attributes: [] }],
    scopes: [{ name: 't' }],
    spans,
  };
}

/** The comparison of the two traces' outlines, row by row. */
function compareTraces(a: TraceDetail, b: TraceDetail) {
  const comparison = compareOutlines(traceOutline(a), traceOutline(b));
  return Array.from({ length: comparison.rowCount }, (_, row) => comparisonRow(comparison, row));
}

const summary = (a: TraceDetail, b: TraceDetail) =>
  compareTraces(a, b).map((row) => [
    row.path,
    row.status,
    row.a?.durationMicros,
    row.b?.durationMicros,
    row.differenceMicros,
  ]);

describe('compareTraces', () => {
  // A:                          B:
  // order (100)                 order (150)
  // ├── pay (20)                ├── pay (20)
  // └── save (50)               └── save (90)
  //     └── fsync (10)              └── fsync (40)
  it('matches identical shapes span by span with both durations and the difference', () => {
    const a = traceOf([
      ['1', undefined, 'order', 0, 100],
      ['2', '1', 'pay', 0, 20],
      ['3', '1', 'save', 30, 50],
      ['4', '3', 'fsync', 70, 10],
    ]);
    const b = traceOf([
      ['9', undefined, 'order', 0, 150],
      ['8', '9', 'pay', 0, 20],
      ['7', '9', 'save', 30, 90],
      ['6', '7', 'fsync', 70, 40],
    ]);
    expect(summary(a, b)).toEqual([
      ['order', 'matched', 100_000, 150_000, 50_000],
      ['order / pay', 'matched', 20_000, 20_000, 0],
      ['order / save', 'matched', 50_000, 90_000, 40_000],
      ['order / save / fsync', 'matched', 10_000, 40_000, 30_000],
    ]);
    expect(compareTraces(a, b).map((row) => row.depth)).toEqual([0, 1, 1, 2]);
  });

  // A:                          B:
  // order                       order
  // ├── pay  (ERROR)            ├── pay
  //                             ├── save
  //                             │   └── fsync
  //                             └── email
  it('marks spans only in B as added and only in A as missing, subtrees included', () => {
    const a = traceOf([
      ['1', undefined, 'order', 0, 30, true],
      ['2', '1', 'pay', 0, 20, true],
    ]);
    const b = traceOf([
      ['1', undefined, 'order', 0, 100],
      ['2', '1', 'pay', 0, 20],
      ['3', '1', 'save', 30, 50],
      ['4', '3', 'fsync', 40, 10],
      ['5', '1', 'email', 85, 10],
    ]);
    const rows = compareTraces(a, b);
    expect(rows.map((row) => [row.path, row.status])).toEqual([
      ['order', 'matched'],
      ['order / pay', 'matched'],
      ['order / save', 'added'],
      ['order / save / fsync', 'added'],
      ['order / email', 'added'],
    ]);
    expect(rows[1]!.a!.error).toBe(true);
    expect(rows[1]!.b!.error).toBe(false);
    expect(rows[2]!.a).toBeUndefined();
    expect(rows[2]!.differenceMicros).toBeUndefined();
    // The other way round, the same spans are missing.
    expect(compareTraces(b, a).map((row) => row.status)).toEqual([
      'matched',
      'matched',
      'missing',
      'missing',
      'missing',
    ]);
  });

  // A:                          B:
  // order                       order
  // ├── GET (10) #1             ├── GET (12) #1
  // ├── GET (30) #2             ├── GET (31) #2
  //                             └── GET (90) #3   (a retry)
  it('tells same-named siblings apart by their order of start', () => {
    const a = traceOf([
      ['1', undefined, 'order', 0, 200],
      ['3', '1', 'GET', 50, 30], // listed first but starts second
      ['2', '1', 'GET', 0, 10],
    ]);
    const b = traceOf([
      ['1', undefined, 'order', 0, 200],
      ['2', '1', 'GET', 0, 12],
      ['3', '1', 'GET', 50, 31],
      ['4', '1', 'GET', 100, 90],
    ]);
    expect(summary(a, b)).toEqual([
      ['order', 'matched', 200_000, 200_000, 0],
      ['order / GET', 'matched', 10_000, 12_000, 2_000],
      ['order / GET #2', 'matched', 30_000, 31_000, 1_000],
      ['order / GET #3', 'added', undefined, 90_000, undefined],
    ]);
    expect(compareTraces(a, b).map((row) => row.occurrence)).toEqual([1, 1, 2, 3]);
  });

  // A: order            B: refund
  it('compares traces with different roots as all missing plus all added', () => {
    const a = traceOf([['1', undefined, 'order', 0, 10]]);
    const b = traceOf([['1', undefined, 'refund', 0, 10]]);
    expect(compareTraces(a, b).map((row) => [row.path, row.status])).toEqual([
      ['order', 'missing'],
      ['refund', 'added'],
    ]);
  });

  // A span whose parent has not arrived is treated as a root, so it is still compared.
  it('treats spans with an absent parent as roots', () => {
    const a = traceOf([['2', 'gone', 'orphan', 0, 5]]);
    const b = traceOf([['7', 'lost', 'orphan', 0, 8]]);
    expect(summary(a, b)).toEqual([['orphan', 'matched', 5_000, 8_000, 3_000]]);
  });

  // No recursion: a chain a million spans deep would overflow the stack.
  it('compares a chain 300,000 spans deep, and counts the rows of each kind', () => {
    const chain = (count: number, name: (i: number) => string): Row[] =>
      Array.from({ length: count }, (_, i) => [
        String(i + 1),
        i === 0 ? undefined : String(i),
        name(i),
        i,
        count - i,
      ]);
    const a = traceOutline(traceOf(chain(300_000, () => 'step')));
    const b = traceOutline(traceOf(chain(300_001, (i) => (i === 299_999 ? 'other' : 'step'))));
    const comparison = compareOutlines(a, b);
    expect(comparison.rowCount).toBe(300_002);
    expect(comparison.counts).toEqual({ matched: 299_999, missing: 1, added: 2 });
    expect(comparison.depth[299_998]).toBe(299_998);
    const deepest = comparisonRow(comparison, comparison.rowCount - 1);
    expect(deepest.status).toBe('added');
    expect(deepest.path.startsWith('… / step / ')).toBe(true);
    expect(deepest.path.endsWith(' / other / step')).toBe(true);
  });
});
