// Outlines of the most recently changed or viewed big traces, kept ready: building one for 100,000
// spans takes a few hundred milliseconds, which would otherwise come between a click and the
// waterfall. A trace's spans only ever get added (in chunks), so an outline grows by the chunks
// stored since it was last asked for (growing-outline.ts), and its span count tells whether it is
// current. The cache is bounded by an estimate of the outlines' bytes as well as by their number.
import type { OutlineCursor, TraceOutline } from '../model/trace-outline';
import { GrowingOutline } from './growing-outline';
import type { StoreChange, TraceStore } from '../storage/trace-store';
import { WarmUpScheduler } from './warm-up-scheduler';

export interface OutlineCacheOptions {
  /** How many outlines to keep. */
  readonly capacity?: number;
  /** Estimated bytes of the outlines kept (the last one asked for is kept whatever its size). */
  readonly maxBytes?: number;
  /** Traces with fewer spans are built on demand only (they take under a millisecond or so). */
  readonly warmFromSpans?: number;
  /** Wait this long after a trace's last change before building it, so a growing trace builds once. */
  readonly settleMs?: number;
  /** A trace that keeps growing (an import) is brought up to date at least this often, so its
   * outline is ready when the import ends instead of being built from all of it then. */
  readonly maxWaitMs?: number;
}

export class OutlineCache {
  private readonly entries = new Map<
    string,
    { outline: GrowingOutline; chunks: number; bytes: number }
  >();
  private bytes = 0;
  private readonly maxBytes: number;
  private readonly warmUp: WarmUpScheduler;
  private readonly capacity: number;

  constructor(
    private readonly store: TraceStore,
    options: OutlineCacheOptions = {},
  ) {
    this.capacity = options.capacity ?? 4;
    this.maxBytes = options.maxBytes ?? DEFAULT_OUTLINE_CACHE_BYTES;
    this.warmUp = new WarmUpScheduler(
      store,
      {
        warmFromSpans: options.warmFromSpans ?? 2_000,
        settleMs: options.settleMs ?? 30,
        maxWaitMs: options.maxWaitMs ?? 500,
      },
      (traceId) => this.grown(traceId),
      (traceId) => this.remove(traceId),
    );
  }

  /**
   * The trace's current outline, null when it isn't stored; with `since` (what the caller holds of
   * it), only what was added after that.
   */
  get(traceId: string, since?: OutlineCursor): TraceOutline | null {
    const outline = this.grown(traceId);
    if (!outline) return null;
    return since && outline.holds(since) ? outline.outline(since) : outline.outline();
  }

  /** The trace's growing outline with every stored span appended: only new chunks are read. */
  private grown(traceId: string): GrowingOutline | null {
    const summary = this.store.getSummary(traceId);
    if (!summary) return null;
    let entry = this.entries.get(traceId);
    this.remove(traceId);
    if (!entry || entry.outline.spanCount > summary.spanCount)
      entry = { outline: new GrowingOutline(traceId), chunks: 0, bytes: 0 };
    // A few chunks at a time: the columns read take far more memory than the outline keeps.
    while (entry.outline.spanCount < summary.spanCount) {
      const read = this.store.outlineColumns(traceId, entry.chunks, OUTLINE_READ_CHUNKS);
      if (!read) return null;
      if (read.chunks === entry.chunks) break;
      entry.outline.append(read.columns);
      entry.chunks = read.chunks;
      entry.bytes = entry.outline.estimatedBytes;
    }
    this.entries.set(traceId, entry);
    this.bytes += entry.bytes;
    while (
      this.entries.size > 1 &&
      (this.entries.size > this.capacity || this.bytes > this.maxBytes)
    )
      this.remove(this.entries.keys().next().value as string);
    return entry.outline;
  }

  /** Estimated bytes of the outlines held. */
  get heldBytes(): number {
    return this.bytes;
  }

  private remove(traceId: string): void {
    const entry = this.entries.get(traceId);
    if (!entry) return;
    this.entries.delete(traceId);
    this.bytes -= entry.bytes;
  }

  /** Forgets removed traces, grows the outlines held of changed ones by what they received, and
   * schedules building big changed ones. */
  onStoreChange(change: StoreChange): void {
    this.warmUp.onStoreChange(change);
    if (change.outlineColumnsAdded)
      for (const traceId of change.changedTraceIds)
        this.append(traceId, change.outlineColumnsAdded);
  }

  /** Appends what the trace just received to its outline, when that is held and current. */
  private append(traceId: string, added: NonNullable<StoreChange['outlineColumnsAdded']>): void {
    const entry = this.entries.get(traceId);
    if (!entry) return;
    const part = added(traceId);
    // Anything else (the trace started again, an outline behind) is read from the store when asked.
    if (!part || part.fromSpan !== entry.outline.spanCount) return;
    entry.outline.append(part.columns);
    entry.chunks += part.chunks;
    this.bytes += entry.outline.estimatedBytes - entry.bytes;
    entry.bytes = entry.outline.estimatedBytes;
  }

  close(): void {
    this.warmUp.close();
    this.entries.clear();
    this.bytes = 0;
  }
}

export const DEFAULT_OUTLINE_CACHE_BYTES = 64 * 1024 * 1024;

/** Chunks read at a time into an outline (up to 2,048 spans each). */
export const OUTLINE_READ_CHUNKS = 32;
