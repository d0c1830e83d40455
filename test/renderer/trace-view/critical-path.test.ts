import { describe, expect, it } from 'vitest';
import {
  criticalPath,
  criticalRows,
  criticalShares,
  startResolutions,
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

  describe('with starts taken to the millisecond', () => {
    it('takes a child that starts within a millisecond before its predecessor ended as sequential', () => {
      // Every start is a whole millisecond (as the JS SDK takes them), ends are not:
      // root [0 ──────────────────────────── 3000]
      // a    [0 ────── 1400.5]
      // b          [1000 ────────── 2800.3]   (began after a ended; its start was rounded down)
      expect(
        pathOf([
          { id: 'root', start: 0, end: 3000 },
          { id: 'a', parent: 'root', start: 0, end: 1400.5 },
          { id: 'b', parent: 'root', start: 1000, end: 2800.3 },
        ]),
      ).toEqual([
        ['root', 2800.3, 3000],
        ['b', 1400.5, 2800.3],
        ['a', 0, 1400.5],
      ]);
    });

    it('keeps a span whose successor’s rounded start is even before its own end', () => {
      // root [0 ─────────────────────── 3000]
      // a    [0 ── 447]
      // b    [0 ──────────── 1356.6]   (started after a; its start was rounded down to 0)
      expect(
        pathOf([
          { id: 'root', start: 0, end: 3000 },
          { id: 'a', parent: 'root', start: 0, end: 447 },
          { id: 'b', parent: 'root', start: 0, end: 1356.6 },
        ]),
      ).toEqual([
        ['root', 1356.6, 3000],
        ['b', 447, 1356.6],
        ['a', 0, 447],
      ]);
    });

    it('still treats a longer overlap as an overlap', () => {
      // root [0 ──────────────────────────── 3000]
      // a    [0 ────────── 2100]
      // b          [1000 ────────── 2800.3]   (a ran on for 1.1 ms after b began)
      expect(
        pathOf([
          { id: 'root', start: 0, end: 3000 },
          { id: 'a', parent: 'root', start: 0, end: 2100 },
          { id: 'b', parent: 'root', start: 1000, end: 2800.3 },
        ]),
      ).toEqual([
        ['root', 2800.3, 3000],
        ['b', 1000, 2800.3],
        ['root', 0, 1000],
      ]);
    });

    it('moves a child that seems to end or start just past its parent back inside it', () => {
      // Both spans' times are shifted by their own rounding of the start (under 1 ms):
      // root   [0 ─────────────────────────── 3000]
      // client         [1000 ──────── 2000.5]
      // server                 [2000 ──── 2300.5]   (really inside the client: moved back 0.3 ms)
      expect(
        pathOf([
          { id: 'root', start: 0, end: 3000 },
          { id: 'client', parent: 'root', start: 1000, end: 2000.5 },
          { id: 'server', parent: 'client', start: 2000, end: 2300.5 },
        ]),
      ).toEqual([
        ['root', 2000.5, 3000],
        ['server', 1700, 2000.5],
        ['client', 1000, 1700],
        ['root', 0, 1000],
      ]);
    });

    it('gives no tolerance to a clock that takes starts to the nanosecond', () => {
      // As the first case, but b's start (1000.2) shows its clock is finer than a millisecond.
      expect(
        pathOf([
          { id: 'root', start: 0, end: 3000 },
          { id: 'a', parent: 'root', start: 0, end: 1400.5 },
          { id: 'b', parent: 'root', start: 1000.2, end: 2800.3 },
        ]),
      ).toEqual([
        ['root', 2800.3, 3000],
        ['b', 1000.2, 2800.3],
        ['root', 0, 1000.2],
      ]);
    });
  });
});

describe('startResolutions', () => {
  it('finds per resource whether starts are whole milliseconds, microseconds or finer', () => {
    // Trace start 0.25 ms into its millisecond; offsets in µs.
    const resolutions = startResolutions(
      Float64Array.from([750, 1750, 3, 4.5, 2]),
      Int32Array.from([0, 0, 1, 2, 2]),
      250_000,
    );
    expect(resolutions).toEqual(
      new Map([
        [0, 1000],
        [1, 1],
        [2, 0],
      ]),
    );
  });

  it('takes the finest start of a resource whose spans are not all together', () => {
    const resolutions = startResolutions(
      Float64Array.from([1000, 2, 2000, 4.5]),
      Int32Array.from([0, 1, 0, 0]),
      0,
    );
    expect(resolutions).toEqual(
      new Map([
        [0, 0],
        [1, 1],
      ]),
    );
  });
});

describe('criticalShares', () => {
  it('sums each span’s segments, in the order the path runs, as a share of the whole', () => {
    const shares = criticalShares(
      [
        { row: 0, startUs: 90, endUs: 100 },
        { row: 2, startUs: 50, endUs: 90 },
        { row: 0, startUs: 40, endUs: 50 },
        { row: 1, startUs: 10, endUs: 40 },
        { row: 0, startUs: 0, endUs: 10 },
      ],
      100,
    );
    expect(shares).toEqual([
      { row: 0, onPathUs: 30, share: 0.3 },
      { row: 1, onPathUs: 30, share: 0.3 },
      { row: 2, onPathUs: 40, share: 0.4 },
    ]);
  });
});
