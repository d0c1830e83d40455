// Errors from reading an OTLP document (a trace file, a received request). A FieldError points
// into the document (a JSON path); readers prepend the path segments as the error travels up.

/** Something wrong at a place in a document; `path` is relative to where it was thrown. */
export class FieldError extends Error {
  override name = 'FieldError';
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(path ? `${path}: ${detail}` : detail);
  }
}

/** Joins a path segment and a relative path: `spans[3]` + `traceId`, `values` + `[2]`. */
export function joinPath(segment: string, path: string): string {
  if (!path) return segment;
  if (!segment) return path;
  return path.startsWith('[') ? `${segment}${path}` : `${segment}.${path}`;
}

/** Re-throws `error` with `segment` prepended to its path (FieldErrors only; others pass through). */
export function within(segment: string, error: unknown): never {
  if (!(error instanceof FieldError)) throw error;
  throw new FieldError(joinPath(segment, error.path), error.detail);
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
