// Lines up two traces span by span. A span's key is its path of names from the root, with an
// occurrence number among same-named siblings (in start order), e.g.
//   place-order / GET /orders/{id}/confirmation #2
// so the second of two retries matches the second in the other trace, whatever the span ids.
import { OtlpStatusCode, type AppSpan, type TraceDetail } from '../../app/contract';

export interface ComparedSide {
  readonly spanId: string;
  readonly durationMicros: number;
  readonly error: boolean;
}

export interface ComparisonRow {
  /** Unique within the comparison; names joined by " / ", with "#n" for the n-th same-named sibling. */
  readonly path: string;
  readonly name: string;
  readonly depth: number;
  /** 1 for the first span of this name under its parent. */
  readonly occurrence: number;
  readonly a: ComparedSide | undefined;
  readonly b: ComparedSide | undefined;
  /** b − a, when the span is in both traces. */
  readonly differenceMicros: number | undefined;
  /** In both, only in A ("missing" from B), or only in B ("added" in B). */
  readonly status: 'matched' | 'missing' | 'added';
}

interface Node {
  readonly span: AppSpan;
  readonly children: Node[];
}

const byStart = (x: Node, y: Node) => {
  const a = BigInt(x.span.startTimeUnixNano);
  const b = BigInt(y.span.startTimeUnixNano);
  return a < b ? -1 : a > b ? 1 : x.span.name.localeCompare(y.span.name);
};

/** Root nodes (spans whose parent is not in the trace) with children, each level in start order. */
function treeOf(trace: TraceDetail): Node[] {
  const nodes = new Map<string, Node>();
  for (const span of trace.spans) nodes.set(span.spanId, { span, children: [] });
  const roots: Node[] = [];
  for (const node of nodes.values()) {
    const parent = node.span.parentSpanId ? nodes.get(node.span.parentSpanId) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  for (const node of nodes.values()) node.children.sort(byStart);
  return roots.sort(byStart);
}

/** Siblings keyed by name and occurrence, in their order. */
function keyed(
  nodes: readonly Node[],
): Map<string, { node: Node; name: string; occurrence: number }> {
  const seen = new Map<string, number>();
  const result = new Map<string, { node: Node; name: string; occurrence: number }>();
  for (const node of nodes) {
    const occurrence = (seen.get(node.span.name) ?? 0) + 1;
    seen.set(node.span.name, occurrence);
    result.set(`${node.span.name}\u0000${occurrence}`, { node, name: node.span.name, occurrence });
  }
  return result;
}

function sideOf(node: Node | undefined): ComparedSide | undefined {
  if (!node) return undefined;
  const { span } = node;
  return {
    spanId: span.spanId,
    durationMicros: Number(BigInt(span.endTimeUnixNano) - BigInt(span.startTimeUnixNano)) / 1000,
    error: span.status?.code === OtlpStatusCode.ERROR,
  };
}

function merge(
  left: readonly Node[],
  right: readonly Node[],
  depth: number,
  parentPath: string,
  rows: ComparisonRow[],
): void {
  const a = keyed(left);
  const b = keyed(right);
  // A's order first, then what only B has, in B's order.
  const keys = [...a.keys(), ...[...b.keys()].filter((key) => !a.has(key))];
  for (const key of keys) {
    const fromA = a.get(key);
    const fromB = b.get(key);
    const { name, occurrence } = (fromA ?? fromB)!;
    const segment = occurrence > 1 ? `${name} #${occurrence}` : name;
    const path = parentPath ? `${parentPath} / ${segment}` : segment;
    const sideA = sideOf(fromA?.node);
    const sideB = sideOf(fromB?.node);
    rows.push({
      path,
      name,
      depth,
      occurrence,
      a: sideA,
      b: sideB,
      differenceMicros: sideA && sideB ? sideB.durationMicros - sideA.durationMicros : undefined,
      status: sideA && sideB ? 'matched' : sideA ? 'missing' : 'added',
    });
    merge(fromA?.node.children ?? [], fromB?.node.children ?? [], depth + 1, path, rows);
  }
}

/** Rows in depth-first order of the merged tree. */
export function compareTraces(a: TraceDetail, b: TraceDetail): ComparisonRow[] {
  const rows: ComparisonRow[] = [];
  merge(treeOf(a), treeOf(b), 0, '', rows);
  return rows;
}
