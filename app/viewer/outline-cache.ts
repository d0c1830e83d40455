// Outlines of the most recently changed or viewed big traces, kept ready: building one for 100,000
// spans takes a few hundred milliseconds, which would otherwise come between a click and the
// waterfall. A trace's spans only ever get added, so its span count tells whether an outline is
// current. The cache is bounded by an estimate of the outlines' bytes as well as by their number.
import type { TraceOutline } from '../model/trace-outline';
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
}

export class OutlineCache {
  private readonly entries = new Map<
    string,
    { spanCount: number; outline: TraceOutline; bytes: number }
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
      { warmFromSpans: options.warmFromSpans ?? 2_000, settleMs: options.settleMs ?? 30 },
      (traceId) => this.get(traceId),
      (traceId) => this.remove(traceId),
    );
  }

  /** The trace's current outline, null when it isn't stored. */
  get(traceId: string): TraceOutline | null {
    const summary = this.store.getSummary(traceId);
    if (!summary) return null;
    const cached = this.entries.get(traceId);
    this.remove(traceId);
    if (cached && cached.spanCount === summary.spanCount) {
      this.entries.set(traceId, cached);
      this.bytes += cached.bytes;
      return cached.outline;
    }
    const outline = this.store.getOutline(traceId);
    if (!outline) return null;
    const bytes = estimatedOutlineBytes(outline);
    this.entries.set(traceId, { spanCount: outline.spanIds.length, outline, bytes });
    this.bytes += bytes;
    while (
      this.entries.size > 1 &&
      (this.entries.size > this.capacity || this.bytes > this.maxBytes)
    )
      this.remove(this.entries.keys().next().value as string);
    return outline;
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

  /** Forgets removed traces and schedules building big changed ones. */
  onStoreChange(change: StoreChange): void {
    this.warmUp.onStoreChange(change);
  }

  close(): void {
    this.warmUp.close();
    this.entries.clear();
    this.bytes = 0;
  }
}

export const DEFAULT_OUTLINE_CACHE_BYTES = 64 * 1024 * 1024;

/**
 * About what an outline takes on V8's heap: per span its id (a 16-character string and its slot)
 * and eight numbers in packed arrays, per event three numbers, and the text of its names and
 * status messages (two bytes a character at most). Measured (heap after GC, Node 22): a
 * 100,000-span outline with 25,000 events takes 12.0 MB; this estimates 14.2 MB, erring high.
 */
export function estimatedOutlineBytes(outline: TraceOutline): number {
  let text = 0;
  for (const name of outline.names) text += name.length;
  for (const service of outline.services) text += service.length;
  for (const message of Object.values(outline.statusMessages)) text += message.length;
  return 1024 + outline.spanIds.length * 136 + outline.eventNameIndex.length * 24 + text * 2;
}
