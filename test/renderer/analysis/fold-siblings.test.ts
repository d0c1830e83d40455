import { describe, expect, it } from 'vitest';
import {
  durationBins,
  foldGroups,
  foldRows,
  groupsHiding,
} from '../../../renderer/analysis/fold-siblings';
import { buildTraceModel } from '../../../renderer/trace-view/trace-model';
import { expandedState, visibleRows } from '../../../renderer/trace-view/visible-rows';
import { outline, text, type SpanSketch } from '../trace-view/span-fixtures';

const query = (id: number) => text('db.query.text', `SELECT * FROM items WHERE id = ${id}`);

/** `count` sequential spans named `name` under `parent`, 10 µs each, from `from`. */
function run(
  prefix: string,
  parent: string,
  count: number,
  from: number,
  extra: Partial<SpanSketch> = {},
) {
  return Array.from({ length: count }, (_, i): SpanSketch => ({
    id: `${prefix}${i}`,
    parent,
    name: 'SELECT items',
    start: from + i * 10,
    end: from + i * 10 + 8 + (i % 3),
    attributes: [query(i)],
    ...extra,
  }));
}

// rows: 0  request
//        1–13  SELECT items × 12, one after another, same statement shape: the N+1 run
//              (the third, row 3, has a child "decode", row 4)
//        14    render
//        15–20 SELECT items × 6, all at once (parallel)
//        21    render ("gap")
//        22–24 SELECT items × 3 (too few to fold)
const sketches: SpanSketch[] = [
  { id: 'request', start: 0, end: 1000 },
  ...run('q', 'request', 12, 0),
  { id: 'decode', parent: 'q2', start: 21, end: 25 },
  { id: 'render', parent: 'request', start: 200, end: 300, name: 'render' },
  ...run('p', 'request', 6, 400).map((s) => ({ ...s, start: 400, end: 450 })),
  { id: 'gap', parent: 'request', start: 460, end: 470, name: 'render' },
  ...run('r', 'request', 3, 500),
];
const model = buildTraceModel(outline(sketches));
const groups = foldGroups(model);
const byFirst = new Map(groups.map((group) => [group.firstRow, group]));

describe('foldGroups', () => {
  it('finds runs of at least five consecutive siblings with the same name, service and statement', () => {
    expect(groups.map((group) => group.memberRows.length)).toEqual([12, 6]);
    const [serial, parallel] = groups;
    expect(model.spans[serial!.firstRow]!.spanId).toBe('q0');
    expect(model.spans[serial!.lastRow]!.spanId).toBe('q11');
    // The folded rows include the members' children (decode).
    expect(serial!.endRow - serial!.firstRow).toBe(13);
    expect(parallel!.parentRow).toBe(0);
  });

  it('sums and averages the members, and marks ten or more in sequence as N+1', () => {
    const [serial, parallel] = groups;
    // Durations 8, 9, 10, 8, 9, 10, … for 12 members: 4 × 27.
    expect(serial!.totalUs).toBe(108);
    expect(serial!.meanUs).toBe(9);
    expect([serial!.minUs, serial!.maxUs]).toEqual([8, 10]);
    expect(serial!.sequential).toBe(true);
    expect(serial!.nPlusOne).toBe(true);
    // Six at once: folded, but no N+1 badge.
    expect(parallel!.sequential).toBe(false);
    expect(parallel!.nPlusOne).toBe(false);
  });

  // a ─┬─ x1 … x5: same name, but every other one another statement shape
  //    └─ y1 … y5: same name and statement, another service half the time
  it('keeps apart siblings whose statement shape or service differs', () => {
    const mixed = buildTraceModel(
      outline([
        { id: 'a', start: 0, end: 100 },
        ...Array.from({ length: 6 }, (_, i): SpanSketch => ({
          id: `x${i}`,
          parent: 'a',
          name: 'query',
          start: i,
          end: i + 1,
          attributes: [text('db.query.text', i % 2 ? 'SELECT 1 FROM a' : 'SELECT 1 FROM b')],
        })),
        ...Array.from({ length: 6 }, (_, i): SpanSketch => ({
          id: `y${i}`,
          parent: 'a',
          name: 'query',
          start: 10 + i,
          end: 11 + i,
          resource: i % 2,
        })),
      ]),
    );
    expect(foldGroups(mixed)).toEqual([]);
  });
});

describe('foldRows', () => {
  const rows = visibleRows(model.spans, expandedState(model.spans.length));
  const names = (list: Int32Array) => [...list].map((row) => model.spans[row]!.spanId);

  it('shows each group as one row, its first member, and skips the rest and their children', () => {
    const folded = foldRows(rows, byFirst, new Set());
    expect(names(folded.rows)).toEqual(['request', 'q0', 'render', 'p0', 'gap', 'r0', 'r1', 'r2']);
    expect([...folded.folds.keys()]).toEqual([1, 15]);
  });

  it('leaves expanded groups unfolded', () => {
    const folded = foldRows(rows, byFirst, new Set([1]));
    expect(folded.rows).toHaveLength(rows.length - 5);
    expect([...folded.folds.keys()]).toEqual([15]);
  });

  it('finds the groups that hide a row, so that selecting it can unfold them', () => {
    const decode = model.rowBySpanId.get('decode')!;
    expect(groupsHiding(groups, decode).map((g) => g.firstRow)).toEqual([1]);
    expect(groupsHiding(groups, 1)).toEqual([]);
  });
});

describe('durationBins', () => {
  it('spreads the members over equal-width bins from the shortest to the longest', () => {
    const bins = durationBins(model, groups[0]!, 3);
    expect(bins).toEqual([4, 4, 4]);
  });
});
