/** What ordering needs from a span: its id, its parent's id and a comparable start time. */
export interface TreeSpan {
  readonly spanId: string;
  readonly parentSpanId?: string;
}

export interface SpanTreeRow<S extends TreeSpan> {
  readonly span: S;
  /** Position of the span in the input array. */
  readonly inputIndex: number;
  readonly depth: number;
  readonly childCount: number;
  /** Row index of the parent, -1 for a root. */
  readonly parentRow: number;
  /** One past the row index of the span's last descendant: rows [row, subtreeEnd) are its subtree. */
  readonly subtreeEnd: number;
}

/**
 * Orders a trace's spans depth-first, children by start time, each with its depth. A span whose
 * parent is not in the trace is shown as a root; so is every span of a parent cycle. Iterative, so
 * traces a hundred thousand levels deep can't overflow the stack.
 */
export function orderSpanTree<S extends TreeSpan>(
  spans: readonly S[],
  startOf: (span: S, index: number) => number,
): SpanTreeRow<S>[] {
  const indexById = new Map<string, number>();
  spans.forEach((span, index) => {
    if (!indexById.has(span.spanId)) indexById.set(span.spanId, index);
  });
  const starts = spans.map(startOf);
  const byStart = (a: number, b: number) => starts[a]! - starts[b]! || a - b;
  const children = new Map<number, number[]>();
  const roots: number[] = [];
  spans.forEach((span, index) => {
    if (indexById.get(span.spanId) !== index) return; // a duplicate id: the first copy wins
    const parent = span.parentSpanId ? indexById.get(span.parentSpanId) : undefined;
    if (parent === undefined || parent === index) {
      roots.push(index);
      return;
    }
    const siblings = children.get(parent);
    if (siblings) siblings.push(index);
    else children.set(parent, [index]);
  });

  const rows: (SpanTreeRow<S> & { subtreeEnd: number })[] = [];
  const placed = new Uint8Array(spans.length);
  const walk = (root: number) => {
    // Each stack entry is a span to place with the row of its parent; a marker (-1 - row) closes a
    // subtree once all of its descendants are placed.
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
        span: spans[item]!,
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
  if (rows.length < spans.length) {
    const left = spans.map((_, index) => index).filter((index) => !placed[index]);
    for (const index of left.sort(byStart)) {
      if (!placed[index] && indexById.get(spans[index]!.spanId) === index) walk(index);
    }
  }
  return rows;
}
