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

/** The value of text[from, to) when those are all digits, else -1. */
function digitsValue(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const digit = text.charCodeAt(i) - 48; /* 0 */
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** end − start in nanoseconds, exact whenever the result is below 2^53 (104 days). */
export function nanosBetween(start: string, end: string): number {
  const length = start.length;
  if (length === end.length) {
    if (length <= EXACT_DIGITS) return Number(end) - Number(start);
    // Same leading digits: the difference is that of the last EXACT_DIGITS, read without slicing.
    const head = length - EXACT_DIGITS;
    let same = true;
    for (let i = 0; same && i < head; i++) same = start.charCodeAt(i) === end.charCodeAt(i);
    if (same) {
      const a = digitsValue(start, head, length);
      const b = digitsValue(end, head, length);
      if (a >= 0 && b >= 0) return b - a;
    }
  }
  return Number(BigInt(end) - BigInt(start));
}

/** Whole milliseconds since the epoch (rounded down). */
export function unixMillisOf(unixNano: string): number {
  return unixNano.length <= 6 ? 0 : Number(unixNano.slice(0, -6));
}
