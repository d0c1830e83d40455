// Unix-nanosecond times as OTLP JSON carries them (decimal strings), compared and subtracted
// exactly without a BigInt per value: 15 decimal digits always fit a double exactly.

function withoutLeadingZeros(value: string): string {
  if (value.length < 2 || value.charCodeAt(0) !== 48 /* 0 */) return value;
  const trimmed = value.replace(/^0+/, '');
  return trimmed === '' ? '0' : trimmed;
}

/** Orders two decimal unix-nano strings by their value. */
export function compareNanos(a: string, b: string): number {
  const x = withoutLeadingZeros(a);
  const y = withoutLeadingZeros(b);
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

const EXACT_DIGITS = 15;

/** end − start in nanoseconds, exact whenever the result is below 2^53 (104 days). */
export function nanosBetween(start: string, end: string): number {
  const length = start.length;
  if (length === end.length) {
    if (length <= EXACT_DIGITS) return Number(end) - Number(start);
    const head = length - EXACT_DIGITS;
    if (start.startsWith(end.slice(0, head))) {
      return Number(end.slice(head)) - Number(start.slice(head));
    }
  }
  return Number(BigInt(end) - BigInt(start));
}

/** Whole milliseconds since the epoch (rounded down). */
export function unixMillisOf(unixNano: string): number {
  return unixNano.length <= 6 ? 0 : Number(unixNano.slice(0, -6));
}
