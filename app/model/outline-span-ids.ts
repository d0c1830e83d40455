// A trace outline's span ids as binary (see trace-outline.ts): an id of 16 lowercase hex digits
// (OTLP's, as every reader writes them) is two uint32, so 1,000,000 ids cross threads, processes
// and the web host as 8 MB of memory instead of a million strings to clone, format and parse. The
// rare other id travels as its text beside them. Ids are made text only when asked for, one by one.

/** The span-id fields of a trace outline. */
export interface OutlineSpanIds {
  /** Per span index: the id's first and last 8 hex digits as two uint32 (2 × spans entries). */
  readonly spanIdHalves: Uint32Array;
  /** Ids that are not 16 lowercase hex digits, by position in spanIdHalves (even in an outline's
   * part answered with `since`, unlike its other records): their halves mean nothing. */
  readonly otherSpanIds: Readonly<Record<number, string>>;
}

/** The 64-bit value of 16 lowercase hex digits as two uint32 (into `into`), or false. */
export function parseHexId(id: string, into: Uint32Array): boolean {
  if (id.length !== 16) return false;
  let high = 0;
  let low = 0;
  for (let i = 0; i < 16; i++) {
    const code = id.charCodeAt(i);
    let digit: number;
    if (code >= 48 && code <= 57) digit = code - 48;
    else if (code >= 97 && code <= 102) digit = code - 87;
    else return false;
    if (i < 8) high = ((high << 4) | digit) >>> 0;
    else low = ((low << 4) | digit) >>> 0;
  }
  into[0] = high;
  into[1] = low;
  return true;
}

/** Char codes of the hex digits 0-f. */
const HEX = Array.from('0123456789abcdef', (digit) => digit.charCodeAt(0));

/** The 16 lowercase hex digits of two uint32, as one flat string. */
export function hexId(high: number, low: number): string {
  return String.fromCharCode(
    HEX[high >>> 28]!,
    HEX[(high >>> 24) & 15]!,
    HEX[(high >>> 20) & 15]!,
    HEX[(high >>> 16) & 15]!,
    HEX[(high >>> 12) & 15]!,
    HEX[(high >>> 8) & 15]!,
    HEX[(high >>> 4) & 15]!,
    HEX[high & 15]!,
    HEX[low >>> 28]!,
    HEX[(low >>> 24) & 15]!,
    HEX[(low >>> 20) & 15]!,
    HEX[(low >>> 16) & 15]!,
    HEX[(low >>> 12) & 15]!,
    HEX[(low >>> 8) & 15]!,
    HEX[(low >>> 4) & 15]!,
    HEX[low & 15]!,
  );
}

/** The id of the span at `index`; undefined past the end. */
export function spanIdAt(outline: OutlineSpanIds, index: number): string | undefined {
  const { spanIdHalves: halves } = outline;
  if (!(index >= 0 && 2 * index + 1 < halves.length)) return undefined;
  return outline.otherSpanIds[index] ?? hexId(halves[2 * index]!, halves[2 * index + 1]!);
}

/** How many span ids the outline holds. */
export function spanIdCount(outline: OutlineSpanIds): number {
  return outline.spanIdHalves.length / 2;
}

/** Every span id, in index order, as text (for JSON and tests; the viewer asks one at a time). */
export function spanIdsOf(outline: OutlineSpanIds): string[] {
  const count = spanIdCount(outline);
  const ids = new Array<string>(count);
  for (let index = 0; index < count; index++) ids[index] = spanIdAt(outline, index)!;
  return ids;
}

/** The first index holding `spanId`, or -1: a scan over the halves, no strings made. */
export function indexOfSpanId(outline: OutlineSpanIds, spanId: string): number {
  const { spanIdHalves: halves, otherSpanIds } = outline;
  const count = halves.length / 2;
  const parsed = new Uint32Array(2);
  if (!parseHexId(spanId, parsed)) {
    for (const [index, id] of Object.entries(otherSpanIds)) if (id === spanId) return Number(index);
    return -1;
  }
  const [high, low] = parsed;
  for (let index = 0; index < count; index++)
    if (
      halves[2 * index] === high &&
      halves[2 * index + 1] === low &&
      otherSpanIds[index] === undefined
    )
      return index;
  return -1;
}

/** The binary form of these ids (outlines built by hand: tests, small sources). */
export function packSpanIds(spanIds: readonly string[]): OutlineSpanIds {
  const spanIdHalves = new Uint32Array(2 * spanIds.length);
  const otherSpanIds: Record<number, string> = {};
  const parsed = new Uint32Array(2);
  spanIds.forEach((id, index) => {
    if (parseHexId(id, parsed)) spanIdHalves.set(parsed, 2 * index);
    else otherSpanIds[index] = id;
  });
  return { spanIdHalves, otherSpanIds };
}

/** An outline with its span ids as one list of text, as the web host answers it in JSON. */
export type WithSpanIdsAsText<T extends OutlineSpanIds> = Omit<T, keyof OutlineSpanIds> & {
  readonly spanIds: string[];
};

/** The same fields with the ids as one list of text, `spanIds` (the web host's JSON answer). */
export function withSpanIdsAsText<T extends OutlineSpanIds>(value: T): WithSpanIdsAsText<T> {
  const { spanIdHalves: _halves, otherSpanIds: _others, ...rest } = value;
  return { ...rest, spanIds: spanIdsOf(value) };
}
