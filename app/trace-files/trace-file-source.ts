// Where an imported trace file's bytes come from: a file on disk (opened by path), or an upload
// still arriving (upload-source.ts). The import reads a source the same way whichever it is.
import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';

/** Bytes read at a time from a file. */
export const FILE_CHUNK_BYTES = 1 << 20;

export interface TraceFileSource {
  /** How many bytes it holds, known before it is read. */
  readonly size: number;
  /** The regular file it is, when it is one: another thread may read it itself. */
  readonly filePath?: string;
  /** Its first `bytes` bytes (all of it when it is shorter). */
  head(bytes: number): Promise<Buffer>;
  /**
   * Its bytes from the start in chunks, up to and including offset `last` when given. Each call
   * reads it again from the start. Ends early, with an AbortError, once `signal` is aborted.
   */
  chunks(options?: {
    readonly signal?: AbortSignal;
    readonly last?: number;
  }): AsyncIterable<Buffer>;
  /** All of it as UTF-8 text (for the readers that take a file whole). */
  text(): Promise<string>;
}

/** A regular file of `size` bytes at `filePath`. */
export function fileSource(filePath: string, size: number): TraceFileSource {
  return {
    size,
    filePath,
    async head(bytes) {
      const handle = await open(filePath, 'r');
      try {
        const buffer = Buffer.alloc(bytes);
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
        return buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    },
    chunks: ({ signal, last } = {}) =>
      createReadStream(filePath, {
        highWaterMark: FILE_CHUNK_BYTES,
        ...(signal && { signal }),
        ...(last !== undefined && { end: last }),
      }) as AsyncIterable<Buffer>,
    text: () => readFile(filePath, 'utf8'),
  };
}
