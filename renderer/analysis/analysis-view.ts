// The analysis stage of the waterfall's pipeline, after visible-rows.ts: which of the visible rows
// the view keeps (a focused subtree, the critical path only, a statistics row's spans) and which
// runs of repeated siblings it folds. Pure; the per-trace work is cached on the model.
import { criticalPath, criticalRows } from '../trace-view/critical-path';
import type { TraceModel, ViewSpan } from '../trace-view/trace-model';
import { foldGroups, foldRows, groupsHiding, type FoldGroup } from './fold-siblings';

/** Spans picked elsewhere (a statistics row): the view shows them and, dimmed, their ancestors. */
export interface RowFilter {
  readonly label: string;
  /** Ascending rows. */
  readonly rows: Int32Array;
}

export interface AnalysisState {
  readonly folding: boolean;
  /** First rows of the fold groups the user opened. */
  readonly expandedFolds: ReadonlySet<number>;
  /** The span that is the root of the view, -1 for the whole trace. */
  readonly focusRow: number;
  readonly criticalOnly: boolean;
  readonly filter: RowFilter | undefined;
}

export const initialAnalysisState: AnalysisState = {
  folding: true,
  expandedFolds: new Set(),
  focusRow: -1,
  criticalOnly: false,
  filter: undefined,
};

/** Per row: 0 hidden, SHOWN, or CONTEXT (shown dimmed: an ancestor of a filtered span). */
export const SHOWN = 1;
export const CONTEXT = 2;

export interface AnalysisRows {
  /** The rows to show, ascending; a folded group is its first row. */
  readonly rows: Int32Array;
  /** Folded groups by the row that stands for them. */
  readonly folds: ReadonlyMap<number, FoldGroup> | undefined;
  /** Per row, when anything is filtered; undefined when every row is kept. */
  readonly shown: Uint8Array | undefined;
  /** Rows [from, to) are the view's tree (the focused subtree, or everything). */
  readonly from: number;
  readonly to: number;
  /** The focused span's depth: indentation starts there. */
  readonly depthOffset: number;
}

interface ModelCache {
  groups?: FoldGroup[];
  groupsByFirstRow?: Map<number, FoldGroup>;
  critical: Map<number, Uint8Array>;
  filters: WeakMap<RowFilter, Uint8Array>;
}
const caches = new WeakMap<TraceModel, ModelCache>();
function cacheOf(model: TraceModel): ModelCache {
  let cache = caches.get(model);
  if (!cache) caches.set(model, (cache = { critical: new Map(), filters: new WeakMap() }));
  return cache;
}

export function foldGroupsOf(model: TraceModel): readonly FoldGroup[] {
  const cache = cacheOf(model);
  cache.groups ??= foldGroups(model);
  return cache.groups;
}

function groupsByFirstRow(model: TraceModel): ReadonlyMap<number, FoldGroup> {
  const cache = cacheOf(model);
  cache.groupsByFirstRow ??= new Map(foldGroupsOf(model).map((group) => [group.firstRow, group]));
  return cache.groupsByFirstRow;
}

/** Rows on the critical path of the tree rooted at `rootRow` (critical-path.ts). */
export function criticalFlags(model: TraceModel, rootRow: number): Uint8Array {
  const cache = cacheOf(model);
  let flags = cache.critical.get(rootRow);
  if (!flags) {
    flags = criticalRows(model.spans.length, criticalPath(model.spans, rootRow));
    cache.critical.set(rootRow, flags);
  }
  return flags;
}

/** The filter's spans (SHOWN) and their ancestors (CONTEXT). */
export function filterFlags(model: TraceModel, filter: RowFilter): Uint8Array {
  const cache = cacheOf(model);
  let flags = cache.filters.get(filter);
  if (!flags) {
    flags = new Uint8Array(model.spans.length);
    for (const row of filter.rows) {
      flags[row] = SHOWN;
      for (let up = model.spans[row]?.parentRow ?? -1; up >= 0 && !flags[up];) {
        flags[up] = CONTEXT;
        up = model.spans[up]!.parentRow;
      }
    }
    cache.filters.set(filter, flags);
  }
  return flags;
}

/** Rows [row, subtreeEnd) of the focused span, or all rows. */
export function focusRange(spans: readonly ViewSpan[], focusRow: number): [number, number] {
  const span = focusRow >= 0 ? spans[focusRow] : undefined;
  return span ? [span.row, span.subtreeEnd] : [0, spans.length];
}

