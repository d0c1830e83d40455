import type { AppSpan } from '../../app/contract';

export interface SpanTreeRow {
  readonly span: AppSpan;
  readonly depth: number;
  readonly childCount: number;
}

function compareStart(a: AppSpan, b: AppSpan): number {
  const left = BigInt(a.startTimeUnixNano);
  const right = BigInt(b.startTimeUnixNano);
  return left === right ? 0 : left < right ? -1 : 1;
}

/**
 * Orders a trace's spans depth-first, children by start time, each with its depth. A span whose
 * parent is not in the trace is shown as a root. Iterative, so deep traces can't overflow the stack.
 */
export function orderSpanTree(spans: readonly AppSpan[]): SpanTreeRow[] {
  const ids = new Set(spans.map((span) => span.spanId));
  const children = new Map<string, AppSpan[]>();
  const roots: AppSpan[] = [];
  for (const span of spans) {
    const parent = span.parentSpanId;
    if (parent && ids.has(parent) && parent !== span.spanId) {
      const siblings = children.get(parent);
      if (siblings) siblings.push(span);
      else children.set(parent, [span]);
    } else {
      roots.push(span);
    }
  }
  const rows: SpanTreeRow[] = [];
  const stack: { span: AppSpan; depth: number }[] = roots
    .sort(compareStart)
    .reverse()
    .map((span) => ({ span, depth: 0 }));
  const visited = new Set<string>();
  while (stack.length > 0) {
    const { span, depth } = stack.pop()!;
    if (visited.has(span.spanId)) continue;
    visited.add(span.spanId);
    const kids = (children.get(span.spanId) ?? []).sort(compareStart);
    rows.push({ span, depth, childCount: kids.length });
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ span: kids[i]!, depth: depth + 1 });
  }
  return rows;
}
