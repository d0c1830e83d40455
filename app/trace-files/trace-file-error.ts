// A trace file that cannot be imported. Readers throw FieldErrors (app/otlp/field-error.ts) that
// point into the document; the file reader turns them into a TraceFileError that names the file,
// and the line for JSON Lines files.

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