/** The earliest start and latest end within the subtree (asynchronous children included). */
export function subtreeExtent(spans: readonly ViewSpan[], row: number): [number, number] {
  const span = spans[row]!;
  let start = span.startUs;
  let end = span.endUs;
  for (let inner = row + 1; inner < span.subtreeEnd; inner++) {
    start = Math.min(start, spans[inner]!.startUs);
    end = Math.max(end, spans[inner]!.endUs);
  }
  return [start, end];
}

/** The span's ancestors from the root down to it (the breadcrumb of a focus). */
export function ancestry(spans: readonly ViewSpan[], row: number): number[] {
  const path: number[] = [];
  for (let current = row; current >= 0; current = spans[current]!.parentRow) path.push(current);
  return path.reverse();
}

/** Per row: what the state's focus, critical-path and filter keep; undefined when they keep all. */
export function shownFlags(model: TraceModel, state: AnalysisState): Uint8Array | undefined {
  const critical = state.criticalOnly
    ? criticalFlags(model, Math.max(0, state.focusRow))
    : undefined;
  const filtered = state.filter ? filterFlags(model, state.filter) : undefined;
  if (!critical) return filtered;
  if (!filtered) return critical;
  const both = new Uint8Array(model.spans.length);
  for (let row = 0; row < both.length; row++) if (critical[row]) both[row] = filtered[row]!;
  return both;
}

export function analysisRows(
  model: TraceModel,
  visible: Int32Array,
  state: AnalysisState,
): AnalysisRows {
  const { spans } = model;
  const [from, to] = focusRange(spans, state.focusRow);
  const shown = shownFlags(model, state);
  let rows = visible;
  if (shown || from > 0 || to < spans.length) {
    const kept = new Int32Array(visible.length);
    let count = 0;
    for (const row of visible)
      if (row >= from && row < to && (!shown || shown[row])) kept[count++] = row;
    rows = kept.subarray(0, count);
  }
  const folded = state.folding
    ? foldRows(rows, groupsByFirstRow(model), state.expandedFolds)
    : undefined;
  return {
    rows: folded?.rows ?? rows,
    folds: folded && folded.folds.size > 0 ? folded.folds : undefined,
    shown,
    from,
    to,
    depthOffset: state.focusRow >= 0 ? (spans[state.focusRow]?.depth ?? 0) : 0,
  };
}

/** The state for a model whose rows changed (the trace grew): toggles stay, rows are dropped. */
export function forNewRows(state: AnalysisState): AnalysisState {
  return { ...state, focusRow: -1, filter: undefined, expandedFolds: new Set() };
}

/** Of ascending `rows`, those the state's focus and filters keep. */
export function keptRows(model: TraceModel, state: AnalysisState, rows: Int32Array): Int32Array {
  if (state.focusRow < 0 && !state.criticalOnly && !state.filter) return rows;
  const [from, to] = focusRange(model.spans, state.focusRow);
  const shown = shownFlags(model, state);
  return rows.filter((row) => row >= from && row < to && (!shown || shown[row] !== 0));
}

/** Whether the state's focus and filters keep `row` (folding and collapse aside). */
export function keepsRow(model: TraceModel, state: AnalysisState, row: number): boolean {
  const [from, to] = focusRange(model.spans, state.focusRow);
  if (row < from || row >= to) return false;
  const shown = shownFlags(model, state);
  return !shown || shown[row] !== 0;
}

/** The state with whatever hides `row` undone: folds opened, then focus and filters dropped. */
export function revealInAnalysis(
  model: TraceModel,
  state: AnalysisState,
  row: number,
): AnalysisState {
  let next = state;
  const [from, to] = focusRange(model.spans, state.focusRow);
  if (row < from || row >= to) next = { ...next, focusRow: -1 };
  if (next.criticalOnly && !criticalFlags(model, Math.max(0, next.focusRow))[row])
    next = { ...next, criticalOnly: false };
  if (next.filter && !filterFlags(model, next.filter)[row]) next = { ...next, filter: undefined };
  if (next.folding) {
    const hiding = groupsHiding(foldGroupsOf(model), row).filter(
      (group) => !next.expandedFolds.has(group.firstRow),
    );
    if (hiding.length > 0)
      next = {
        ...next,
        expandedFolds: new Set([...next.expandedFolds, ...hiding.map((group) => group.firstRow)]),
      };
  }
  return next;
}
