import { describe, expect, it } from 'vitest';
import { buildTraceModel } from '../../../renderer/trace-view/trace-model';
import {
  collapseAll,
  collapseBelowDepth,
  expandedState,
  indexOfVisibleRow,
  revealRow,
  visibleRows,
  withCollapsed,
} from '../../../renderer/trace-view/visible-rows';
import { outline } from './span-fixtures';

// rows: 0 root ─┬─ 1 a ─── 2 a1 ── 3 a2
//               └─ 4 b
const model = buildTraceModel(
  outline([
    { id: 'root', start: 0, end: 100 },
    { id: 'a', parent: 'root', start: 1, end: 50 },
    { id: 'a1', parent: 'a', start: 2, end: 20 },
    { id: 'a2', parent: 'a1', start: 3, end: 10 },
    { id: 'b', parent: 'root', start: 60, end: 90 },
  ]),
);
const names = (rows: Int32Array) => [...rows].map((row) => model.spans[row]!.name);

describe('visibleRows', () => {
  it('shows every span when nothing is collapsed', () => {
    expect(names(visibleRows(model.spans, expandedState(5)))).toEqual([
      'root',
      'a',
      'a1',
      'a2',
      'b',
    ]);
  });

  it('hides the descendants of a collapsed span but not its siblings', () => {
    const state = withCollapsed(expandedState(5), 1, true);
    expect(names(visibleRows(model.spans, state))).toEqual(['root', 'a', 'b']);
  });
});

describe('collapseAll', () => {
  it('leaves only the roots', () => {
    expect(names(visibleRows(model.spans, collapseAll(model.spans)))).toEqual(['root']);
  });
});

describe('collapseBelowDepth', () => {
  it('shows spans down to the given depth (root is depth 1)', () => {
    expect(names(visibleRows(model.spans, collapseBelowDepth(model.spans, 2)))).toEqual([
      'root',
      'a',
      'b',
    ]);
    expect(names(visibleRows(model.spans, collapseBelowDepth(model.spans, 3)))).toEqual([
      'root',
      'a',
      'a1',
      'b',
    ]);
  });
});

describe('withCollapsed', () => {
  it('returns a new state on change and the same one when nothing changes', () => {
    const state = expandedState(5);
    const collapsed = withCollapsed(state, 1, true);
    expect(collapsed).not.toBe(state);
    expect(withCollapsed(collapsed, 1, true)).toBe(collapsed);
  });
});

describe('revealRow', () => {
  it('expands every collapsed ancestor of a span', () => {
    const state = collapseAll(model.spans);
    expect(names(visibleRows(model.spans, revealRow(model.spans, state, 3)))).toEqual([
      'root',
      'a',
      'a1',
      'a2',
      'b',
    ]);
  });
});

describe('indexOfVisibleRow', () => {
  it('finds a row among the visible ones and answers -1 for a hidden one', () => {
    const rows = visibleRows(model.spans, withCollapsed(expandedState(5), 1, true));
    expect(indexOfVisibleRow(rows, 4)).toBe(2);
    expect(indexOfVisibleRow(rows, 2)).toBe(-1);
  });
});
