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

/** orderTree's answer as columns, one entry per row (no object per span: see trace-model.ts). */
export interface TreeColumns {
  readonly count: number;
  /** Position of each row's span in the input. */
  readonly inputIndex: Int32Array;
  readonly depth: Int32Array;
  readonly childCount: Int32Array;
  /** Row of the parent, -1 for a root. */
  readonly parentRow: Int32Array;
  /** Rows [row, subtreeEnd[row]) are the row's span and its descendants. */
  readonly subtreeEnd: Int32Array;
}

/**
 * Orders spans depth-first, children by start time, each with its depth. `parents[i]` is the input
 * index of span i's parent, or -1. A span with no parent in the input is a root; so is every span of
 * a parent cycle. Iterative, so traces a hundred thousand levels deep can't overflow the stack.
 */
export function orderTree(parents: ArrayLike<number>, starts: ArrayLike<number>): TreeRow[] {
  const tree = orderTreeColumns(parents, starts);
  return Array.from({ length: tree.count }, (_, row) => ({
    inputIndex: tree.inputIndex[row]!,
    depth: tree.depth[row]!,
    childCount: tree.childCount[row]!,
    parentRow: tree.parentRow[row]!,
    subtreeEnd: tree.subtreeEnd[row]!,
  }));
}

/** orderTree, answered as columns. */
export function orderTreeColumns(
  parents: ArrayLike<number>,
  starts: ArrayLike<number>,
): TreeColumns {
  const count = parents.length;
  const byStart = (a: number, b: number) => starts[a]! - starts[b]! || a - b;
  // Children lists in one flat array (CSR): span i's children are kids[first[i] .. first[i + 1]).
  const isRoot = new Uint8Array(count);
  const first = new Int32Array(count + 1);
  for (let index = 0; index < count; index++) {
    const parent = parents[index]!;
    if (parent < 0 || parent >= count || parent === index) isRoot[index] = 1;
    else first[parent + 1]!++;
  }
  for (let index = 0; index < count; index++) first[index + 1]! += first[index]!;
  const kids = new Int32Array(count);
  const fill = first.slice(0, count);
  const roots: number[] = [];
  for (let index = 0; index < count; index++) {
    if (isRoot[index]) roots.push(index);
    else kids[fill[parents[index]!]!++] = index;
  }
  for (let index = 0; index < count; index++) {
    const from = first[index]!;
    const to = first[index + 1]!;
    if (to - from > 1) kids.subarray(from, to).sort(byStart);
  }

  const inputIndex = new Int32Array(count);
  const depthOf = new Int32Array(count);
  const childCountOf = new Int32Array(count);
  const parentRowOf = new Int32Array(count);
  const subtreeEnd = new Int32Array(count);
  let rows = 0;
  const placed = new Uint8Array(count);
  // Entries are spans to place, with their parent's row and depth; a negative entry (-1 - row)
  // closes that row's subtree once all of its descendants are placed.
  const stack = new Int32Array(2 * count + 2);
  const parentRows = new Int32Array(2 * count + 2);
  const depths = new Int32Array(2 * count + 2);
  const walk = (root: number) => {
    let top = 0;
    stack[0] = root;
    parentRows[0] = -1;
    depths[0] = 0;
    top = 1;
    while (top > 0) {
      top--;
      const item = stack[top]!;
      const parentRow = parentRows[top]!;
      const depth = depths[top]!;
      if (item < 0) {
        subtreeEnd[-1 - item] = rows;
        continue;
      }
      if (placed[item]) continue;
      placed[item] = 1;
      const row = rows++;
      let childCount = 0;
      for (let k = first[item]!; k < first[item + 1]!; k++) if (!placed[kids[k]!]) childCount++;
      inputIndex[row] = item;
      depthOf[row] = depth;
      childCountOf[row] = childCount;
      parentRowOf[row] = parentRow;
      subtreeEnd[row] = row + 1;
      stack[top] = -1 - row;
      parentRows[top] = -1;
      depths[top] = 0;
      top++;
      for (let k = first[item + 1]! - 1; k >= first[item]!; k--) {
        const kid = kids[k]!;
        if (placed[kid]) continue;
        stack[top] = kid;
        parentRows[top] = row;
        depths[top] = depth + 1;
        top++;
      }
    }
  };
  roots.sort(byStart);
  for (const root of roots) walk(root);
  // Spans caught in a parent cycle are reachable from no root: show each as a root of what's left.
  if (rows < count) {
    const left: number[] = [];
    for (let index = 0; index < count; index++) if (!placed[index]) left.push(index);
    for (const index of left.sort(byStart)) if (!placed[index]) walk(index);
  }
  return {
    count,
    inputIndex,
    depth: depthOf,
    childCount: childCountOf,
    parentRow: parentRowOf,
    subtreeEnd,
  };
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
