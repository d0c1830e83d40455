import { describe, expect, it } from 'vitest';
import { orderSpanTree } from '../../../renderer/trace-view/span-tree';

interface S {
  spanId: string;
  parentSpanId?: string;
  start: number;
}
const order = (spans: S[]) =>
  orderSpanTree(spans, (span) => span.start).map((row) => ({
    id: row.span.spanId,
    depth: row.depth,
    parentRow: row.parentRow,
    subtreeEnd: row.subtreeEnd,
  }));

describe('orderSpanTree', () => {
  it('orders depth-first with children by start time, with depth, parent row and subtree end', () => {
    // root ─┬─ b (start 5) ── d
    //       └─ a (start 1) ── c
    const rows = order([
      { spanId: 'd', parentSpanId: 'b', start: 6 },
      { spanId: 'b', parentSpanId: 'root', start: 5 },
      { spanId: 'root', start: 0 },
      { spanId: 'c', parentSpanId: 'a', start: 2 },
      { spanId: 'a', parentSpanId: 'root', start: 1 },
    ]);
    expect(rows).toEqual([
      { id: 'root', depth: 0, parentRow: -1, subtreeEnd: 5 },
      { id: 'a', depth: 1, parentRow: 0, subtreeEnd: 3 },
      { id: 'c', depth: 2, parentRow: 1, subtreeEnd: 3 },
      { id: 'b', depth: 1, parentRow: 0, subtreeEnd: 5 },
      { id: 'd', depth: 2, parentRow: 3, subtreeEnd: 5 },
    ]);
  });

  it('shows a span whose parent is missing as a root', () => {
    // root      orphan (parent "gone" not in the trace)
    const rows = order([
      { spanId: 'orphan', parentSpanId: 'gone', start: 3 },
      { spanId: 'root', start: 0 },
    ]);
    expect(rows.map((row) => [row.id, row.depth])).toEqual([
      ['root', 0],
      ['orphan', 0],
    ]);
  });

  it('shows each span of a parent cycle once instead of looping', () => {
    // x ⇄ y (each names the other as parent)
    const rows = order([
      { spanId: 'x', parentSpanId: 'y', start: 0 },
      { spanId: 'y', parentSpanId: 'x', start: 1 },
    ]);
    expect(rows.map((row) => row.id).sort()).toEqual(['x', 'y']);
  });

  it('orders a chain 100,000 spans deep without overflowing the stack', () => {
    const spans: S[] = [];
    for (let i = 0; i < 100_000; i++)
      spans.push({ spanId: `s${i}`, parentSpanId: i ? `s${i - 1}` : undefined, start: i });
    const rows = orderSpanTree(spans, (span) => span.start);
    expect(rows).toHaveLength(100_000);
    expect(rows[99_999]!.depth).toBe(99_999);
    expect(rows[0]!.subtreeEnd).toBe(100_000);
  });
});
