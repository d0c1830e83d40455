// Lines up two traces span by span, from their outlines (the waterfall's lean columns): two traces
// of 1,000,000 spans compare without a copy of either's spans. A span's key is its path of names
// from the root, with an occurrence number among same-named siblings (in start order), e.g.
//   place-order / GET /orders/{id}/confirmation #2
// so the second of two retries matches the second in the other trace, whatever the span ids.
// The result is columns too, one entry per row; comparisonRow() makes one row's object on demand.
import { OtlpStatusCode, type TraceOutline } from '../../app/contract';
import { GrowingInts } from '../../app/model/growing-columns';
import { spanIdAt } from '../../app/model/outline-span-ids';

export interface ComparedSide {
  readonly spanId: string;
  readonly durationMicros: number;
  readonly error: boolean;
}

export type ComparisonStatus = 'matched' | 'missing' | 'added';

export interface ComparisonRow {
  /**
   * Names from the root joined by " / ", with "#n" for the n-th same-named sibling; unique within
   * the comparison, except that paths deeper than MAX_PATH_SEGMENTS start with "… / ".
   */
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
  readonly status: ComparisonStatus;
}

/** Rows in depth-first order of the merged tree, as columns. */
export interface TraceComparison {
  readonly a: TraceOutline;
  readonly b: TraceOutline;
  readonly rowCount: number;
  /** Per row: the span's index in A's outline, -1 when only B has it. */
  readonly aSpan: Int32Array;
  /** Per row: the span's index in B's outline, -1 when only A has it. */
  readonly bSpan: Int32Array;
  readonly depth: Int32Array;
  readonly occurrence: Int32Array;
  /** Per row: the row of its parent, -1 for a root. */
  readonly parentRow: Int32Array;
  readonly counts: Readonly<Record<ComparisonStatus, number>>;
}

/** Each span's children, in start order (then by name), and the roots: spans whose parent is
 * not in the trace (or is the span itself). */
interface Tree {
  /** Children of span i: children[childStart[i] .. childStart[i + 1]). */
  readonly childStart: Int32Array;
  readonly children: Int32Array;
  readonly roots: Int32Array;
}

function nameOf(outline: TraceOutline, span: number): string {
  return outline.names[outline.nameIndex[span]!]!;
}

function treeOf(outline: TraceOutline): Tree {
  const count = outline.parents.length;
  const { parents } = outline;
  const parentOf = (span: number) => {
    const parent = parents[span]!;
    return parent === span ? -1 : parent;
  };
  const childStart = new Int32Array(count + 1);
  let rootCount = 0;
  for (let span = 0; span < count; span++) {
    const parent = parentOf(span);
    if (parent < 0) rootCount += 1;
    else childStart[parent + 1]! += 1;
  }
  for (let span = 0; span < count; span++) childStart[span + 1]! += childStart[span]!;
  const children = new Int32Array(count - rootCount);
  const roots = new Int32Array(rootCount);
  const filled = childStart.slice(0, count);
  let root = 0;
  for (let span = 0; span < count; span++) {
    const parent = parentOf(span);
    if (parent < 0) roots[root++] = span;
    else children[filled[parent]!++] = span;
  }
  const byStart = (x: number, y: number) =>
    outline.startUs[x]! - outline.startUs[y]! ||
    nameOf(outline, x).localeCompare(nameOf(outline, y));
  for (let span = 0; span < count; span++) {
    if (childStart[span + 1]! - childStart[span]! > 1) {
      children.subarray(childStart[span], childStart[span + 1]).sort(byStart);
    }
  }
  roots.sort(byStart);
  return { childStart, children, roots };
}

function childrenOf(tree: Tree | undefined, span: number): Int32Array | undefined {
  if (!tree || span < 0) return undefined;
  return tree.children.subarray(tree.childStart[span], tree.childStart[span + 1]);
}

/**
 * The pairs of one sibling group, A's order first, then what only B has, in B's order; pushed
 * onto `pending` last pair first, so they are taken off in order.
 */
