// The critical path: the chain of work that decided when the root span finished. Walking back from
// the root's end, at each span the child that finished last (before the time we are looking back
// from) was what the span waited for; time with no such child is the span's own work. The approach
// of Jaeger UI's critical path, written as a loop so that any depth works.

/** What the algorithm needs of a span; rows must be in depth-first order (see span-tree.ts). */
export interface CriticalPathSpan {
  readonly row: number;
  readonly parentRow: number;
  readonly startUs: number;
  readonly endUs: number;
}

export interface CriticalSegment {
  readonly row: number;
  readonly startUs: number;
  readonly endUs: number;
}

/**
 * Critical path of the tree rooted at `rootRow`, latest segment first. Children are clipped to their
 * parent: a child that starts after its parent ended is ignored, and an asynchronous child that
 * outlives its parent counts only up to the parent's end.
 */
export function criticalPath(spans: readonly CriticalPathSpan[], rootRow = 0): CriticalSegment[] {
  const root = spans[rootRow];
  if (!root) return [];
  // Clipped bounds, computed top-down: depth-first order puts every parent before its children.
  const start = new Float64Array(spans.length);
  const end = new Float64Array(spans.length);
  const included = new Uint8Array(spans.length);
  const children = new Map<number, number[]>();
  start[rootRow] = root.startUs;
  end[rootRow] = root.endUs;
  included[rootRow] = 1;
  for (let row = rootRow + 1; row < spans.length; row++) {
    const span = spans[row]!;
    const parent = span.parentRow;
    if (parent < 0 || !included[parent]) continue;
    if (span.startUs > end[parent]! || span.endUs < start[parent]!) continue;
    start[row] = Math.max(span.startUs, start[parent]!);
    end[row] = Math.min(span.endUs, end[parent]!);
    included[row] = 1;
    const siblings = children.get(parent);
    if (siblings) siblings.push(row);
    else children.set(parent, [row]);
  }
  // Each parent's children latest-ending first, with a cursor into that list: the time we look back
  // from only decreases while we stay in one parent, so a skipped child never becomes a candidate.
  for (const list of children.values()) list.sort((a, b) => end[b]! - end[a]! || b - a);
  const nextChild = new Map<number, number>();

  const path: CriticalSegment[] = [];
  const push = (row: number, from: number, to: number) => {
    if (to > from) path.push({ row, startUs: from, endUs: to });
  };
  let current = rootRow;
  let lookBackFrom = end[rootRow]!;
  for (;;) {
    const list = children.get(current);
    let chosen = -1;
    if (list) {
      let cursor = nextChild.get(current) ?? 0;
      // Skip children still running at `lookBackFrom`: they overlap work already on the path.
      while (cursor < list.length && end[list[cursor]!]! > lookBackFrom) cursor++;
      if (cursor < list.length) chosen = list[cursor++]!;
      nextChild.set(current, cursor);
    }
    if (chosen >= 0) {
      push(current, end[chosen]!, lookBackFrom);
      current = chosen;
      lookBackFrom = end[chosen]!;
      continue;
    }
    push(current, start[current]!, lookBackFrom);
    if (current === rootRow) break;
    lookBackFrom = start[current]!;
    current = spans[current]!.parentRow;
  }
  return path;
}

/** The rows on the path, as a per-row flag for the waterfall. */
export function criticalRows(spanCount: number, path: readonly CriticalSegment[]): Uint8Array {
  const flags = new Uint8Array(spanCount);
  for (const segment of path) flags[segment.row] = 1;
  return flags;
}
