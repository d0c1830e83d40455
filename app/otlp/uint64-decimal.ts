// Unsigned 64-bit integers from their two 32-bit halves to decimal text, exactly and without BigInt
// (the receiver turns two timestamps per span into text: this is on its hot path).

const BASE = 10_000_000;

/** Seven digits with leading zeros. */
function pad7(value: number): string {
  const text = String(value);
  return text.length >= 7 ? text : '0000000'.slice(text.length) + text;
}

/** The limbs of the last split: `value = limbs[2]·10^14 + limbs[1]·10^7 + limbs[0]`. */
const limbs: [number, number, number] = [0, 0, 0];

/**
 * Splits `hi * 2^32 + lo` (at least 2^53) into base-10^7 digits in `limbs`. The value is cut into
 * 24-bit parts and summed in base 10^7, where every partial sum stays far below 2^53:
 * 2^24 = 1·10^7 + 6777216 and 2^48 = 28147497·10^7 + 6710656 = 2·10^14 + 8147497·10^7 + 6710656.
 */
function splitBase1e7(lo: number, hi: number): void {
  const low = lo & 0xffffff;
  const mid = ((lo >>> 24) | (hi << 8)) & 0xffffff;
  const high = (hi >>> 16) & 0xffff;
  let digitA = low + mid * 6777216 + high * 6710656;
  let digitB = mid + high * 8147497;
  let digitC = high * 2;
  if (digitA >= BASE) {
    digitB += Math.floor(digitA / BASE);
    digitA %= BASE;
  }
  if (digitB >= BASE) {
    digitC += Math.floor(digitB / BASE);
    digitB %= BASE;
  }
  limbs[0] = digitA;
  limbs[1] = digitB;
  limbs[2] = digitC;
}

/** `hi * 2^32 + lo` as decimal. */
export function uint64ToDecimal(lo: number, hi: number): string {
  lo >>>= 0;
  hi >>>= 0;
  if (hi <= 0x1fffff) return String(hi * 4294967296 + lo);
  splitBase1e7(lo, hi);
  // hi > 0x1fffff means the value is at least 2^53 > 10^15, so limbs[2] is never 0.
  return String(limbs[2]) + pad7(limbs[1]) + pad7(limbs[0]);
}

let lastSeconds = -1;
/** The digits of the last seconds seen, then nine of nanoseconds: the text is sliced out whole. */
const digits = Buffer.alloc(32);
let secondsDigits = 0;

/**
 * Unix nanoseconds (`hi * 2^32 + lo`) as decimal, exactly. Times of spans in one batch mostly share
 * their second, so its digits are kept from the previous call and only the nine nanosecond digits
 * are new (the same limbs as uint64ToDecimal, regrouped at 10^9). The text is made in one piece
 * (not joined from two), so that comparing or hashing it later does not first copy it.
 */
export function unixNanosToDecimal(lo: number, hi: number): string {
  lo >>>= 0;
  hi >>>= 0;
  if (hi <= 0x1fffff) return String(hi * 4294967296 + lo);
  splitBase1e7(lo, hi);
  const seconds = limbs[2] * 100000 + Math.floor(limbs[1] / 100);
  let nanos = (limbs[1] % 100) * BASE + limbs[0];
  if (seconds !== lastSeconds) {
    lastSeconds = seconds;
    secondsDigits = digits.write(String(seconds), 0, 'latin1');
  }
  const end = secondsDigits + 9;
  for (let at = end - 1; at >= secondsDigits; at--) {
    const next = Math.floor(nanos / 10);
    digits[at] = 48 + nanos - next * 10;
    nanos = next;
  }
  return (digits as unknown as LatinSlicer).latin1Slice(0, end);
}

/** Node's own slicing decoder (what Buffer#toString calls), without toString's argument checks. */
interface LatinSlicer {
  latin1Slice(start: number, end: number): string;
}
