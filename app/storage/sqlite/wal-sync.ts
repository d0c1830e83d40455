// The fsync of the write-ahead log, off the thread. The database commits with synchronous = NORMAL
// (in WAL mode a commit then only writes its frames to the log, without an fsync; the file stays
// consistent whatever happens), and the store answers a write only after the log has been
// fdatasync'ed since its commit. That is as durable as synchronous = FULL for every answered
// write, but the fsync (2–4 ms on this disk) runs in libuv's thread pool, so the worker decodes
// and commits the next requests meanwhile instead of waiting for the disk.
import { fdatasyncSync, closeSync, openSync } from 'node:fs';
import { open } from 'node:fs/promises';

export class WalSync {
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;

  constructor(private readonly walPath: string) {}

  /**
   * Resolves once the log is on disk as it stands now. Calls while an fsync runs share the next
   * one (which starts when it ends): that covers everything they committed.
   */
  sync(): Promise<void> {
    if (!this.running) return this.start();
    this.queued ??= this.running.then(
      () => this.startQueued(),
      () => this.startQueued(),
    );
    return this.queued;
  }

  /** The same, blocking the thread (once-off writes such as the open mark). */
  syncNow(): void {
    let fd: number;
    try {
      fd = openSync(this.walPath, 'r');
    } catch (error) {
      if (isMissing(error)) return;
      throw error;
    }
    try {
      fdatasyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  private startQueued(): Promise<void> {
    this.queued = undefined;
    return this.start();
  }

  private start(): Promise<void> {
    const running = this.fdatasync().finally(() => {
      if (this.running === running) this.running = undefined;
    });
    this.running = running;
    return running;
  }

  private async fdatasync(): Promise<void> {
    // Opened each time: SQLite may truncate the log, and a handle kept open would outlive a log
    // that was deleted and made again.
    let handle;
    try {
      handle = await open(this.walPath, 'r');
    } catch (error) {
      // No log: nothing was committed since it was checkpointed and removed.
      if (isMissing(error)) return;
      throw error;
    }
    try {
      await handle.datasync();
    } finally {
      await handle.close();
    }
  }
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}
