// A trace file's spans as they are read, batch by batch, whichever thread reads them: the import's
// loop (streamTraceFile in trace-files.ts) stores each batch before it asks for the next, so the
// reading waits while the store is behind and holds no more than a few batches.
import type { TraceFileFormat } from '../model/trace-files';
import type { IncomingSpan } from '../storage/incoming-span';
import { createStreamReader, type StreamReaderChoice } from './stream-reader-choice';
import type { StreamProgress, TraceFileStreamReader } from './trace-file-stream-reader';
import type { TraceFileSource } from './trace-file-source';

export interface ReadBatch {
  /** The spans read since the last batch (possibly none), in the file's order. */
  readonly spans: IncomingSpan[];
  /** How far the reading is once these spans are read. */
  readonly progress: StreamProgress;
  /** The file's first spans: to be stored before the reading goes on (the trace listed at once). */
  readonly first?: boolean;
}

/** The file is read to its end: what the reader says of it. */
export interface ReadEnd {
  readonly format: TraceFileFormat;
  readonly warnings: readonly string[];
  readonly progress: StreamProgress;
}

/**
 * Reads `source` with the chosen reader: batches until the end, then the end. Throws what the
 * reader throws (a bad file) or what reading the source throws; ends early once `signal` is aborted.
 * Leaving it early (return) stops the reading.
 */
export type ReadSpans = (
  source: TraceFileSource,
  choice: StreamReaderChoice,
  signal: AbortSignal,
) => AsyncGenerator<ReadBatch, ReadEnd, void>;

/** How much of a file is read before its first spans are stored (64 KB: about a hundred spans). */
export const FIRST_PART_BYTES = 64 * 1024;

/** The most of a file read in one go (about 7 ms of the thread at 36 MB/s). */
export const SLICE_BYTES = 256 * 1024;

/** Resumes in a later turn of the event loop, after the messages and I/O waiting meanwhile. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Reads on this thread with the chosen reader (readWithReader). */
export function readSpansHere(
  source: TraceFileSource,
  choice: StreamReaderChoice,
  signal: AbortSignal,
): AsyncGenerator<ReadBatch, ReadEnd, void> {
  return readWithReader(source, createStreamReader(choice), signal);
}

/**
 * Reads on this thread with `reader`: the first part of the file on its own, then one batch per
 * chunk, each read in slices with the thread free in between for what the user asks meanwhile
 * (the outline of the trace they just clicked, a page of the list).
 */
export async function* readWithReader(
  source: TraceFileSource,
  reader: TraceFileStreamReader,
  signal: AbortSignal,
): AsyncGenerator<ReadBatch, ReadEnd, void> {
  let first = true;
  for await (const chunk of source.chunks({ signal })) {
    const firstPart = first ? Math.min(FIRST_PART_BYTES, chunk.length) : 0;
    first = false;
    if (firstPart > 0) {
      reader.write(chunk.subarray(0, firstPart));
      yield { spans: reader.takeSpans(), progress: reader.progress, first: true };
    }
    for (let at = firstPart; at < chunk.length; at += SLICE_BYTES) {
      if (at > firstPart) await nextTurn();
      reader.write(chunk.subarray(at, at + SLICE_BYTES));
    }
    yield { spans: reader.takeSpans(), progress: reader.progress };
  }
  const end = reader.end();
  yield { spans: end.spans, progress: reader.progress };
  return { format: end.format, warnings: end.warnings, progress: reader.progress };
}
