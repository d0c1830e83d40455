import { describe, expect, it } from 'vitest';
import {
  criticalPath,
  criticalRows,
  type CriticalPathSpan,
} from '../../../renderer/trace-view/critical-path';
import { buildTraceModel } from '../../../renderer/trace-view/trace-model';
import { outline, type SpanSketch } from './span-fixtures';

function pathOf(sketches: SpanSketch[]): [string, number, number][] {
  const model = buildTraceModel(outline(sketches));
  return criticalPath(model.spans).map((segment) => [
    model.spans[segment.row]!.spanId,
    segment.startUs,
    segment.endUs,
  ]);
}

describe('criticalPath', () => {
  it('alternates between the parent and children that run one after another', () => {
    // root [0 ─────────────────────────── 100]
    // a       [10 ──── 40]
    // b                      [50 ──── 90]
    expect(
      pathOf([
        { id: 'root', start: 0, end: 100 },
        { id: 'a', parent: 'root', start: 10, end: 40 },
        { id: 'b', parent: 'root', start: 50, end: 90 },
      ]),
    ).toEqual([
      ['root', 90, 100],
      ['b', 50, 90],
      ['root', 40, 50],
      ['a', 10, 40],
      ['root', 0, 10],
    ]);
  });

  it('follows the child that finished last when children overlap', () => {
    // root [0 ─────────────────── 100]
    // a    [0 ─────────── 60]
    // b              [50 ──────── 100]
    // a was still running when b started, so b did not wait for it.
    expect(
      pathOf([
        { id: 'root', start: 0, end: 100 },
        { id: 'a', parent: 'root', start: 0, end: 60 },
        { id: 'b', parent: 'root', start: 50, end: 100 },
      ]),
    ).toEqual([
      ['b', 50, 100],
      ['root', 0, 50],
    ]);
  });

  it('descends into grandchildren', () => {
    // root [0 ───────────────────── 100]
    //   a    [10 ─────────── 80]
    //     a1     [20 ── 50]
    expect(
      pathOf([
        { id: 'root', start: 0, end: 100 },
        { id: 'a', parent: 'root', start: 10, end: 80 },
        { id: 'a1', parent: 'a', start: 20, end: 50 },
      ]),
    ).toEqual([
      ['root', 80, 100],
      ['a', 50, 80],
      ['a1', 20, 50],
      ['a', 10, 20],
      ['root', 0, 10],
    ]);
  });

  it('counts an asynchronous child that outlives its parent only up to the parent’s end', () => {
    // root [0 ────── 50]
    // async      [20 ──────────────── 120]
    expect(
      pathOf([
        { id: 'root', start: 0, end: 50 },
        { id: 'async', parent: 'root', start: 20, end: 120 },
      ]),
    ).toEqual([
      ['async', 20, 50],
      ['root', 0, 20],
    ]);
  });

  it('ignores a child that starts after its parent ended', () => {
    // root [0 ──── 50]
    // late              [60 ── 80]
    expect(
      pathOf([
        { id: 'root', start: 0, end: 50 },
        { id: 'late', parent: 'root', start: 60, end: 80 },
      ]),
    ).toEqual([['root', 0, 50]]);
  });

  it('takes each of two back-to-back children once', () => {
    // root [0 ──────────── 20]
    // a    [0 ── 10]
    // b            [10 ── 20]
    // zero [10]  (zero duration, ends where b starts)
    expect(
      pathOf([
        { id: 'root', start: 0, end: 20 },
        { id: 'a', parent: 'root', start: 0, end: 10 },
        { id: 'b', parent: 'root', start: 10, end: 20 },
        { id: 'zero', parent: 'root', start: 10, end: 10 },
      ]),
    ).toEqual([
      ['b', 10, 20],
      ['a', 0, 10],
    ]);
  });

  it('walks a chain 100,000 spans deep without recursion', () => {
    // s0 [0 ─────────────── 200000]
    //   s1 [1 ─────────── 199999]
    //     … each child nested one microsecond inside its parent
    const spans: CriticalPathSpan[] = [];
    for (let i = 0; i < 100_000; i++)
      spans.push({ row: i, parentRow: i - 1, startUs: i, endUs: 200_000 - i });
    const path = criticalPath(spans);
    expect(criticalRows(spans.length, path).every((flag) => flag === 1)).toBe(true);
    expect(path).toHaveLength(2 * 100_000 - 1);
    expect(path[0]).toEqual({ row: 0, startUs: 199_999, endUs: 200_000 });
  });

  it('handles 100,000 overlapping siblings', () => {
    // root [0 ──────────────── 100000]
    //   c_i [i ── i + 50]  for i = 0 … 99998: all overlap their neighbours
    const spans: CriticalPathSpan[] = [{ row: 0, parentRow: -1, startUs: 0, endUs: 100_000 }];
    for (let i = 0; i < 99_999; i++)
      spans.push({ row: i + 1, parentRow: 0, startUs: i, endUs: i + 50 });
    const path = criticalPath(spans);
    // Each chosen child ended before the previous one started: every 50th child, from the last.
    const total = path.reduce((sum, segment) => sum + segment.endUs - segment.startUs, 0);
    expect(total).toBe(100_000);
    // The last child is clipped to the root's end; the one before it ended as the last one began.
    expect(path.slice(0, 2)).toEqual([
      { row: 99_999, startUs: 99_998, endUs: 100_000 },
      { row: 99_949, startUs: 99_948, endUs: 99_998 },
    ]);
  });
});
