// Imports of trace files in progress: each gets an id, reports how far it is (bytes read of the
// file, spans so far) as traceImportProgress events once it has run for IMPORT_PROGRESS_AFTER_MS,
// and can be cancelled by that id. A cancelled import keeps nothing: spans are stored only once
// the whole file is read.
import type { TraceImportProgress } from '../model/trace-files';

/** Imports quicker than this show no progress at all. */
export const IMPORT_PROGRESS_AFTER_MS = 500;
/** At most one progress event per import this often. */
const PROGRESS_EVERY_MS = 200;

export class ImportCancelledError extends Error {
  override name = 'ImportCancelledError';
  constructor() {
    super('the import was cancelled; nothing of it was kept');
  }
}

/** What an import reports to, and asks whether to stop. */
export interface ImportTracker {
  readonly signal: AbortSignal;
  /** How far it is; cheap to call for every chunk (throttled here). */
  report(bytesRead: number, spansRead: number): void;
  /** Throws ImportCancelledError once Cancel was asked for. */
  checkCancelled(): void;
}

export class TraceImports {
  private readonly running = new Map<string, AbortController>();
  private nextId = 1;

  constructor(
    private readonly emit: (progress: TraceImportProgress) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Runs `work` as one import of `fileName` (`totalBytes` long, when known). */
  async run<T>(
    fileName: string,
    totalBytes: number,
    work: (tracker: ImportTracker) => Promise<T>,
  ): Promise<T> {
    const importId = `import-${this.nextId++}`;
    const controller = new AbortController();
    this.running.set(importId, controller);
    const started = this.now();
    let lastSent = -Infinity;
    let shown = false;
    let latest = { bytesRead: 0, spansRead: 0 };
    const send = (done: boolean) => {
      lastSent = this.now();
      shown = true;
      this.emit({
        importId,
        fileName,
        totalBytes,
        ...latest,
        elapsedMs: Math.round(lastSent - started),
        done,
      });
    };
    const tracker: ImportTracker = {
      signal: controller.signal,
      report: (bytesRead, spansRead) => {
        latest = { bytesRead, spansRead };
        const now = this.now();
        if (now - started >= IMPORT_PROGRESS_AFTER_MS && now - lastSent >= PROGRESS_EVERY_MS)
          send(false);
      },
      checkCancelled: () => {
        if (controller.signal.aborted) throw new ImportCancelledError();
      },
    };
    try {
      return await work(tracker);
    } finally {
      this.running.delete(importId);
      // Only an import that showed progress needs to say it is over.
      if (shown) send(true);
    }
  }

  /** Asks the import to stop; false when no import has this id (any more). */
  cancel(importId: string): boolean {
    const controller = this.running.get(importId);
    if (!controller) return false;
    controller.abort();
    return true;
  }
}
