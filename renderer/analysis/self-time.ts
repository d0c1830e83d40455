// Self time: the part of a span's duration when none of its children was running. Children are
// clipped to their parent (an asynchronous child that outlives it counts only up to its end) and
// overlapping children count once, so self time is never negative and never double-subtracted.
import type { ViewSpan } from '../trace-view/trace-model';

/** What self time needs of a span; rows in depth-first order, children by start (span-tree.ts). */
export type SelfTimeSpan = Pick<ViewSpan, 'row' | 'startUs' | 'endUs' | 'subtreeEnd'>;

/** Per row: the span's duration minus the union of its children's intervals within it. */
export function selfTimes(spans: readonly SelfTimeSpan[]): Float64Array {
  const self = new Float64Array(spans.length);
  for (let row = 0; row < spans.length; row++) {
    const span = spans[row]!;
    const start = span.startUs;
    const end = span.endUs;
    let covered = 0;
    let runStart = 0;
    let runEnd = -Infinity;
    // Direct children: the next row, then each child's subtreeEnd, until this span's subtreeEnd.
    for (let child = row + 1; child < span.subtreeEnd; child = spans[child]!.subtreeEnd) {
      const from = Math.max(start, spans[child]!.startUs);
      const to = Math.min(end, spans[child]!.endUs);
      if (to <= from) continue;
      // Children come in start order, and clipping keeps it, so one sweep merges the intervals.
      if (from > runEnd) {
        if (runEnd > runStart) covered += runEnd - runStart;
        runStart = from;
        runEnd = to;
      } else if (to > runEnd) runEnd = to;
    }
    if (runEnd > runStart) covered += runEnd - runStart;
    self[row] = Math.max(0, end - start - covered);
  }
  return self;
}

const cache = new WeakMap<readonly SelfTimeSpan[], Float64Array>();

/** selfTimes of a model's spans, computed once per model. */
export function selfTimesOf(model: { readonly spans: readonly SelfTimeSpan[] }): Float64Array {
  let self = cache.get(model.spans);
  if (!self) cache.set(model.spans, (self = selfTimes(model.spans)));
  return self;
}