function pushPairs(
  a: TraceOutline,
  b: TraceOutline,
  left: Int32Array | undefined,
  right: Int32Array | undefined,
  depth: number,
  parentRow: number,
  pending: GrowingInts,
): void {
  const pairs: number[] = [];
  const push = (spanA: number, spanB: number, occurrence: number) =>
    pairs.push(spanA, spanB, occurrence);
  const leftCount = left?.length ?? 0;
  const rightCount = right?.length ?? 0;
  if (leftCount === 1 && rightCount === 1 && nameOf(a, left![0]!) === nameOf(b, right![0]!)) {
    push(left![0]!, right![0]!, 1);
  } else if (leftCount + rightCount > 0) {
    // B's spans of each name, in order: the n-th A span of a name pairs with the n-th of B's.
    const rightByName = new Map<string, number[]>();
    const rightOccurrence = new Int32Array(rightCount);
    for (let index = 0; index < rightCount; index++) {
      const name = nameOf(b, right![index]!);
      let same = rightByName.get(name);
      if (!same) rightByName.set(name, (same = []));
      same.push(index);
      rightOccurrence[index] = same.length;
    }
    const leftSeen = new Map<string, number>();
    const matched = new Uint8Array(rightCount);
    for (let index = 0; index < leftCount; index++) {
      const name = nameOf(a, left![index]!);
      const occurrence = (leftSeen.get(name) ?? 0) + 1;
      leftSeen.set(name, occurrence);
      const other = rightByName.get(name)?.[occurrence - 1];
      if (other !== undefined) matched[other] = 1;
      push(left![index]!, other === undefined ? -1 : right![other]!, occurrence);
    }
    for (let index = 0; index < rightCount; index++) {
      if (!matched[index]) push(-1, right![index]!, rightOccurrence[index]!);
    }
  }
  for (let pair = pairs.length - 3; pair >= 0; pair -= 3) {
    pending.push(pairs[pair]!);
    pending.push(pairs[pair + 1]!);
    pending.push(pairs[pair + 2]!);
    pending.push(depth);
    pending.push(parentRow);
  }
}

export function compareTraces(a: TraceOutline, b: TraceOutline): TraceComparison {
  const treeA = treeOf(a);
  const treeB = treeOf(b);
  const columns = {
    aSpan: new GrowingInts(1024),
    bSpan: new GrowingInts(1024),
    depth: new GrowingInts(1024),
    occurrence: new GrowingInts(1024),
    parentRow: new GrowingInts(1024),
  };
  const counts = { matched: 0, missing: 0, added: 0 };
  // Depth first without recursion: a trace may be a million spans deep.
  const pending = new GrowingInts(1024);
  pushPairs(a, b, treeA.roots, treeB.roots, 0, -1, pending);
  while (pending.length > 0) {
    const parentRow = pending.pop();
    const depth = pending.pop();
    const occurrence = pending.pop();
    const spanB = pending.pop();
    const spanA = pending.pop();
    const row = columns.aSpan.length;
    columns.aSpan.push(spanA);
    columns.bSpan.push(spanB);
    columns.depth.push(depth);
    columns.occurrence.push(occurrence);
    columns.parentRow.push(parentRow);
    counts[spanA < 0 ? 'added' : spanB < 0 ? 'missing' : 'matched'] += 1;
    pushPairs(a, b, childrenOf(treeA, spanA), childrenOf(treeB, spanB), depth + 1, row, pending);
  }
  return {
    a,
    b,
    rowCount: columns.aSpan.length,
    aSpan: columns.aSpan.copyFrom(),
    bSpan: columns.bSpan.copyFrom(),
    depth: columns.depth.copyFrom(),
    occurrence: columns.occurrence.copyFrom(),
    parentRow: columns.parentRow.copyFrom(),
    counts,
  };
}

function sideOf(outline: TraceOutline, span: number): ComparedSide | undefined {
  if (span < 0) return undefined;
  return {
    spanId: spanIdAt(outline, span)!,
    // Offsets are microseconds to the nanosecond: round away the float's noise.
    durationMicros: Math.round((outline.endUs[span]! - outline.startUs[span]!) * 1000) / 1000,
    error: outline.statusCodes[span] === OtlpStatusCode.ERROR,
  };
}

function segmentOf(comparison: TraceComparison, row: number): { name: string; segment: string } {
  const spanA = comparison.aSpan[row]!;
  const name =
    spanA >= 0 ? nameOf(comparison.a, spanA) : nameOf(comparison.b, comparison.bSpan[row]!);
  const occurrence = comparison.occurrence[row]!;
  return { name, segment: occurrence > 1 ? `${name} #${occurrence}` : name };
}

/** Deeper paths start with "… / ": a row is shown without walking a million ancestors. */
const MAX_PATH_SEGMENTS = 256;

/** The row's path: its ancestors' segments and its own, joined by " / ". */
function pathOf(comparison: TraceComparison, row: number): string {
  const segments: string[] = [];
  for (let at = row; at >= 0; at = comparison.parentRow[at]!) {
    if (segments.length === MAX_PATH_SEGMENTS) {
      segments.push('…');
      break;
    }
    segments.push(segmentOf(comparison, at).segment);
  }
  return segments.reverse().join(' / ');
}

/** One row of the comparison, as an object (made when the row is shown). */
export function comparisonRow(comparison: TraceComparison, row: number): ComparisonRow {
  const a = sideOf(comparison.a, comparison.aSpan[row]!);
  const b = sideOf(comparison.b, comparison.bSpan[row]!);
  return {
    path: pathOf(comparison, row),
    name: segmentOf(comparison, row).name,
    depth: comparison.depth[row]!,
    occurrence: comparison.occurrence[row]!,
    a,
    b,
    differenceMicros: a && b ? b.durationMicros - a.durationMicros : undefined,
    status: a && b ? 'matched' : a ? 'missing' : 'added',
  };
}
