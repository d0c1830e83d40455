// The critical path: the chain of work that decided when the root span finished. Walking back from
// the root's end, at each span the child that finished last (before the time we are looking back
// from) was what the span waited for; time with no such child is the span's own work. The approach
// of Jaeger UI's critical path, written as a loop so that any depth works.
//
// Clocks have a granularity: the OpenTelemetry JS SDK, for one, takes start times to the
// millisecond but end times to the microsecond, so a span that began right after its predecessor
// ended may seem to start up to 1 ms before that end. Looking back from a span's start, a sibling
// that ended within that span's start resolution is taken as sequential, not overlapping. (The
// end carries the start's rounding error too, so a child may also seem to stick out of its parent
// by up to that much: it is moved back inside.)

/** What the algorithm needs of a span; rows must be in depth-first order (see span-tree.ts). */
export interface CriticalPathSpan {
  readonly row: number;
  readonly parentRow: number;
  readonly startUs: number;
  readonly endUs: number;
  /** How finely the span's start time was taken (1000 for whole milliseconds); 0 when exact. */
  readonly startResolutionUs?: number;
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
    // A span's start and end carry the same rounding error (the SDK adds a precise duration to a
    // rounded start), so a child may seem to stick out of its parent by up to the coarser of the
    // two clocks' granularity: move it back inside rather than cut it (a child that really
    // outlives its parent sticks out further).
    const granularity = Math.max(
      span.startResolutionUs ?? 0,
      spans[parent]!.startResolutionUs ?? 0,
    );
    let from = span.startUs;
    let to = span.endUs;
    const late = to - end[parent]!;
    if (late > 0 && late <= granularity) {
      from -= late;
      to -= late;
    }
    const early = start[parent]! - from;
    if (early > 0 && early <= granularity) {
      from += early;
      to += early;
    }
    if (from > end[parent]! || to < start[parent]!) continue;
    start[row] = Math.max(from, start[parent]!);
    end[row] = Math.min(to, end[parent]!);
    included[row] = 1;
    const siblings = children.get(parent);
    if (siblings) siblings.push(row);
    else children.set(parent, [row]);
  }
  // Each parent's children latest-ending first, with a cursor into that list: the time we look back
  // from only decreases while we stay in one parent, so a skipped child never becomes a candidate.
  for (const list of children.values()) list.sort((a, b) => end[b]! - end[a]! || b - a);
  const nextChild = new Map<number, number>();

  const path: { row: number; startUs: number; endUs: number }[] = [];
  const push = (row: number, from: number, to: number) => {
    if (to > from) path.push({ row, startUs: from, endUs: to });
  };
  let current = rootRow;
  let lookBackFrom = end[rootRow]!;
  // When looking back from a span's start: that span's start resolution (see the top).
  let tolerance = 0;
  for (;;) {
    const list = children.get(current);
    let chosen = -1;
    if (list) {
      let cursor = nextChild.get(current) ?? 0;
      // Skip children still running at `lookBackFrom`: they overlap work already on the path.
      while (cursor < list.length && end[list[cursor]!]! > lookBackFrom + tolerance) cursor++;
      if (cursor < list.length) chosen = list[cursor++]!;
      nextChild.set(current, cursor);
    }
    if (chosen >= 0) {
      if (end[chosen]! > lookBackFrom) {
        // Ended within the tolerance after its successor's rounded start: the successor really
        // began when this one ended, so the successor's first segment starts there.
        const successor = path[path.length - 1];
        if (successor && successor.startUs === lookBackFrom) {
          successor.startUs = Math.min(end[chosen]!, successor.endUs);
          lookBackFrom = successor.startUs;
          if (successor.endUs <= successor.startUs) path.pop();
        }
      }
      push(current, end[chosen]!, lookBackFrom);
      current = chosen;
      lookBackFrom = Math.min(end[chosen]!, lookBackFrom);
      tolerance = 0;
      continue;
    }
    push(current, start[current]!, lookBackFrom);
    if (current === rootRow) break;
    lookBackFrom = Math.min(start[current]!, lookBackFrom);
    tolerance = spans[current]!.startResolutionUs ?? 0;
    current = spans[current]!.parentRow;
  }
  return path;
}

export interface CriticalShare {
  readonly row: number;
  /** Time this span spent on the path (its own segments, summed). */
  readonly onPathUs: number;
  /** onPathUs as a fraction of the root's duration. */
  readonly share: number;
}

/** One entry per span on the path, in the order the path runs (earliest first). */
export function criticalShares(path: readonly CriticalSegment[], totalUs: number): CriticalShare[] {
  const byRow = new Map<number, { first: number; total: number }>();
  for (const segment of path) {
    const entry = byRow.get(segment.row) ?? { first: segment.startUs, total: 0 };
    entry.first = Math.min(entry.first, segment.startUs);
    entry.total += segment.endUs - segment.startUs;
    byRow.set(segment.row, entry);
  }
  return [...byRow.entries()]
    .sort(([rowA, a], [rowB, b]) => a.first - b.first || rowA - rowB)
    .map(([row, { total }]) => ({
      row,
      onPathUs: total,
      share: totalUs > 0 ? total / totalUs : 0,
    }));
}

/**
 * The resolution of start times, per resource (one SDK, one clock): 1000 µs when every start of
 * its spans is a whole millisecond, 1 µs when a whole microsecond, else 0 (nanoseconds).
 * `baseNanosModMilli` is the trace start's nanoseconds within its millisecond.
 */
export function startResolutions(
  startUs: Float64Array,
  resourceOfSpan: Int32Array,
  baseNanosModMilli: number,
): Map<number, number> {
  // By resource in a plain array (most traces have a few): a Map lookup per span is what costs.
  const finest: number[] = [];
  const others = new Map<number, number>();
  for (let index = 0; index < startUs.length; index++) {
    const resource = resourceOfSpan[index]!;
    const inArray = resource >= 0 && resource < 4096;
    const held = (inArray ? finest[resource] : others.get(resource)) ?? 1000;
    if (held === 0) continue;
    const nanos = (baseNanosModMilli + Math.round(startUs[index]! * 1000)) % 1_000_000;
    const own = nanos === 0 ? 1000 : nanos % 1000 === 0 ? 1 : 0;
    const now = own < held ? own : held;
    if (inArray) finest[resource] = now;
    else others.set(resource, now);
  }
  const resolution = new Map<number, number>();
  finest.forEach((value, resource) => resolution.set(resource, value));
  for (const [resource, value] of others) resolution.set(resource, value);
  return resolution;
}

/** The rows on the path, as a per-row flag for the waterfall. */
export function criticalRows(spanCount: number, path: readonly CriticalSegment[]): Uint8Array {
  const flags = new Uint8Array(spanCount);
  for (const segment of path) flags[segment.row] = 1;
  return flags;
}
