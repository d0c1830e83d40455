// Unix-nanosecond decimal strings to numbers relative to a base, without BigInt per value.

/** Whole microseconds since the epoch: exact, since they stay below 2^53. */
export function wholeMicros(unixNano: string): number {
  return unixNano.length <= 3 ? 0 : Number(unixNano.slice(0, -3));
}

/**
 * Unix-nanosecond decimal strings as nanoseconds from an anchor (whole microseconds), without BigInt
 * per value: exact while under 2^53 ns (104 days) apart. Times of a trace share their leading
 * digits: the last 12 digits (up to 1,000 s in nanoseconds) convert with one Number() each;
 * anything else takes the general path.
 */
export function nanosFrom(anchorWholeMicros: number): (unixNano: string) => number {
  const anchor = `${anchorWholeMicros}000`;
  const prefixLength = Math.max(0, anchor.length - 12);
  const prefix = anchor.slice(0, prefixLength);
  const anchorLow = Number(anchor.slice(prefixLength));
  return (unixNano) => {
    if (unixNano.length === anchor.length && unixNano.startsWith(prefix))
      return Number(unixNano.slice(prefixLength)) - anchorLow;
    const value =
      (wholeMicros(unixNano) - anchorWholeMicros) * 1000 + Number(unixNano.slice(-3) || '0');
    return Number.isFinite(value) ? value : 0;
  };
}
