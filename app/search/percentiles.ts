// Percentiles by linear interpolation between the closest ranks: numpy.percentile's default
// ("linear", Hyndman & Fan type 7). For n sorted values, rank h = (n − 1) · p/100.

/** The p-th percentile (0..100) of values sorted ascending; NaN for no values. */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0..100, got ${p}`);
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const rank = ((n - 1) * p) / 100;
  const below = Math.floor(rank);
  const above = Math.min(below + 1, n - 1);
  const lower = sorted[below]!;
  return lower + (rank - below) * (sorted[above]! - lower);
}
