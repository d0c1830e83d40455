/** What ordering needs from a span: its id and its parent's id. */
export interface TreeSpan {
  readonly spanId: string;
  readonly parentSpanId?: string;
}

export interface TreeRow {
  /** Position of the span in the input. */
  readonly inputIndex: number;
  readonly depth: number;
  readonly childCount: number;
  /** Row index of the parent, -1 for a root. */
  readonly parentRow: number;
  /** One past the row index of the span's last descendant: rows [row, subtreeEnd) are its subtree. */
  readonly subtreeEnd: number;
}

export interface SpanTreeRow<S extends TreeSpan> extends TreeRow {
  readonly span: S;
}

/**
 * Orders spans depth-first, children by start time, each with its depth. `parents[i]` is the input
 * index of span i's parent, or -1. A span with no parent in the input is a root; so is every span of
 * a parent cycle. Iterative, so traces a hundred thousand levels deep can't overflow the stack.
 */
export function orderTree(parents: ArrayLike<number>, starts: ArrayLike<number>): TreeRow[] {
  const count = parents.length;
  const byStart = (a: number, b: number) => starts[a]! - starts[b]! || a - b;
  const children = new Map<number, number[]>();
  const roots: number[] = [];
  for (let index = 0; index < count; index++) {
    const parent = parents[index]!;
    if (parent < 0 || parent >= count || parent === index) {
      roots.push(index);
      continue;
    }
    const siblings = children.get(parent);
    if (siblings) siblings.push(index);
    else children.set(parent, [index]);
  }

  const rows: (TreeRow & { subtreeEnd: number })[] = [];
  const placed = new Uint8Array(count);
  const walk = (root: number) => {
    // Entries are spans to place, with their parent's row and depth; a negative entry (-1 - row)
    // closes that row's subtree once all of its descendants are placed.
    const stack: number[] = [root];
    const parentRows: number[] = [-1];
    const depths: number[] = [0];
    while (stack.length > 0) {
      const item = stack.pop()!;
      const parentRow = parentRows.pop()!;
      const depth = depths.pop()!;
      if (item < 0) {
        rows[-1 - item]!.subtreeEnd = rows.length;
        continue;
      }
      if (placed[item]) continue;
      placed[item] = 1;
      const kids = (children.get(item) ?? []).filter((kid) => !placed[kid]).sort(byStart);
      const row = rows.length;
      rows.push({
        inputIndex: item,
        depth,
        childCount: kids.length,
        parentRow,
        subtreeEnd: row + 1,
      });
      stack.push(-1 - row);
      parentRows.push(-1);
      depths.push(0);
      for (let i = kids.length - 1; i >= 0; i--) {
        stack.push(kids[i]!);
        parentRows.push(row);
        depths.push(depth + 1);
      }
    }
  };
  for (const root of roots.sort(byStart)) walk(root);
  // Spans caught in a parent cycle are reachable from no root: show each as a root of what's left.
  if (rows.length < count) {
    const left: number[] = [];
    for (let index = 0; index < count; index++) if (!placed[index]) left.push(index);
    for (const index of left.sort(byStart)) if (!placed[index]) walk(index);
  }
  return rows;
}

/** orderTree for spans that name their parent by id; a duplicate id's later copies are roots. */
export function orderSpanTree<S extends TreeSpan>(
  spans: readonly S[],
  startOf: (span: S, index: number) => number,
): SpanTreeRow<S>[] {
  const indexById = new Map<string, number>();
  spans.forEach((span, index) => {
    if (!indexById.has(span.spanId)) indexById.set(span.spanId, index);
  });
  const parents = spans.map((span) =>
    span.parentSpanId ? (indexById.get(span.parentSpanId) ?? -1) : -1,
  );
  return orderTree(parents, spans.map(startOf)).map((row) => ({
    ...row,
    span: spans[row.inputIndex]!,
  }));
}
