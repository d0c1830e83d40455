// The messages between an import (the storing thread) and its parse thread (parse-job.ts), and
// how a reader's errors cross: by class name and the fields their callers read (the offset of a
// syntax error, the path of a bad field), so that the import's fallbacks and messages
// (trace-files.ts) see the same errors as when the file is read on their own thread.
import type { TraceFileFormat } from '../model/trace-files';
import {
  EarlyBindingError,
  NotStreamableError,
  StreamFieldError,
  StreamSyntaxError,
} from './otlp-json-stream';
import type { EncodedSpanBatch } from './span-batch-codec';
import type { StreamReaderChoice } from './stream-reader-choice';
import { TraceFileReadError, type StreamProgress } from './trace-file-stream-reader';

/** What the parse thread is started with (its workerData). */
export interface ParseJob {
  readonly choice: StreamReaderChoice;
  /** A regular file it reads itself; absent: the import sends the bytes (`chunk` messages). */
  readonly file?: { readonly path: string; readonly size: number };
}

export type ToParseThread =
  /** The next bytes of the file (a copy). */
  | { readonly type: 'chunk'; readonly bytes: Uint8Array }
  | { readonly type: 'chunksEnd' }
  /** A batch it sent is stored: it may send one more. */
  | { readonly type: 'stored' };

export type FromParseThread =
  | {
      readonly type: 'batch';
      /** Absent when the chunk held no spans (the batch then only says how far the reading is). */
      readonly batch?: EncodedSpanBatch;
      readonly progress: StreamProgress;
      /** The file's first spans (ReadBatch.first). */
      readonly first?: boolean;
    }
  /** A `chunk` was read: the import may send one more. */
  | { readonly type: 'chunkRead' }
  | {
      readonly type: 'end';
      readonly format: TraceFileFormat;
      readonly warnings: readonly string[];
      readonly progress: StreamProgress;
    }
  | { readonly type: 'failed'; readonly error: ReadErrorData };

export interface ReadErrorData {
  readonly name: string;
  readonly message: string;
  /** An fs error's code (ENOENT, EACCES, …). */
  readonly code?: string;
  readonly offset?: number;
  readonly problem?: string;
  readonly path?: string;
  readonly detail?: string;
  readonly document?: number;
}

export function readErrorData(error: unknown): ReadErrorData {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const data: { -readonly [K in keyof ReadErrorData]: ReadErrorData[K] } = {
    name: error.name,
    message: error.message,
  };
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code === 'string') data.code = code;
  if (error instanceof StreamSyntaxError) {
    data.offset = error.offset;
    data.problem = error.problem;
  } else if (error instanceof StreamFieldError) {
    data.path = error.path;
    data.detail = error.detail;
    data.document = error.document;
  }
  return data;
}

/** The error again, of its own class where the import tells classes apart. */
export function readErrorFrom(data: ReadErrorData): Error {
  switch (data.name) {
    case 'StreamSyntaxError':
      return new StreamSyntaxError(data.offset ?? 0, data.problem ?? data.message);
    case 'StreamFieldError':
      return new StreamFieldError(data.path ?? '', data.detail ?? data.message, data.document ?? 1);
    case 'NotStreamableError':
      return new NotStreamableError(data.message);
    case 'EarlyBindingError':
      return new EarlyBindingError(data.message);
    case 'TraceFileReadError':
      return new TraceFileReadError(data.message);
    case 'RangeError':
      return new RangeError(data.message);
  }
  const error: Error & { code?: string } = new Error(data.message);
  error.name = data.name;
  if (data.code !== undefined) error.code = data.code;
  return error;
}
