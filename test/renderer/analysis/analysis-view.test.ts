import { describe, expect, it } from 'vitest';
import {
  analysisRows,
  ancestry,
  CONTEXT,
  initialAnalysisState,
  keepsRow,
  revealInAnalysis,
  SHOWN,
  subtreeExtent,
  type AnalysisState,
} from '../../../renderer/analysis/analysis-view';
import { buildTraceModel } from '../../../renderer/trace-view/trace-model';
import {
  expandedState,
  visibleRows,
  withCollapsed,
} from '../../../renderer/trace-view/visible-rows';
import { outline, type SpanSketch } from '../trace-view/span-fixtures';

// time:        0    20   40   60   80  100  120
// 0 root       [==============================]        0–100
// 1  auth        [===]                                  5–15
// 2  load             [=====================]           20–90  (the critical path goes here)
// 3   cache           [===]                             20–32: still running when q0 starts
// 4   q0 … q5            [=][=][=][=][=][=]             30–60: six SELECTs, one after another
// 10  render                           [====]           65–88
// 11   async                              [=========]   80–120: outlives its parent and the root
// 12 notify                                     [=]     92–96
const queries = Array.from({ length: 6 }, (_, i): SpanSketch => ({
  id: `q${i}`,
  name: 'SELECT',
  parent: 'load',
  start: 30 + i * 5,
  end: 34 + i * 5,
}));
const model = buildTraceModel(
  outline([
    { id: 'root', start: 0, end: 100 },
    { id: 'auth', parent: 'root', start: 5, end: 15 },
    { id: 'load', parent: 'root', start: 20, end: 90 },
    { id: 'cache', parent: 'load', start: 20, end: 32 },
    ...queries,
    { id: 'render', parent: 'load', start: 65, end: 88 },
    { id: 'async', parent: 'render', start: 80, end: 120 },
    { id: 'notify', parent: 'root', start: 92, end: 96 },
  ]),
);
const row = (id: string) => model.rowBySpanId.get(id)!;
const all = visibleRows(model.spans, expandedState(model.spans.length));
const ids = (rows: Int32Array) => [...rows].map((r) => model.spans[r]!.spanId);
const state = (changes: Partial<AnalysisState>): AnalysisState => ({
  ...initialAnalysisState,
  folding: false,
  ...changes,
});

describe('analysisRows', () => {
  it('keeps every row by default, folding the run of six SELECTs into its first', () => {
    expect(ids(analysisRows(model, all, state({})).rows)).toHaveLength(13);
    const folded = analysisRows(model, all, { ...initialAnalysisState });
    expect(ids(folded.rows)).toEqual([
      'root',
      'auth',
      'load',
      'cache',
      'q0',
      'render',
      'async',
      'notify',
    ]);
    expect([...folded.folds!.keys()]).toEqual([row('q0')]);
  });

  it('focus: the span and its subtree only, indented from the focused depth', () => {
    const view = analysisRows(model, all, state({ focusRow: row('render') }));
    expect(ids(view.rows)).toEqual(['render', 'async']);
    expect([view.from, view.to, view.depthOffset]).toEqual([row('render'), row('render') + 2, 2]);
  });

  it('focus composes with collapse: a collapsed span inside the focus still hides its children', () => {
    const collapsed = withCollapsed(expandedState(model.spans.length), row('render'), true);
    const view = analysisRows(
      model,
      visibleRows(model.spans, collapsed),
      state({ focusRow: row('load') }),
    );
    expect(ids(view.rows)).toEqual(['load', 'cache', 'q0', 'q1', 'q2', 'q3', 'q4', 'q5', 'render']);
  });

  it('critical path only: hides every span off the path', () => {
    // Looking back from the root's end: notify, load, render, async, the SELECTs, then auth;
    // cache ran alongside q0 and decided nothing.
    const view = analysisRows(model, all, state({ criticalOnly: true }));
    expect(ids(view.rows)).toEqual([
      'root',
      'auth',
      'load',
      ...queries.map((query) => query.id),
      'render',
      'async',
      'notify',
    ]);
  });

  it('critical path only allows for starts taken to the millisecond, as the critical path does', () => {
    // Every start is a whole millisecond (as the JS SDK takes them), ends are not:
    // root [0 ─────────────────────────── 3000]
    // a    [0 ───── 1400.5]
    // c    [0 ──── 1200]                  ran alongside a and decided nothing
    // b          [1000 ──────── 2800.3]   began after a ended; its start was rounded down
    const rounded = buildTraceModel(
      outline([
        { id: 'root', start: 0, end: 3000 },
        { id: 'a', parent: 'root', start: 0, end: 1400.5 },
        { id: 'c', parent: 'root', start: 0, end: 1200 },
        { id: 'b', parent: 'root', start: 1000, end: 2800.3 },
      ]),
    );
    const rows = visibleRows(rounded.spans, expandedState(rounded.spans.length));
    const view = analysisRows(rounded, rows, state({ criticalOnly: true }));
    expect([...view.rows].map((r) => rounded.spans[r]!.spanId).sort()).toEqual(['a', 'b', 'root']);
  });

  it('critical path only within a focus: the path of the focused subtree', () => {
    const view = analysisRows(model, all, state({ criticalOnly: true, focusRow: row('load') }));
    expect(ids(view.rows)[0]).toBe('load');
    expect(ids(view.rows)).toContain('render');
    expect(ids(view.rows)).not.toContain('notify');
  });

  it('a filter keeps its spans and, dimmed, their ancestors', () => {
    const filter = { label: 'SELECT', rows: Int32Array.from([row('q1'), row('q4')]) };
    const view = analysisRows(model, all, state({ filter }));
    expect(ids(view.rows)).toEqual(['root', 'load', 'q1', 'q4']);
    expect(view.shown![row('load')]).toBe(CONTEXT);
    expect(view.shown![row('q4')]).toBe(SHOWN);
  });
});

describe('revealInAnalysis', () => {
  it('opens the fold that hides a row', () => {
    const next = revealInAnalysis(model, initialAnalysisState, row('q3'));
    expect(next.expandedFolds.has(row('q0'))).toBe(true);
    expect(revealInAnalysis(model, initialAnalysisState, row('q0'))).toBe(initialAnalysisState);
  });

  it('drops a focus, critical path or filter that hides the row, and keeps the ones that do not', () => {
    const focused = state({ focusRow: row('render'), criticalOnly: true });
    expect(revealInAnalysis(model, focused, row('async'))).toBe(focused);
    const next = revealInAnalysis(model, focused, row('auth'));
    expect(next.focusRow).toBe(-1);
    expect(keepsRow(model, next, row('auth'))).toBe(true);
  });
});

describe('subtreeExtent and ancestry', () => {
  it('spans asynchronous children, and lists ancestors from the root', () => {
    expect(subtreeExtent(model.spans, row('load'))).toEqual([20, 120]);
    expect(ancestry(model.spans, row('async')).map((r) => model.spans[r]!.spanId)).toEqual([
      'root',
      'load',
      'render',
      'async',
    ]);
  });
});
