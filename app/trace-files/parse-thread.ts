// Reading a trace file on a parse thread of its own (app/worker/parse-worker.ts runs parse-job.ts)
// while this thread stores what it read: parsing and storing overlap on two cores. Measured on the
// 1,000,000-span OTLP JSON file (673 MB), in process with the second core free: 22–24 s in one
// thread, 17.5 s so. It costs some 30 % more CPU in all (encoding and decoding the batches, a second
// heap to collect), so it gains only where a core is free for it. The spans cross in the compact
// form of span-batch-codec.ts; structured cloning of span objects cost the storing thread as much
// as parsing them again. A file on disk is read by the parse thread itself; other sources (an
// upload) send it their chunks, a few at a time.
import { Worker } from 'node:worker_threads';
import type { FromParseThread, ParseJob, ToParseThread } from './parse-thread-protocol';
import { readErrorFrom } from './parse-thread-protocol';
import { SpanBatchDecoder } from './span-batch-codec';
import { ImportCancelledError } from './trace-imports';
import { readSpansHere, type ReadBatch, type ReadEnd, type ReadSpans } from './span-reading';
import type { StreamReaderChoice } from './stream-reader-choice';
import type { TraceFileSource } from './trace-file-source';

/**
 * Files smaller than this are read on the import's own thread. bench:viewer on 2 cores, the page
 * busy too: the 67 MB file (100,000 spans) imported 1 s slower on a parse thread (a thread and a
 * cold heap to start, 50 % more CPU), the 673 MB one 13–27 % faster.
 */
export const PARSE_THREAD_MIN_BYTES = 128 << 20;
/** Chunks sent to the parse thread and not read by it yet, at most. */
const MAX_UNREAD_CHUNKS = 4;

export interface ParseThreadOptions {
  /** The built parse worker (dist/main/parse-worker.js). */
  readonly workerScript: string;
  /** Sources smaller than this are read here (PARSE_THREAD_MIN_BYTES by default). */
  readonly minBytes?: number;
}

/** Reads each source of at least `minBytes` on a parse thread, smaller ones here. */
export function readSpansOnParseThread(options: ParseThreadOptions): ReadSpans {
  const minBytes = options.minBytes ?? PARSE_THREAD_MIN_BYTES;
  return (source, choice, signal) =>
    source.size < minBytes
      ? readSpansHere(source, choice, signal)
      : readOnThread(options.workerScript, source, choice, signal);
}

/** Messages from the thread in order; a failure is thrown once those before it are taken. */
class Inbox {
  private readonly messages: FromParseThread[] = [];
  private failure: Error | undefined;
  private wake: (() => void) | undefined;

  push(message: FromParseThread): void {
    this.messages.push(message);
    this.wakeTaker();
  }

  fail(error: Error): void {
    this.failure ??= error;
    this.wakeTaker();
  }

  async take(): Promise<FromParseThread> {
    for (;;) {
      const message = this.messages.shift();
      if (message) return message;
      if (this.failure) throw this.failure;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  private wakeTaker(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

async function* readOnThread(
  workerScript: string,
  source: TraceFileSource,
  choice: StreamReaderChoice,
  signal: AbortSignal,
): AsyncGenerator<ReadBatch, ReadEnd, void> {
  if (signal.aborted) throw new ImportCancelledError();
  const job: ParseJob = {
    choice,
    ...(source.filePath !== undefined && { file: { path: source.filePath, size: source.size } }),
  };
  const worker = new Worker(workerScript, { workerData: job });
  const post = (message: ToParseThread) => worker.postMessage(message);
  const inbox = new Inbox();
  let unreadChunks = 0;
  let wakeFeeder: (() => void) | undefined;
  const feederMayGo = () => {
    const wake = wakeFeeder;
    wakeFeeder = undefined;
    wake?.();
  };
  worker.on('message', (message: FromParseThread) => {
    if (message.type === 'chunkRead') {
      unreadChunks--;
      feederMayGo();
    } else inbox.push(message);
  });
  worker.on('error', (error) => inbox.fail(new Error(`the parse thread failed: ${error.message}`)));
  worker.on('exit', (code) =>
    inbox.fail(new Error(`the parse thread stopped (exit code ${code})`)),
  );
  // Stops the feeder and any wait here: the import's Cancel, or this reading ending.
  const stop = new AbortController();
  const onAbort = () => {
    stop.abort();
    inbox.fail(new ImportCancelledError());
  };
  signal.addEventListener('abort', onAbort, { once: true });
  stop.signal.addEventListener('abort', feederMayGo);

  /** Sends the source's chunks, at most MAX_UNREAD_CHUNKS ahead of the parse thread. */
  const feed = async () => {
    try {
      for await (const chunk of source.chunks({ signal: stop.signal })) {
        while (unreadChunks >= MAX_UNREAD_CHUNKS && !stop.signal.aborted)
          await new Promise<void>((resolve) => (wakeFeeder = resolve));
        if (stop.signal.aborted) return;
        unreadChunks++;
        post({ type: 'chunk', bytes: chunk });
      }
      post({ type: 'chunksEnd' });
    } catch (error) {
      // The source's own error (an upload cut off) is the import's; a stop is not an error.
      if (!stop.signal.aborted) inbox.fail(error as Error);
    }
  };
  const feeding = job.file ? undefined : feed();
  const decoder = new SpanBatchDecoder();
  try {
    for (;;) {
      const message = await inbox.take();
      switch (message.type) {
        case 'batch': {
          const spans = message.batch ? decoder.decode(message.batch) : [];
          yield { spans, progress: message.progress, ...(message.first && { first: true }) };
          if (message.batch) post({ type: 'stored' });
          continue;
        }
        case 'end':
          return { format: message.format, warnings: message.warnings, progress: message.progress };
        case 'failed':
          throw readErrorFrom(message.error);
        case 'chunkRead':
          continue;
      }
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    stop.abort();
    await feeding;
    await worker.terminate();
  }
}
