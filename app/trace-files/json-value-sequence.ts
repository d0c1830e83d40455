// Several JSON documents one after another in one text: what a streamed answer of Jaeger's api/v3
// gateway looks like (one `{"result": …}` per chunk, with or without line breaks between them), and
// what a user saves from it. JSON.parse takes one value; this finds where each one ends.

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function isJsonSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/** Index just past the string that starts at `quote`, or -1 when it never ends. */
function endOfString(text: string, quote: number): number {
  let at = quote + 1;
  for (;;) {
    const next = text.indexOf('"', at);
    if (next === -1) return -1;
    let backslashes = 0;
    for (let i = next - 1; i > quote && text.charCodeAt(i) === BACKSLASH; i--) backslashes++;
    if (backslashes % 2 === 0) return next + 1;
    at = next + 1;
  }
}

/** Index just past the object or array that starts at `start`, or -1 when it never closes. */
function endOfValue(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      const end = endOfString(text, i);
      if (end === -1) return -1;
      i = end - 1;
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) depth++;
    else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/**
 * The objects and arrays of a text that holds two or more of them one after another, separated
 * by nothing but whitespace, each parsed; undefined when the text is not such a sequence (a single
 * document, or invalid JSON: the caller then reports the syntax error as usual).
 */
export function parseJsonSequence(text: string): unknown[] | undefined {
  const values: unknown[] = [];
  let at = 0;
  for (;;) {
    while (at < text.length && isJsonSpace(text.charCodeAt(at))) at++;
    if (at === text.length) break;
    const code = text.charCodeAt(at);
    if (code !== OPEN_BRACE && code !== OPEN_BRACKET) return undefined;
    const end = endOfValue(text, at);
    if (end === -1) return undefined;
    try {
      values.push(JSON.parse(text.slice(at, end)));
    } catch {
      return undefined;
    }
    at = end;
  }
  return values.length >= 2 ? values : undefined;
}
