// A trace file that is still arriving (the web host's upload), as a TraceFileSource: the import's
// first pass reads each piece as it arrives, so the trace is listed and shown while the rest is
// on its way, and every piece is also written to a temporary file, which any later pass (another
// reader, the whole-file readers, a line number for a message) reads once the upload is complete.
import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileSource, type TraceFileSource } from './trace-file-source';

/** The upload ended before all of it came (the client went away, or sent less than it said). */
export class UploadCutOffError extends Error {
  override name = 'UploadCutOffError';
}

/** How many bytes may wait for the first pass before no more are taken from the client. */
const MAX_WAITING_BYTES = 8 << 20;

export class UploadSource implements TraceFileSource {
  /** Pieces not yet read by the first pass (while it is live). */
  private readonly waiting: Buffer[] = [];
  private waitingBytes = 0;
  /** The first pass reads pieces as they come; once it ended (or another began), they only go to disk. */
  private live = true;
  private firstPassTaken = false;
  private written = 0;
  private ended = false;
  private failure: Error | undefined;
  private closed = false;
  private wake: (() => void)[] = [];
  private readonly pumped: Promise<void>;
  private readonly incoming: AsyncIterator<Uint8Array>;
  private dir: string | undefined;
  private uploadPath = '';

  /** `pieces` is the upload as it arrives; it should hold `size` bytes. */
  constructor(
    readonly size: number,
    pieces: AsyncIterable<Uint8Array>,
  ) {
    this.incoming = pieces[Symbol.asyncIterator]();
    this.pumped = this.pump().catch((error: unknown) => {
      this.failure =
        error instanceof UploadCutOffError
          ? error
          : new UploadCutOffError(`the upload could not be kept (${(error as Error).message})`);
      this.changed();
    });
  }

  async head(bytes: number): Promise<Buffer> {
    await this.until(
      () => this.uploadPath !== '' && (this.written >= Math.min(bytes, this.size) || this.ended),
    );
    const whole = await this.complete(false);
    return whole.head(bytes);
  }

  chunks(options: { readonly signal?: AbortSignal; readonly last?: number } = {}) {
    if (this.firstPassTaken || options.last !== undefined) {
      this.stopLive();
      return this.afterUpload(options);
    }
    this.firstPassTaken = true;
    return this.firstPass(options.signal);
  }

  async text(): Promise<string> {
    this.stopLive();
    return (await this.complete(true)).text();
  }

  /** Stops taking the upload and deletes what was kept of it. */
  async close(): Promise<void> {
    this.closed = true;
    this.stopLive();
    this.changed();
    await this.incoming.return?.();
    await this.pumped;
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
  }

  /** Takes the upload piece by piece: to disk, and to the first pass while it reads. */
  private async pump(): Promise<void> {
    this.dir = await mkdtemp(path.join(tmpdir(), 'spanlight-upload-'));
    this.uploadPath = path.join(this.dir, 'upload');
    const file: FileHandle = await open(this.uploadPath, 'w');
    try {
      for (;;) {
        await this.until(() => !this.live || this.waitingBytes < MAX_WAITING_BYTES);
        if (this.closed) return;
        let next: IteratorResult<Uint8Array>;
        try {
          next = await this.incoming.next();
        } catch (error) {
          throw new UploadCutOffError(
            `the upload was cut off after ${this.written} of ${this.size} bytes (${(error as Error).message})`,
          );
        }
        if (this.closed) return;
        if (next.done) break;
        const piece = Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
        if (this.written + piece.length > this.size)
          throw new UploadCutOffError(`the upload holds more than the ${this.size} bytes it said`);
        await file.write(piece, 0, piece.length, this.written);
        this.written += piece.length;
        if (this.live) {
          this.waiting.push(piece);
          this.waitingBytes += piece.length;
        }
        this.changed();
      }
    } finally {
      await file.close();
    }
    if (this.written !== this.size)
      throw new UploadCutOffError(
        `the upload was cut off after ${this.written} of ${this.size} bytes`,
      );
    this.ended = true;
    this.changed();
  }

  private async *firstPass(signal: AbortSignal | undefined): AsyncGenerator<Buffer> {
    try {
      for (;;) {
        await this.until(() => this.waiting.length > 0 || this.ended, signal);
        const piece = this.waiting.shift();
        if (!piece) return;
        this.waitingBytes -= piece.length;
        this.changed();
        yield piece;
      }
    } finally {
      this.stopLive();
    }
  }

  private async *afterUpload(options: {
    readonly signal?: AbortSignal;
    readonly last?: number;
  }): AsyncGenerator<Buffer> {
    yield* (await this.complete(true, options.signal)).chunks(options);
  }

  /** The upload as a file, once all of it is written (or, `whole` false, as far as it is). */
  private async complete(whole: boolean, signal?: AbortSignal): Promise<TraceFileSource> {
    if (whole) await this.until(() => this.ended, signal);
    return fileSource(this.uploadPath, this.written);
  }

  private stopLive(): void {
    if (!this.live) return;
    this.live = false;
    this.waiting.length = 0;
    this.waitingBytes = 0;
    this.changed();
  }

  private changed(): void {
    for (const resolve of this.wake.splice(0)) resolve();
  }

  /** Resolves once `ready()` holds; rejects once the upload failed or `signal` was aborted. */
  private async until(ready: () => boolean, signal?: AbortSignal): Promise<void> {
    for (;;) {
      if (this.failure && !this.closed) throw this.failure;
      signal?.throwIfAborted();
      if (ready() || this.closed) return;
      await new Promise<void>((resolve) => {
        this.wake.push(resolve);
        signal?.addEventListener('abort', () => resolve(), { once: true });
      });
    }
  }
}
