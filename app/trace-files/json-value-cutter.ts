// Cuts one JSON value out of a stream of byte chunks, split anywhere: it finds where the value
// ends (counting brackets outside strings, no recursion, so any nesting depth is fine) and keeps
// its bytes, for JSON.parse to read whole. Used where a stream reader takes a file apart into
// bounded pieces (jaeger-json-stream.ts: one trace object at a time).

/** The bytes of JSON's structure, for the byte scanners of the stream readers. */
export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const OPEN_BRACE = 0x7b;
export const CLOSE_BRACE = 0x7d;
export const OPEN_BRACKET = 0x5b;
export const CLOSE_BRACKET = 0x5d;
export const COMMA = 0x2c;
export const COLON = 0x3a;
export const NEWLINE = 0x0a;

export const isJsonSpace = (code: number) =>
  code === 0x20 || code === NEWLINE || code === 0x0d || code === 0x09;

export class JsonValueCutter {
  private pieces: Buffer[] = [];
  private depth = 0;
  private inString = false;
  private escaped = false;
  private mode: 'nested' | 'string' | 'scalar' = 'nested';
  private keep = true;
  private length = 0;
  /** Whether a value is being cut (begun and not ended). */
  active = false;

  /** A value starts with `code`; `keep`: whether its bytes are wanted (else only skipped). */
  begin(code: number, keep: boolean): void {
    this.active = true;
    this.keep = keep;
    this.pieces = [];
    this.length = 0;
    this.depth = 0;
    this.inString = false;
    this.escaped = false;
    this.mode =
      code === OPEN_BRACE || code === OPEN_BRACKET
        ? 'nested'
        : code === QUOTE
          ? 'string'
          : 'scalar';
  }

  /**
   * Scans the value from `bytes[at]` on: the index just past its end (a scalar ends before the
   * byte that ends it), or -1 when it goes on in the next chunk.
   */
  scan(bytes: Buffer, at: number): number {
    const end = this.findEnd(bytes, at);
    const stop = end === -1 ? bytes.length : end;
    if (this.keep && stop > at) {
      this.pieces.push(bytes.subarray(at, stop));
      this.length += stop - at;
    }
    if (end !== -1) this.active = false;
    return end;
  }

  /** The cut value's bytes (once scan found its end). */
  take(): Buffer {
    const pieces = this.pieces;
    this.pieces = [];
    return pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces, this.length);
  }

  private findEnd(bytes: Buffer, at: number): number {
    let i = at;
    const length = bytes.length;
    while (i < length) {
      if (this.inString) {
        if (this.escaped) {
          this.escaped = false;
          i++;
          continue;
        }
        const quote = bytes.indexOf(QUOTE, i);
        if (quote === -1) {
          // Goes on in the next chunk; an odd run of backslashes at the end escapes its first byte.
          let run = 0;
          for (let k = length - 1; k >= i && bytes[k] === BACKSLASH; k--) run++;
          this.escaped = run % 2 === 1;
          return -1;
        }
        let run = 0;
        for (let k = quote - 1; k >= i && bytes[k] === BACKSLASH; k--) run++;
        i = quote + 1;
        if (run % 2 === 1) continue;
        this.inString = false;
        if (this.mode === 'string') return i;
        continue;
      }
      const code = bytes[i]!;
      if (this.mode === 'scalar') {
        if (code === COMMA || code === CLOSE_BRACE || code === CLOSE_BRACKET || isJsonSpace(code))
          return i;
        i++;
        continue;
      }
      if (code === QUOTE) this.inString = true;
      else if (code === OPEN_BRACE || code === OPEN_BRACKET) this.depth++;
      else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
        this.depth--;
        if (this.depth === 0) return i + 1;
      }
      i++;
    }
    return -1;
  }
}
