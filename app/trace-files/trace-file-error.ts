// Errors from reading a trace file. A FieldError points into the document (a JSON path); the
// reader turns it into a TraceFileError that names the file, and the line for JSON Lines files.

/** Something wrong at a place in a parsed document; `path` is relative to where it was thrown. */
export class FieldError extends Error {
  override name = 'FieldError';
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(path ? `${path}: ${detail}` : detail);
  }
}

/** Re-throws `error` with `segment` prepended to its path (FieldErrors only; others pass through). */
export function within(segment: string, error: unknown): never {
  if (!(error instanceof FieldError)) throw error;
  const joined = !error.path
    ? segment
    : error.path.startsWith('[')
      ? `${segment}${error.path}`
      : `${segment}.${error.path}`;
  throw new FieldError(joined, error.detail);
}

/** A trace file that cannot be imported; the message names the file and what is wrong. */
export class TraceFileError extends Error {
  override name = 'TraceFileError';
  constructor(
    readonly fileName: string,
    readonly detail: string,
    /** 1-based line, for line-delimited files. */
    readonly line?: number,
  ) {
    super(`${fileName}${line === undefined ? '' : `, line ${line}`}: ${detail}`);
  }
}

/** A short, readable rendering of a bad value for an error message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
