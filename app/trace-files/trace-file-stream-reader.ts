// What every streaming trace-file reader offers (OTLP JSON, OTLP protobuf, Jaeger JSON), so that
// one loop (streamTraceFile in trace-files.ts) reads any of them in chunks, stores their spans as
// they come and takes them out again if the file turns out bad.
import type { TraceFileFormat } from '../model/trace-files';
import type { IncomingSpan } from '../storage/incoming-span';

export interface StreamProgress {
  readonly bytesRead: number;
  readonly spansRead: number;
}

export interface StreamedTraceFile {
  readonly format: TraceFileFormat;
  /** The spans read since the last takeSpans. */
  readonly spans: IncomingSpan[];
  readonly warnings: readonly string[];
}

/**
 * Fed a file's bytes chunk by chunk (split anywhere); hands out the spans read so far. `write`
 * and `end` throw when the file is bad: a TraceFileReadError with the whole message, or the
 * reader's own errors (see otlp-json-stream.ts) that the caller words.
 */
export interface TraceFileStreamReader {
  write(chunk: Uint8Array): void;
  /** The spans read since the last call, each with its resource and scope, in the file's order. */
  takeSpans(): IncomingSpan[];
  readonly progress: StreamProgress;
  /** The file is read to its end: the last spans, the format and what was kept but changed. */
  end(): StreamedTraceFile;
}

/** A bad file: the message says what is wrong and where (a byte offset), only the file's name is
 * left to add. */
export class TraceFileReadError extends Error {
  override name = 'TraceFileReadError';
}

/** A byte offset for a message: "byte 1,234" (counted from 0, as hexdump and dd count). */
export function atByte(offset: number): string {
  return `byte ${offset.toLocaleString('en-US')}`;
}

/** Problems listed word for word in a file's warnings; the rest are counted. */
export const MAX_LISTED_WARNINGS = 20;

/** A file's warnings, each listed once, at most MAX_LISTED_WARNINGS of them. */
export class FileWarnings {
  private readonly listed = new Set<string>();
  private unlisted = 0;

  /** `more`: problems like it that the reader counted but did not word. */
  add(warning: string, more = 0): void {
    this.unlisted += more;
    if (this.listed.has(warning)) return;
    if (this.listed.size < MAX_LISTED_WARNINGS) this.listed.add(warning);
    else this.unlisted++;
  }

  list(): string[] {
    const warnings = [...this.listed];
    if (this.unlisted > 0)
      warnings.push(`and ${this.unlisted.toLocaleString('en-US')} more like it`);
    return warnings;
  }
}
