// What a parse thread does (its entry point is app/worker/parse-worker.ts): reads one trace file,
// from disk itself or from the chunks the import sends, with the chosen streaming reader, and
// sends the spans back in encoded batches (span-batch-codec.ts). It waits while
// MAX_UNSTORED_BATCHES of its batches are not stored yet, so a store that is behind holds the
// reading back instead of letting parsed spans pile up.
import type { MessagePort } from 'node:worker_threads';
import type { IncomingSpan } from '../storage/incoming-span';
import type { FromParseThread, ParseJob, ToParseThread } from './parse-thread-protocol';
import { readErrorData } from './parse-thread-protocol';
import { PieceQueue } from './piece-queue';
import { SpanBatchEncoder } from './span-batch-codec';
import { FIRST_PART_BYTES } from './span-reading';
import { createStreamReader } from './stream-reader-choice';
import { fileSource } from './trace-file-source';

/** Spans per batch at most: measured best of 2,000–10,000 on the 1,000,000-span file. */
export const BATCH_SPANS = 2000;
/** Batches sent and not stored yet, at most. */
export const MAX_UNSTORED_BATCHES = 2;

export async function runParseJob(port: MessagePort, job: ParseJob): Promise<void> {
  const post = (message: FromParseThread, transfer?: ArrayBuffer[]) =>
    port.postMessage(message, transfer);
  const fed = job.file ? undefined : new PieceQueue();
  let unstored = 0;
  let wakeReader: (() => void) | undefined;
  port.on('message', (message: ToParseThread) => {
    switch (message.type) {
      case 'chunk':
        fed?.push(message.bytes);
        return;
      case 'chunksEnd':
        fed?.end();
        return;
      case 'stored': {
        unstored--;
        const wake = wakeReader;
        wakeReader = undefined;
        wake?.();
        return;
      }
    }
  });
  const reader = createStreamReader(job.choice);
  const encoder = new SpanBatchEncoder();
  /** Spans read and not sent yet. */
  let pending: IncomingSpan[] = [];
  /**
   * Sends what is read in batches of BATCH_SPANS (the rest too when `all`), each once fewer than
   * MAX_UNSTORED_BATCHES wait to be stored; without a batch, only how far the reading is.
   */
  const send = async (all: boolean, first = false) => {
    const progress = reader.progress;
    let start = 0;
    for (; pending.length - start >= (all ? 1 : BATCH_SPANS); start += BATCH_SPANS) {
      while (unstored >= MAX_UNSTORED_BATCHES)
        await new Promise<void>((resolve) => (wakeReader = resolve));
      const batch = encoder.encode(pending.slice(start, start + BATCH_SPANS));
      unstored++;
      post({ type: 'batch', batch, progress, ...(first && { first }) }, [batch.words.buffer]);
    }
    if (start === 0) post({ type: 'batch', progress, ...(first && { first }) });
    pending = start < pending.length ? pending.slice(start) : [];
  };
  const take = (spans: readonly IncomingSpan[]) => {
    for (const span of spans) pending.push(span);
  };
  try {
    const chunks = job.file ? fileSource(job.file.path, job.file.size).chunks() : fed!;
    let first = true;
    for await (const chunk of chunks) {
      // The file's first spans go on their own, stored before the rest (span-reading.ts).
      const firstPart = first ? Math.min(FIRST_PART_BYTES, chunk.length) : 0;
      first = false;
      if (firstPart > 0) {
        reader.write(chunk.subarray(0, firstPart));
        take(reader.takeSpans());
        await send(true, true);
      }
      reader.write(chunk.subarray(firstPart));
      if (fed) post({ type: 'chunkRead' });
      take(reader.takeSpans());
      // Bytes that come slowly (an upload) are not waited for: what is read is stored meanwhile.
      await send(fed !== undefined && fed.queuedBytes === 0);
    }
    const end = reader.end();
    take(end.spans);
    await send(true);
    post({ type: 'end', format: end.format, warnings: end.warnings, progress: reader.progress });
  } catch (error) {
    post({ type: 'failed', error: readErrorData(error) });
  }
  // The import stops the thread once it has the end (or the error).
}
