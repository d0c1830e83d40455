// Pieces of an upload handed on as they come: whoever receives them pushes, the import iterates.
// Tells the pusher when pieces are taken (to hold back a sender that is ahead) and when the
// reader stopped early (to drop the rest).

export interface PieceQueueHooks {
  /** The reader took `bytes` more. */
  readonly taken?: (bytes: number) => void;
  /** The reader wants no more (it stopped before the end). */
  readonly stopped?: () => void;
}

export class PieceQueue implements AsyncIterable<Uint8Array> {
  private readonly pieces: Uint8Array[] = [];
  private bytes = 0;
  private ended = false;
  private failure: Error | undefined;
  private stopped = false;
  private waiter: (() => void) | undefined;

  constructor(private readonly hooks: PieceQueueHooks = {}) {}

  /** Bytes pushed and not yet taken. */
  get queuedBytes(): number {
    return this.bytes;
  }

  /** False once the reader stopped: what is pushed then is dropped. */
  get wanted(): boolean {
    return !this.stopped;
  }

  push(piece: Uint8Array): void {
    if (this.stopped || this.ended) return;
    this.pieces.push(piece);
    this.bytes += piece.byteLength;
    this.wakeReader();
  }

  end(): void {
    this.ended = true;
    this.wakeReader();
  }

  /** The pieces stop coming for `error` (those queued are still read first). */
  fail(error: Error): void {
    if (this.ended) return;
    this.failure = error;
    this.ended = true;
    this.wakeReader();
  }

  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    return {
      next: async () => {
        while (this.pieces.length === 0 && !this.ended && !this.stopped)
          await new Promise<void>((resolve) => (this.waiter = resolve));
        const piece = this.stopped ? undefined : this.pieces.shift();
        if (piece) {
          this.bytes -= piece.byteLength;
          this.hooks.taken?.(piece.byteLength);
          return { done: false, value: piece };
        }
        if (this.failure && !this.stopped) throw this.failure;
        return { done: true, value: undefined };
      },
      return: async () => {
        this.stop();
        return { done: true, value: undefined };
      },
    };
  }

  private stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.pieces.length = 0;
    this.bytes = 0;
    this.wakeReader();
    if (!this.ended) this.hooks.stopped?.();
  }

  private wakeReader(): void {
    const resolve = this.waiter;
    this.waiter = undefined;
    resolve?.();
  }
}
