// Which spans are rows of the waterfall, given which spans are collapsed (Jaeger's generateRowStates).
import type { ViewSpan } from './trace-model';

/** Collapse state: one flag per span row; a new array on every change, so memoizing on it works. */
export type CollapseState = Uint8Array;

export function expandedState(spanCount: number): CollapseState {
  return new Uint8Array(spanCount);
}

/** The rows to show, in depth-first order: a collapsed span's descendants are skipped. */
export function visibleRows(spans: readonly ViewSpan[], collapsed: CollapseState): Int32Array {
  const rows = new Int32Array(spans.length);
  let count = 0;
  for (let row = 0; row < spans.length;) {
    rows[count++] = row;
    row = collapsed[row] ? spans[row]!.subtreeEnd : row + 1;
  }
  return rows.subarray(0, count);
}

/** Every span with children collapsed, so only the roots show. */
export function collapseAll(spans: readonly ViewSpan[]): CollapseState {
  const state = new Uint8Array(spans.length);
  for (const span of spans) if (span.childCount > 0) state[span.row] = 1;
  return state;
}

/** Spans at depth < `depth` show; those at depth − 1 with children are collapsed. */
export function collapseBelowDepth(spans: readonly ViewSpan[], depth: number): CollapseState {
  const state = new Uint8Array(spans.length);
  const last = Math.max(0, depth - 1);
  for (const span of spans) if (span.childCount > 0 && span.depth >= last) state[span.row] = 1;
  return state;
}

/**
 * The folds of `before` (a state for `beforeSpans`) on a grown model of the same trace: each
 * collapsed span stays collapsed wherever its row is now.
 */
export function carriedCollapseState(
  beforeSpans: readonly ViewSpan[],
  before: CollapseState,
  after: { readonly spans: readonly ViewSpan[]; readonly rowBySpanId: ReadonlyMap<string, number> },
): CollapseState {
  const state = new Uint8Array(after.spans.length);
  for (let row = 0; row < before.length; row++) {
    if (!before[row]) continue;
    const now = after.rowBySpanId.get(beforeSpans[row]!.spanId);
    if (now !== undefined && after.spans[now]!.childCount > 0) state[now] = 1;
  }
  return state;
}

export function withCollapsed(
  state: CollapseState,
  row: number,
  collapsed: boolean,
): CollapseState {
  if (Boolean(state[row]) === collapsed) return state;
  const next = state.slice();
  next[row] = collapsed ? 1 : 0;
  return next;
}

/** Expands every ancestor of `row`, so that it becomes visible. */
export function revealRow(
  spans: readonly ViewSpan[],
  state: CollapseState,
  row: number,
): CollapseState {
  let next = state;
  for (let parent = spans[row]?.parentRow ?? -1; parent >= 0; parent = spans[parent]!.parentRow) {
    if (next[parent]) {
      if (next === state) next = state.slice();
      next[parent] = 0;
    }
  }
  return next;
}

/** Index of `row` among the visible rows (binary search; visible rows are ascending), or -1. */
export function indexOfVisibleRow(rows: Int32Array, row: number): number {
  let low = 0;
  let high = rows.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const value = rows[mid]!;
    if (value === row) return mid;
    if (value < row) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}
