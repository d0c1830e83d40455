// A trace file's spans stored while the file is still being read, so that a big trace is listed
// and can be opened within moments, and the import holds only what is not stored yet. What a
// failed or cancelled import stored is taken out again (`undo`): the traces it started are deleted
// whole. Spans for traces the store held before the import are kept back until the file is read
// to its end, so undoing never has to take spans out of a trace that stays.
import type { TraceFileFormat, TraceFileOpened } from '../model/trace-files';
import {
  endBeforeStartWarning,
  normalizeIncomingSpans,
  type NormalizedSpans,
} from '../otlp/normalize-incoming-spans';
import { rejectedSpansWarning } from '../storage/rejected-spans';
import type { IncomingSpan, RejectedSpan, TraceStore } from '../storage/trace-store';

/** Batches being stored at once: reading the next one overlaps storing this one. */
const BATCHES_IN_FLIGHT = 2;

export class StreamedImport {
  /** Traces this import started (they were not stored when it first read one of their spans). */
  private readonly started = new Set<string>();
  /** Traces stored before the import, whose spans wait for the end of the file. */
  private readonly heldBack = new Set<string>();
  private readonly heldSpans: IncomingSpan[] = [];
  /** The file's traces in the order they first appear, with how many of their spans were stored. */
  private readonly storedPerTrace = new Map<string, number>();
  private readonly inFlight: Promise<void>[] = [];
  private readonly rejected: RejectedSpan[] = [];
  private storeError: unknown;
  private storedSpans = 0;
  private duplicateSpans = 0;
  private endBeforeStart: Pick<NormalizedSpans, 'endBeforeStartCount' | 'firstEndBeforeStart'> = {
    endBeforeStartCount: 0,
  };

  constructor(private readonly store: TraceStore) {}

  /** Stores the next spans read (waiting only while earlier batches are still being stored). */
  async add(spans: readonly IncomingSpan[]): Promise<void> {
    if (spans.length === 0) return;
    const toStore: IncomingSpan[] = [];
    for (const item of spans) {
      const { traceId } = item.span;
      if (!this.storedPerTrace.has(traceId)) {
        this.storedPerTrace.set(traceId, 0);
        if (this.store.getSummary(traceId)) this.heldBack.add(traceId);
        else this.started.add(traceId);
      }
      if (this.heldBack.has(traceId)) this.heldSpans.push(item);
      else toStore.push(item);
    }
    if (toStore.length === 0) return;
    this.inFlight.push(this.storeBatch(toStore));
    while (this.inFlight.length >= BATCHES_IN_FLIGHT) await this.inFlight.shift();
    this.throwIfStoreFailed();
  }

  /** Stores what was held back and says what the file added; throws if storing failed. */
  async finish(
    fileName: string,
    format: TraceFileFormat,
    readerWarnings: readonly string[],
  ): Promise<TraceFileOpened> {
    // Spans of traces stored before: in-file duplicates among them are found here, and the store
    // ignores those it holds already.
    const held = normalizeIncomingSpans(this.heldSpans);
    this.heldSpans.length = 0;
    this.inFlight.push(this.storeBatch(held.spans, held, false));
    this.duplicateSpans += held.duplicateSpanCount;
    await this.settle();
    this.throwIfStoreFailed();
    const traceIds = [...this.storedPerTrace].filter(([, stored]) => stored > 0).map(([id]) => id);
    const endWarning = endBeforeStartWarning({
      spans: [],
      duplicateSpanCount: 0,
      ...this.endBeforeStart,
    });
    const refusedWarning = rejectedSpansWarning(this.rejected);
    return {
      fileName,
      format,
      traceIds,
      spanCount: this.storedSpans,
      duplicateSpanCount: this.duplicateSpans,
      warnings: [
        ...(endWarning ? [endWarning] : []),
        ...(refusedWarning ? [refusedWarning] : []),
        ...readerWarnings,
      ],
    };
  }

  /** Takes out what the import stored: the traces it started, once their writes are done. */
  async undo(): Promise<void> {
    await this.settle();
    this.heldSpans.length = 0;
    if (this.started.size > 0) await this.store.deleteTraces([...this.started]);
  }

  /** Resolves once every batch handed over so far is stored; throws if storing failed. */
  async stored(): Promise<void> {
    await this.settle();
    this.throwIfStoreFailed();
  }

  /** Spans read so far that the store holds or is storing. */
  get spansTaken(): number {
    return this.storedSpans;
  }

  private async settle(): Promise<void> {
    while (this.inFlight.length > 0) await this.inFlight.shift();
  }

  private throwIfStoreFailed(): void {
    if (this.storeError !== undefined) throw new StoreFailedError(this.storeError);
  }

  /**
   * One batch into the store. Within the batch a span whose id came before is left out and a span
   * that ends before it starts is kept with zero duration (counted for the warning); across
   * batches of a trace this import started, the store leaves out the ids it holds already.
   */
  private async storeBatch(
    spans: readonly IncomingSpan[],
    normalized: NormalizedSpans = normalizeIncomingSpans(spans),
    countStoreDuplicates = true,
  ): Promise<void> {
    if (countStoreDuplicates) this.duplicateSpans += normalized.duplicateSpanCount;
    if (normalized.endBeforeStartCount > 0) {
      this.endBeforeStart = {
        endBeforeStartCount:
          this.endBeforeStart.endBeforeStartCount + normalized.endBeforeStartCount,
        firstEndBeforeStart:
          this.endBeforeStart.firstEndBeforeStart ?? normalized.firstEndBeforeStart,
      };
    }
    if (normalized.spans.length === 0) return;
    let result;
    try {
      result = await this.store.addSpans(normalized.spans);
    } catch (error) {
      this.storeError ??= error;
      return;
    }
    const refused = new Set<string>();
    for (const span of result.rejectedSpans) {
      this.rejected.push(span);
      refused.add(span.traceId + span.spanId);
    }
    if (countStoreDuplicates) this.duplicateSpans += result.duplicateSpans;
    // Spans of traces stored before that the store held already count as the file's too.
    this.storedSpans += countStoreDuplicates
      ? result.storedSpans
      : result.storedSpans + result.duplicateSpans;
    for (const { span } of normalized.spans)
      if (refused.size === 0 || !refused.has(span.traceId + span.spanId))
        this.storedPerTrace.set(span.traceId, (this.storedPerTrace.get(span.traceId) ?? 0) + 1);
  }
}

/** Storing a batch failed (the store's own error is the cause). */
export class StoreFailedError extends Error {
  override name = 'StoreFailedError';
  constructor(override readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}
