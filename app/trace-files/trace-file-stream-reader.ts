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

const BYTE_ORDER_MARK = [0xef, 0xbb, 0xbf];

/**
 * What the readers share: the spans read and not taken yet, the progress, and a chunk as a Buffer
 * without the UTF-8 byte-order mark that may open the stream.
 */
export abstract class SpanStreamBase {
  /** Spans read and not taken yet (takeSpans). */
  protected spans: IncomingSpan[] = [];
  protected spansRead = 0;
  /** Bytes of the stream consumed so far. */
  protected offset = 0;
  private markPossible = true;

  get progress(): StreamProgress {
    return { bytesRead: this.offset, spansRead: this.spansRead };
  }

  /** The spans read since the last call, each with its resource and scope, in the file's order. */
  takeSpans(): IncomingSpan[] {
    const taken = this.spans;
    this.spans = [];
    return taken;
  }

  /**
   * The chunk's bytes after a byte-order mark (EF BB BF) that starts the stream, which may be split
   * across the first chunks; its bytes count as read. `partial` throws for a stream that starts with
   * only part of one.
   */
  protected textBytes(chunk: Uint8Array, partial: (problem: string) => never): Buffer {
    let bytes = chunkBuffer(chunk);
    while (this.markPossible && bytes.length > 0 && this.offset < BYTE_ORDER_MARK.length) {
      if (bytes[0] !== BYTE_ORDER_MARK[this.offset]) {
        if (this.offset > 0) partial('the file starts with part of a byte-order mark');
        this.markPossible = false;
        break;
      }
      bytes = bytes.subarray(1);
      this.offset++;
    }
    if (this.offset >= BYTE_ORDER_MARK.length) this.markPossible = false;
    return bytes;
  }
}

/** A chunk as a Buffer over the same memory. */
export function chunkBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
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
