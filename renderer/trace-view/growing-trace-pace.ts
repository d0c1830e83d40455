// How often the window asks for more of a trace that is still growing. Each answer rebuilds the
// rows of the whole trace, which costs time in proportion to its size: asked too often, a huge
// trace streaming in keeps the page busy and takes the CPU the import itself needs (both share
// the machine's cores). So the wait grows with the trace and with what the last rebuild really
// cost, keeping the page's share of the time it spends following the trace small.

/** The shortest wait (a small trace grows up to ten times a second). */
export const MIN_GROWTH_INTERVAL_MS = 100;
/** The longest wait from the trace's size alone (about a second at 1,000,000 spans). */
const SIZE_INTERVAL_CAP_MS = 2_000;
/** The wait is at least this many times the last rebuild: the page spends at most about a sixth
 * of its time rebuilding a growing trace. */
const REBUILD_COST_FACTOR = 5;
/** However slow the machine, a growing trace is brought up to date at least this often. */
export const MAX_GROWTH_INTERVAL_MS = 5_000;

export function growthIntervalMs(spanCount: number, lastRebuildMs: number): number {
  const bySize = Math.min(SIZE_INTERVAL_CAP_MS, MIN_GROWTH_INTERVAL_MS + spanCount / 1000);
  const byCost = REBUILD_COST_FACTOR * Math.max(0, lastRebuildMs);
  return Math.min(MAX_GROWTH_INTERVAL_MS, Math.max(bySize, byCost));
}

/**
 * Calls `done` with the milliseconds from `startedAt` until the frame after the next one has
 * begun: the state update, its render and the paint of the new rows all fall in between.
 */
export function timeUntilPainted(startedAt: number, done: (elapsedMs: number) => void): void {
  requestAnimationFrame(() => setTimeout(() => done(performance.now() - startedAt), 0));
}
