// Folding repeated siblings: a run of consecutive children of one span with the same name, service
// and (where present) statement shape becomes one row, "× 37 · 412 ms total · 11 ms each". Ten or
// more of them running one after another is the N+1 query pattern.
import type { TraceModel } from '../trace-view/trace-model';

/** Runs shorter than this stay as they are. */
export const FOLD_MIN_RUN = 5;
/** A run this long whose members ran one after another gets the N+1 badge. */
export const N_PLUS_ONE_MIN_RUN = 10;

export interface FoldGroup {
  readonly parentRow: number;
  /** The first member's row: the folded row stands in its place. */
  readonly firstRow: number;
  readonly lastRow: number;
  /** One past the last member's subtree: rows [firstRow, endRow) fold away. */
  readonly endRow: number;
  readonly memberRows: Int32Array;
  readonly totalUs: number;
  readonly meanUs: number;
  readonly minUs: number;
  readonly maxUs: number;
  /** From the first member's start to the latest end among them. */
  readonly startUs: number;
  readonly endUs: number;
  /** Each member started after the one before it ended (to within a clock tick). */
  readonly sequential: boolean;
  readonly nPlusOne: boolean;
}

/** Clock granularity and jitter: a member may start this early and still count as "after". */
function sequentialTolerance(previousDurationUs: number): number {
  return Math.max(1, previousDurationUs * 0.02);
}

/** Every run of at least `minRun` similar consecutive siblings, by first row. */
export function foldGroups(model: TraceModel, minRun = FOLD_MIN_RUN): FoldGroup[] {
  const { outline, colorOfResource } = model;
  // Straight from the columns (a row's fields are getters): this loop sees every span.
  const { count, childCount, subtreeEnd, inputIndex } = model.tree;
  const noService = model.services.length;
  const shapes = outline.statementShapeIndex ?? {};
  const groups: FoldGroup[] = [];
  const members: number[] = [];
  const close = (parentRow: number) => {
    if (members.length >= minRun) groups.push(groupOf(model, parentRow, members));
    members.length = 0;
  };
  for (let parent = 0; parent < count; parent++) {
    if (childCount[parent]! < minRun) continue;
    // The run's kind: name, service and statement shape of its first member.
    let name = -1;
    let service = -1;
    let shape = -1;
    for (let child = parent + 1; child < subtreeEnd[parent]!; child = subtreeEnd[child]!) {
      const index = inputIndex[child]!;
      const siblingName = outline.nameIndex[index]!;
      const siblingService = colorOfResource[outline.serviceIndex[index]!] ?? noService;
      const siblingShape = shapes[index] ?? -1;
      if (
        members.length > 0 &&
        (siblingName !== name || siblingService !== service || siblingShape !== shape)
      )
        close(parent);
      if (members.length === 0) {
        name = siblingName;
        service = siblingService;
        shape = siblingShape;
      }
      members.push(child);
    }
    close(parent);
  }
  return groups.sort((a, b) => a.firstRow - b.firstRow);
}

function groupOf(model: TraceModel, parentRow: number, members: readonly number[]): FoldGroup {
  const { spans } = model;
  let totalUs = 0;
  let minUs = Infinity;
  let maxUs = 0;
  let endUs = -Infinity;
  let sequential = true;
  for (let i = 0; i < members.length; i++) {
    const span = spans[members[i]!]!;
    const duration = span.endUs - span.startUs;
    totalUs += duration;
    minUs = Math.min(minUs, duration);
    maxUs = Math.max(maxUs, duration);
    if (i > 0) {
      const previous = spans[members[i - 1]!]!;
      const tolerance = sequentialTolerance(previous.endUs - previous.startUs);
      if (span.startUs < previous.endUs - tolerance) sequential = false;
    }
    endUs = Math.max(endUs, span.endUs);
  }
  const first = members[0]!;
  const last = members[members.length - 1]!;
  return {
    parentRow,
    firstRow: first,
    lastRow: last,
    endRow: spans[last]!.subtreeEnd,
    memberRows: Int32Array.from(members),
    totalUs,
    meanUs: totalUs / members.length,
    minUs,
    maxUs,
    startUs: spans[first]!.startUs,
    endUs,
    sequential,
    nPlusOne: sequential && members.length >= N_PLUS_ONE_MIN_RUN,
  };
}

/**
 * The rows with each folded group as one row (its first member's), except groups whose first row
 * is in `expanded`. A group whose first member is not among `rows` (filtered out) stays unfolded.
 */
export function foldRows(
  rows: Int32Array,
  groupsByFirstRow: ReadonlyMap<number, FoldGroup>,
  expanded: ReadonlySet<number>,
): { rows: Int32Array; folds: Map<number, FoldGroup> } {
  const folds = new Map<number, FoldGroup>();
  if (groupsByFirstRow.size === 0) return { rows, folds };
  const out = new Int32Array(rows.length);
  let count = 0;
  for (let i = 0; i < rows.length;) {
    const row = rows[i]!;
    out[count++] = row;
    const group = groupsByFirstRow.get(row);
    i++;
    if (!group || expanded.has(row)) continue;
    folds.set(row, group);
    while (i < rows.length && rows[i]! < group.endRow) i++;
  }
  return { rows: count === rows.length ? rows : out.subarray(0, count), folds };
}

/** The groups that fold `row` away (it is inside them but not the row standing for them). */
export function groupsHiding(groups: readonly FoldGroup[], row: number): FoldGroup[] {
  return groups.filter((group) => group.firstRow < row && row < group.endRow);
}

/** Durations of the members in `bins` equal-width bins from min to max, for the mini chart. */
export function durationBins(model: TraceModel, group: FoldGroup, bins = 12): number[] {
  const counts = new Array<number>(bins).fill(0);
  const width = (group.maxUs - group.minUs) / bins;
  for (const row of group.memberRows) {
    const span = model.spans[row]!;
    const duration = span.endUs - span.startUs;
    const bin = width > 0 ? Math.min(bins - 1, Math.floor((duration - group.minUs) / width)) : 0;
    counts[bin]!++;
  }
  return counts;
}
