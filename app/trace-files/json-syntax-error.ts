// Where and why text is not JSON, in Spanlight's words. V8's JSON.parse messages quote the text
// around the error ("Unexpected token 'h', ..."assword": hunter2"...") and some give no position;
// a file that is not a trace file must never be echoed back, so after JSON.parse has failed this
// scanner finds the first error itself (iteratively: no nesting depth can overflow it).

export interface JsonSyntaxError {
  /** 1-based line and column (in UTF-16 units) of the first character that is wrong. */
  readonly line: number;
  readonly column: number;
  readonly problem: string;
}

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const DIGIT = /[0-9]/;

/** The first syntax error of `text`, or undefined when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const at = (offset: number, problem: string): JsonSyntaxError => {
    const before = text.lastIndexOf('\n', offset - 1);
    let line = 1;
    for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
    return { line, column: offset - before, problem };
  };
  // What the scanner expects next; containers are a stack of '[' and '{'.
  const containers: string[] = [];
  type Expect = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'comma-or-close';
  let expect: Expect = 'value';
  let i = 0;
  const n = text.length;
  const skipSpace = () => {
    while (i < n && WHITESPACE.has(text.charCodeAt(i))) i++;
  };
  let done = false;
  while (true) {
    skipSpace();
    if (i >= n) {
      if (done) return undefined;
      return at(n, 'the text ends before the JSON value is complete');
    }
    if (done) return at(i, 'unexpected text after the end of the JSON value');
    const c = text[i]!;
    const code = text.charCodeAt(i);
    if (expect === 'comma-or-close') {
      const top = containers[containers.length - 1];
      if (c === ',') {
        i++;
        expect = top === '{' ? 'key' : 'value';
      } else if ((c === ']' && top === '[') || (c === '}' && top === '{')) {
        i++;
        containers.pop();
        if (containers.length === 0) done = true;
      } else
        return at(
          i,
          top === '{'
            ? "expected ',' or '}' after a property value"
            : "expected ',' or ']' after a list item",
        );
      continue;
    }
    if (expect === 'colon') {
      if (c !== ':') return at(i, "expected ':' after a property name");
      i++;
      expect = 'value';
      continue;
    }
    if (expect === 'key' || expect === 'key-or-close') {
      if (c === '}' && expect === 'key-or-close') {
        i++;
        containers.pop();
        if (containers.length === 0) done = true;
        else expect = 'comma-or-close';
        continue;
      }
      if (c !== '"') return at(i, 'expected a property name in double quotes');
      const end = scanString(text, i);
      if (typeof end !== 'number') return at(end.offset, end.problem);
      i = end;
      expect = 'colon';
      continue;
    }
    // A value (or, right after '[', the end of an empty list).
    if (c === ']' && expect === 'value-or-close') {
      i++;
      containers.pop();
      if (containers.length === 0) done = true;
      else expect = 'comma-or-close';
      continue;
    }
    if (c === '[' || c === '{') {
      containers.push(c);
      i++;
      expect = c === '[' ? 'value-or-close' : 'key-or-close';
      continue;
    }
    let end: number | { offset: number; problem: string };
    if (c === '"') end = scanString(text, i);
    else if (c === '-' || DIGIT.test(c)) end = scanNumber(text, i);
    else if (text.startsWith('true', i)) end = i + 4;
    else if (text.startsWith('false', i)) end = i + 5;
    else if (text.startsWith('null', i)) end = i + 4;
    else
      return at(
        i,
        code < 0x20 ? 'a control character where a value should be' : 'expected a JSON value',
      );
    if (typeof end !== 'number') return at(end.offset, end.problem);
    i = end;
    if (containers.length === 0) done = true;
    else expect = 'comma-or-close';
  }
}

function scanString(text: string, start: number): number | { offset: number; problem: string } {
  let i = start + 1;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 0x22) return i + 1;
    if (code < 0x20) return { offset: i, problem: 'a control character inside a string' };
    if (code === 0x5c) {
      const escape = text[i + 1];
      if (escape === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)))
          return { offset: i, problem: 'a \\u escape without four hex digits' };
        i += 6;
        continue;
      }
      if (escape === undefined || !'"\\/bfnrt'.includes(escape))
        return { offset: i, problem: 'an unknown escape in a string' };
      i += 2;
      continue;
    }
    i++;
  }
  return { offset: text.length, problem: 'a string that is never closed' };
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

function scanNumber(text: string, start: number): number | { offset: number; problem: string } {
  NUMBER.lastIndex = start;
  const match = NUMBER.exec(text);
  if (!match || match[0] === '-') return { offset: start, problem: 'a malformed number' };
  const end = start + match[0].length;
  const next = text[end];
  if (next !== undefined && /[-0-9.eE+]/.test(next))
    return { offset: end, problem: 'a malformed number' };
  return end;
}

/** "line 3, column 14: expected ',' or '}' after a property value" */
export function describeJsonSyntaxError(text: string): string {
  const error = findJsonSyntaxError(text);
  if (!error) return 'it could not be read as JSON';
  return `line ${error.line}, column ${error.column}: ${error.problem}`;
}
