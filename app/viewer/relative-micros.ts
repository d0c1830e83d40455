// Unix-nanosecond decimal strings to microseconds relative to a base, without BigInt per value.

/** Whole microseconds since the epoch: exact, since they stay below 2^53. */
export function wholeMicros(unixNano: string): number {
  return unixNano.length <= 3 ? 0 : Number(unixNano.slice(0, -3));
}

/**
 * Converts the times of one trace relative to its earliest whole microsecond. Times of a trace
 * share their leading digits: the last 12 digits (up to 1,000 s in nanoseconds) convert exactly
 * with one Number() each; anything else takes the general path.
 */
export function relativeMicros(baseWholeMicros: number): (unixNano: string) => number {
  const baseNanos = `${baseWholeMicros}000`;
  const prefixLength = Math.max(0, baseNanos.length - 12);
  const prefix = baseNanos.slice(0, prefixLength);
  const baseLow = Number(baseNanos.slice(prefixLength));
  return (unixNano) => {
    if (unixNano.length === baseNanos.length && unixNano.startsWith(prefix)) {
      return (Number(unixNano.slice(prefixLength)) - baseLow) / 1000;
    }
    const value =
      wholeMicros(unixNano) - baseWholeMicros + Number(unixNano.slice(-3) || '0') / 1000;
    return Number.isFinite(value) ? Math.round(value * 1000) / 1000 : 0;
  };
}
