// The trace store over a database (see storage-backend.ts). Spans go into span chunks (span-chunk.ts),
// one row per trace and write; the summaries and the compact facts every list, filter and latency
// query needs are held in memory (trace-facts.ts) and loaded from the database at start, so queries
// never read spans; a trace's spans are read when it is opened.
//
// Writes are grouped: everything added (or deleted) in one turn of the event loop is one
// transaction (group commit), and each addSpans resolves once its spans are committed and the
// commit is on disk (an fsync that runs off the thread, sqlite/wal-sync.ts). A failed transaction
// changes nothing, in the database or in memory.
import type { LatencyRequest, LatencyResult } from '../contract';
import type { AppSpan, TraceDetail, TraceSummary } from '../model/trace';
import type { SpanDetail, TraceOutline } from '../model/trace-outline';
import { limitSpanDepth } from '../model/any-value-depth';
import { DEFAULT_ATTRIBUTE_VALUE_LIMIT_KIB } from '../model/attribute-limit';
import type { Backlink, BacklinksResult, TraceBacklinks } from '../model/links';
import type { OtlpKeyValue, OtlpLink, OtlpResource, OtlpScope, OtlpSpan } from '../model/otlp';
import type { SearchVocabulary } from '../search/indexed-trace';
import {
  DEFAULT_BIN_COUNT,
  latencyByOperation,
  operationHistogram,
} from '../search/operation-latency';
import { compileQuery, filterTraces } from '../search/trace-filter';
import { findSpans } from '../viewer/find-spans';
import type { FindableSpan } from '../viewer/find-index';
import { serviceNameOf } from './resource-attributes';
import { GrowingOutline } from '../viewer/growing-outline';
import { attributesText, type OutlineColumns } from '../viewer/trace-outline';
import type { IncomingSpan } from './incoming-span';
import {
  ChunkBuilder,
  ChunkFacts,
  MAX_CHUNK_SPANS,
  detailsOf,
  int32Bytes,
  int32sOf,
  pairIdBytes,
  pairIdsOf,
  spanFrom,
  type ChunkColumns,
  type SpanDetails,
} from './span-chunk';
import { decodeChunkDetails, spanMessagesBlob } from './chunk-details';
import type {
  ChunkColumnsRow,
  NewSpanLink,
  StorageBackend,
  StoredChunkDetails,
} from './storage-backend';
import { attributePairId } from './attribute-pair-id';
import { PairIdSet } from './pair-id-set';
import { SpanIdTable } from './span-id-table';
import { StoreDictionaries } from './store-dictionaries';
import { decodeStoredJson, encodeStoredJson } from './stored-json';
import { TraceFacts, TraceRowBuilder } from './trace-facts';
import {
  DEFAULT_MAX_TRACES,
  DEFAULT_RETENTION,
  MAX_BACKLINKS,
  type AddSpansResult,
  type RetentionLimits,
  type StoreStats,
  type RejectedSpan,
  type StoreChange,
  type StoreListener,
  type TraceFacets,
  type TracePage,
  type TracePageRequest,
  type OutlineColumnsRead,
  type TraceStore,
} from './trace-store';
import { compareNanos } from './unix-nanos';

export interface DatabaseTraceStoreOptions {
  /** Same as retention.maxTraces. */
  readonly maxTraces?: number;
  /** Limits beyond the defaults (DEFAULT_RETENTION). */
  readonly retention?: Partial<RetentionLimits>;
  /** The clock that stamps when a trace last received spans (tests move it). */
  readonly now?: () => number;
  /** How often the age limit is checked while nothing is written (default a minute). */
  readonly ageCheckIntervalMs?: number;
  /** Where to keep writing once a commit fails because the disk is full (SQLITE_FULL): the store
   * then runs on it, in memory, and says so (see sqlite/spill-backend.ts). */
  readonly spillWhenFull?: () => StorageBackend;
  /** Tells whether an error means the disk is full. */
  readonly isDiskFull?: (error: unknown) => boolean;
  /** Span ids held in memory, over all traces, to ignore spans stored already (least recently
   * written traces' ids are dropped first and read again from the database when needed). */
  readonly spanIdBudget?: number;
}

interface AddWrite {
  readonly kind: 'add';
  readonly spans: readonly IncomingSpan[];
  readonly result: { storedSpans: number; duplicateSpans: number; rejectedSpans: RejectedSpan[] };
  resolve(result: AddSpansResult): void;
  reject(error: unknown): void;
}

interface DeleteWrite {
  readonly kind: 'delete';
  readonly traceIds: readonly string[];
  deleted: number;
  resolve(count: number): void;
  reject(error: unknown): void;
}

interface PinWrite {
  readonly kind: 'pin';
  readonly traceId: string;
  readonly pinned: boolean;
  found: boolean;
  resolve(found: boolean): void;
  reject(error: unknown): void;
}

interface BarrierWrite {
  readonly kind: 'barrier';
  resolve(): void;
  reject(error: unknown): void;
}

type PendingWrite = AddWrite | DeleteWrite | PinWrite | BarrierWrite;

/** A trace this write adds spans to. */
interface TouchedTrace {
  readonly facts: TraceFacts;
  readonly isNew: boolean;
  /** Its new spans, in arrival order, and the addSpans call each came with. */
  spans: IncomingSpan[];
  writes: AddWrite[];
  /** Span ids added by this write. */
  readonly ids: Set<string>;
  /** Ids the trace held before (read when first needed). */
  storedIds: SpanIdTable | undefined;
  /** Dropped or deleted later in the same write. */
  gone: boolean;
}

/** What a committed trace write changes in memory. */
interface TraceUpdate {
  readonly touched: TouchedTrace;
  readonly key: number;
  readonly row: TraceFacts['row'];
  readonly chunks: readonly ChunkFacts[];
  /** The same chunks' columns, as stored (what a growing outline appends). */
  readonly chunkColumns: readonly ChunkColumns[];
  readonly newOperations: readonly number[];
  readonly newPairs: readonly number[];
  readonly newResources: readonly number[];
  readonly newScopes: readonly number[];
  /** The trace's span count before this write, and the service of each span it adds. */
  readonly fromSpan: number;
  readonly services: readonly string[];
}

const DEFAULT_SPAN_ID_BUDGET = 2_000_000;

/** Past the size limit, evict down to this fraction below it, so that not every write evicts. */
const SIZE_SLACK = 0.05;
/** What a trace's row and index entries are taken to cost besides its spans. */
const TRACE_ROW_BYTES = 256;
/** How often the age limit is checked while nothing is written. */
const AGE_CHECK_INTERVAL_MS = 60_000;

/** The limits, checked: a limit that is not a positive whole number is refused. */
export function checkedRetention(limits: RetentionLimits): RetentionLimits {
  const whole = (value: number, name: string) => {
    if (!Number.isSafeInteger(value) || value < 1)
      throw new RangeError(`${name} must be a whole number of at least 1, got ${value}`);
  };
  whole(limits.maxTraces, 'maxTraces');
  whole(limits.maxBytes, 'maxBytes');
  if (limits.maxAgeMs !== null) whole(limits.maxAgeMs, 'maxAgeMs');
  return { maxBytes: limits.maxBytes, maxAgeMs: limits.maxAgeMs, maxTraces: limits.maxTraces };
}
export class DatabaseTraceStore implements TraceStore {
  private limits: RetentionLimits;
  private readonly now: () => number;
  private readonly ageTimer: NodeJS.Timeout;
  private pinned = 0;
  private readonly spanIdBudget: number;
  private readonly dictionaries: StoreDictionaries;
  private readonly vocabulary: SearchVocabulary;
  /** Every stored trace; Map order is the order they last received spans, oldest first (the order
   * retention evicts them in). */
  private readonly traces = new Map<string, TraceFacts>();
  /** How many stored traces have each operation (index: operation id), for the facets. */
  private readonly operationTraceCounts: number[] = [];
  private ordered: TraceFacts[] | undefined;
  private cachedFacets: TraceFacets | undefined;
  private readonly listeners = new Set<StoreListener>();
  private dropped: number;
  private spans = 0;
  private queue: PendingWrite[] = [];
  private flushScheduled = false;
  private closed = false;
  /** Span ids of recently written traces; Map order is least recently used first. */
  private readonly spanIdSets = new Map<string, SpanIdTable>();
  private spanIdsHeld = 0;
  private backend: StorageBackend;
  private spillWhenFull: (() => StorageBackend) | undefined;
  private readonly isDiskFull: (error: unknown) => boolean;
  /** Set once the disk filled up: why, and how many spans were kept in memory only since. */
  private diskFull: { readonly reason: string; unsavedSpans: number } | undefined;
  private readonly noticeListeners = new Set<() => void>();

  constructor(backend: StorageBackend, options: DatabaseTraceStoreOptions = {}) {
    this.backend = backend;
    this.spillWhenFull = options.spillWhenFull;
    this.isDiskFull = options.isDiskFull ?? (() => false);
    this.limits = checkedRetention({
      ...DEFAULT_RETENTION,
      ...options.retention,
      maxTraces: options.retention?.maxTraces ?? options.maxTraces ?? DEFAULT_MAX_TRACES,
    });
    this.now = options.now ?? Date.now;
    this.spanIdBudget = options.spanIdBudget ?? DEFAULT_SPAN_ID_BUDGET;
    this.dictionaries = new StoreDictionaries(backend);
    this.vocabulary = {
      operations: this.dictionaries.operations,
      attributePairId,
    };
    this.dropped = backend.droppedTraces();
    this.load();
    this.retainAtStart();
    this.ageTimer = setInterval(() => {
      if (this.hasAgedTraces()) void this.flushAlways().catch(() => {});
    }, options.ageCheckIntervalMs ?? AGE_CHECK_INTERVAL_MS);
    this.ageTimer.unref();
  }

  get maxTraces(): number {
    return this.limits.maxTraces;
  }

  get retention(): RetentionLimits {
    return this.limits;
  }

  get pinnedTraceCount(): number {
    return this.pinned;
  }

  stats(): StoreStats {
    return {
      location: this.location,
      durable: this.durable,
      fileBytes: this.backend.fileBytes(),
      usedBytes: this.backend.usedBytes(),
      traceCount: this.traces.size,
      spanCount: this.spans,
      pinnedTraceCount: this.pinned,
      droppedTraceCount: this.dropped,
      limits: this.limits,
      unsavedSpanCount: this.diskFull?.unsavedSpans ?? 0,
    };
  }

  /** What the window should say about the store now (the disk filled up), empty while all is well. */
  notices(): string[] {
    if (!this.diskFull) return [];
    const { reason, unsavedSpans } = this.diskFull;
    return [
      `The disk is full: the trace database ${this.location} could not take more spans (${reason}). Spanlight keeps running with traces in memory: ${unsavedSpans.toLocaleString('en-US')} ${unsavedSpans === 1 ? 'span' : 'spans'} received since ${unsavedSpans === 1 ? 'was' : 'were'} not saved and will be gone when it closes. The traces saved before stay in the file; free some disk space and restart Spanlight to save again.`,
    ];
  }

  /** Calls the listener when notices() changes (the disk filled up, or more spans went unsaved). */
  onNoticesChanged(listener: () => void): () => void {
    this.noticeListeners.add(listener);
    return () => this.noticeListeners.delete(listener);
  }

  get location(): string {
    return this.backend.location;
  }

  get durable(): boolean {
    return this.backend.durable;
  }

  get traceCount(): number {
    return this.traces.size;
  }

  get spanCount(): number {
    return this.spans;
  }

  get droppedTraceCount(): number {
    return this.dropped;
  }

  // ---- writes

  addSpans(spans: readonly IncomingSpan[]): Promise<AddSpansResult> {
    return new Promise((resolve, reject) => {
      this.enqueue({
        kind: 'add',
        spans,
        result: { storedSpans: 0, duplicateSpans: 0, rejectedSpans: [] },
        resolve,
        reject,
      });
    });
  }

  deleteTraces(traceIds: readonly string[]): Promise<number> {
    return new Promise((resolve, reject) => {
      this.enqueue({ kind: 'delete', traceIds, deleted: 0, resolve, reject });
    });
  }

  flush(): Promise<void> {
    if (this.queue.length === 0 && !this.flushScheduled) return Promise.resolve();
    return this.flushAlways();
  }

  setPinned(traceId: string, pinned: boolean): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.enqueue({ kind: 'pin', traceId, pinned, found: false, resolve, reject });
    });
  }

  setRetention(limits: RetentionLimits): Promise<void> {
    this.limits = checkedRetention(limits);
    // Every write applies the limits: this one may have nothing else to do.
    return this.flushAlways();
  }

  /** A write of its own (a transaction even with nothing else queued), which applies retention. */
  private flushAlways(): Promise<void> {
    return new Promise((resolve, reject) => this.enqueue({ kind: 'barrier', resolve, reject }));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.flush();
    clearInterval(this.ageTimer);
    this.closed = true;
    this.listeners.clear();
    this.backend.close();
  }

  private enqueue(write: PendingWrite): void {
    if (this.closed) {
      write.reject(new Error('the trace store is closed'));
      return;
    }
    this.queue.push(write);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.writeQueued());
  }

  /** Writes everything queued as one transaction, then tells subscribers and callers. */
  private writeQueued(): void {
    this.flushScheduled = false;
    const writes = this.queue;
    this.queue = [];
    if (writes.length === 0) return;
    if (this.closed) {
      for (const write of writes) write.reject(new Error('the trace store is closed'));
      return;
    }
    try {
      this.write(writes);
    } catch (error) {
      // Only before the commit can anything throw: nothing was kept.
      this.dictionaries.rollback();
      if (!this.spillAfter(error)) {
        for (const write of writes) write.reject(error);
        return;
      }
      // The disk is full: the same writes again, into memory.
      for (const write of writes) restart(write);
      try {
        this.write(writes);
      } catch (again) {
        this.dictionaries.rollback();
        for (const write of writes) write.reject(again);
      }
    }
  }

  /** After a failed write: true when the disk is full and the store now writes to memory. */
  private spillAfter(error: unknown): boolean {
    if (!this.spillWhenFull || !this.isDiskFull(error)) return false;
    const spill = this.spillWhenFull;
    this.spillWhenFull = undefined;
    this.backend = spill();
    this.dictionaries.useBackend(this.backend);
    this.diskFull = { reason: (error as Error).message, unsavedSpans: 0 };
    console.warn(`Spanlight: ${this.notices()[0]}`);
    return true;
  }

  private write(writes: readonly PendingWrite[]): void {
    const touched = new Map<string, TouchedTrace>();
    const goneStored = new Set<string>();
    const newTraces: TouchedTrace[] = [];
    const removed = new Set<string>();
    let live = this.traces.size;
    let dropped = 0;
    const oldest = this.traces.keys();

    const remove = (traceId: string): boolean => {
      const pending = touched.get(traceId);
      if (pending && !pending.gone) {
        pending.gone = true;
        if (!pending.isNew) goneStored.add(traceId);
      } else if (!pending && this.traces.has(traceId) && !goneStored.has(traceId)) {
        goneStored.add(traceId);
      } else return false;
      removed.add(traceId);
      live -= 1;
      return true;
    };
    const dropOldest = (): boolean => {
      for (let next = oldest.next(); !next.done; next = oldest.next()) {
        if (this.traces.get(next.value)!.pinned) continue;
        if (remove(next.value)) return true;
      }
      for (const pending of newTraces)
        if (!pending.gone && remove(pending.facts.traceId)) return true;
      // Only pinned traces are left: they stay, and the store holds more than the limit.
      return false;
    };
    const traceFor = (traceId: string): TouchedTrace => {
      const pending = touched.get(traceId);
      if (pending && !pending.gone) return pending;
      const stored = goneStored.has(traceId) ? undefined : this.traces.get(traceId);
      let created: TouchedTrace;
      if (stored) {
        created = {
          facts: stored,
          isNew: false,
          spans: [],
          writes: [],
          ids: new Set(),
          storedIds: undefined,
          gone: false,
        };
      } else {
        while (live >= this.limits.maxTraces && dropOldest()) dropped += 1;
        created = {
          facts: TraceFacts.empty(traceId),
          isNew: true,
          spans: [],
          writes: [],
          ids: new Set(),
          storedIds: undefined,
          gone: false,
        };
        newTraces.push(created);
        live += 1;
      }
      // A trace dropped and started again within one write counts as changed, not removed.
      touched.delete(traceId);
      touched.set(traceId, created);
      removed.delete(traceId);
      return created;
    };

    const pins: PinWrite[] = [];
    for (const write of writes) {
      if (write.kind === 'pin') pins.push(write);
      else if (write.kind === 'delete') {
        for (const traceId of write.traceIds) if (remove(traceId)) write.deleted += 1;
      } else if (write.kind === 'add') {
        for (const item of write.spans) {
          const invalid = invalidSpanReason(item);
          if (invalid) {
            write.result.rejectedSpans.push({
              traceId: String(item?.span?.traceId),
              spanId: String(item?.span?.spanId),
              reason: invalid,
            });
            continue;
          }
          const { traceId, spanId } = item.span;
          const trace = traceFor(traceId);
          if (!trace.isNew && !trace.storedIds) trace.storedIds = this.spanIdsOf(trace.facts);
          if (trace.ids.has(spanId) || trace.storedIds?.has(spanId)) {
            write.result.duplicateSpans += 1;
            continue;
          }
          trace.ids.add(spanId);
          // Values deeper than MAX_VALUE_DEPTH are kept cut ("…"), as the readers cut them.
          const limited = limitSpanDepth(item.span);
          trace.spans.push(
            limited === item.span
              ? item
              : { span: limited, resource: item.resource, scope: item.scope },
          );
          trace.writes.push(write);
          write.result.storedSpans += 1;
        }
      }
    }

    const updates: TraceUpdate[] = [];
    let evicted: TraceFacts[] = [];
    let droppedAfter = this.dropped;
    this.backend.transaction(() => {
      for (const traceId of goneStored) this.backend.deleteTrace(this.traces.get(traceId)!.key);
      const now = this.now();
      let pendingSpans = 0;
      for (const trace of touched.values()) {
        if (trace.gone) continue;
        const update = this.writeTrace(trace, now);
        if (update) {
          updates.push(update);
          pendingSpans += update.touched.spans.length;
        }
      }
      const written = new Map(updates.map((update) => [update.touched.facts.traceId, update.key]));
      for (const pin of pins) {
        const stored = goneStored.has(pin.traceId) ? undefined : this.traces.get(pin.traceId);
        const key = written.get(pin.traceId) ?? stored?.key;
        if (key === undefined) continue;
        this.backend.setPinned(key, pin.pinned);
        pin.found = true;
      }
      const pinnedNow = new Set(
        pins.filter((pin) => pin.found && pin.pinned).map((p) => p.traceId),
      );
      evicted = this.evict({
        now,
        live,
        spans: this.spans + pendingSpans - spansOf(goneStored, this.traces),
        keep: (facts) =>
          pinnedNow.has(facts.traceId) ||
          goneStored.has(facts.traceId) ||
          (touched.has(facts.traceId) && !touched.get(facts.traceId)!.gone),
      });
      droppedAfter = this.dropped + dropped + evicted.length;
      if (droppedAfter !== this.dropped) this.backend.setDroppedTraces(droppedAfter);
    });
    this.dictionaries.commit();

    // Committed: now memory follows.
    for (const traceId of goneStored) this.forget(traceId);
    for (const facts of evicted) {
      this.forget(facts.traceId);
      removed.add(facts.traceId);
    }
    const changed: string[] = [];
    for (const update of updates) {
      this.apply(update);
      changed.push(update.touched.facts.traceId);
    }
    for (const pin of pins) {
      const facts = pin.found ? this.traces.get(pin.traceId) : undefined;
      if (!facts) {
        pin.found = false;
        continue;
      }
      if (facts.pinned !== pin.pinned) this.pinned += pin.pinned ? 1 : -1;
      facts.pinned = pin.pinned;
      if (!changed.includes(pin.traceId)) changed.push(pin.traceId);
    }
    this.dropped = droppedAfter;
    this.ordered = undefined;
    this.cachedFacets = undefined;
    if (changed.length > 0 || removed.size > 0) {
      const added = new Map(updates.map((update) => [update.touched.facts.traceId, update]));
      const change: StoreChange = {
        changedTraceIds: changed,
        removedTraceIds: [...removed],
        ...(added.size > 0 && {
          findableSpansAdded: (traceId: string) => {
            const update = added.get(traceId);
            return update && { fromSpan: update.fromSpan, spans: addedFindableSpans(update) };
          },
          outlineColumnsAdded: (traceId: string) => {
            const update = added.get(traceId);
            const facts = this.traces.get(traceId);
            if (!update || !facts) return undefined;
            return {
              fromSpan: update.fromSpan,
              chunks: update.chunkColumns.length,
              columns: this.outlineColumnsFrom(traceId, facts, update.chunkColumns),
            };
          },
        }),
      };
      for (const listener of this.listeners) {
        try {
          listener(change);
        } catch (error) {
          console.error('Spanlight: a trace store subscriber failed:', error);
        }
      }
    }
    if (this.diskFull) {
      let unsaved = 0;
      for (const write of writes) if (write.kind === 'add') unsaved += write.result.storedSpans;
      this.diskFull.unsavedSpans += unsaved;
      if (unsaved > 0 || this.diskFull.unsavedSpans === 0) this.tellNotices();
    }
    // Answered once the commit is on disk (the fsync runs off the thread: the next writes are
    // prepared and committed meanwhile). Readers see the commit at once.
    this.backend.synced().then(
      () => {
        for (const write of writes) {
          if (write.kind === 'add') write.resolve(write.result);
          else if (write.kind === 'delete') write.resolve(write.deleted);
          else if (write.kind === 'pin') write.resolve(write.found);
          else write.resolve();
        }
      },
      (error: unknown) => {
        const failed = new Error(
          `the trace database could not be written to disk: ${(error as Error).message}`,
        );
        for (const write of writes) write.reject(failed);
      },
    );
  }

  /** Writes one trace's new spans (inside the transaction); undefined when none could be kept. */
  private writeTrace(trace: TouchedTrace, now: number): TraceUpdate | undefined {
    const { facts } = trace;
    const dictionaries = this.dictionaries;
    const chunkDetails = encodeDetails(trace);
    const { spans } = trace;
    if (spans.length === 0) return undefined;

    const rowBuilder = new TraceRowBuilder(facts.row);
    const newOperations: number[] = [];
    const newPairs: number[] = [];
    const newResources: number[] = [];
    const newScopes: number[] = [];
    // Ids the trace had not had before this write: new in this chunk, or in an earlier one.
    const seenOperations = new Set<number>();
    const seenPairs = new PairIdSet();
    const isNew = (id: number, had: ReadonlySet<number>, seen: Set<number>, into: number[]) => {
      if (had.has(id) || seen.has(id)) return false;
      seen.add(id);
      into.push(id);
      return true;
    };
    const pairs: number[] = [];
    const chunks: { builder: ChunkBuilder; details: StoredChunkDetails; from: number[] }[] = [];
    const links: Omit<NewSpanLink, 'traceKey'>[] = [];
    const services: string[] = [];
    let index = 0;
    for (const { details, count } of chunkDetails) {
      const builder = new ChunkBuilder(count);
      const from = [newOperations.length, newPairs.length, newResources.length, newScopes.length];
      for (const end = index + count; index < end; index++) {
        const { span, resource, scope } = spans[index]!;
        const resourceId = dictionaries.resourceId(resource);
        const scopeId = dictionaries.scopeId(scope);
        const service = dictionaries.serviceOf(resourceId);
        const operationId = dictionaries.operationId(service, span.name);
        rowBuilder.add(span, service);
        builder.add(span, resourceId, scopeId, operationId);
        services.push(service);
        if (span.links) for (const link of span.links) links.push(linkRow(span, operationId, link));
        isNew(operationId, facts.operations, seenOperations, newOperations);
        if (!facts.resourceIds.includes(resourceId) && !newResources.includes(resourceId)) {
          newResources.push(resourceId);
          pairs.push(...dictionaries.resourcePairIds(resourceId));
        }
        if (!facts.scopeIds.includes(scopeId) && !newScopes.includes(scopeId))
          newScopes.push(scopeId);
        dictionaries.addPairIds(span.attributes, pairs);
        for (const pair of pairs)
          if (!facts.attributePairs.has(pair) && seenPairs.add(pair)) newPairs.push(pair);
        pairs.length = 0;
      }
      chunks.push({ builder, details, from });
    }
    const row = rowBuilder.build(now);
    const key = trace.isNew ? this.backend.insertTrace(row) : facts.key;
    if (!trace.isNew) this.backend.updateTrace(key, row);
    const chunkFacts: ChunkFacts[] = [];
    chunks.forEach(({ builder, details, from }, i) => {
      const to = chunks[i + 1]?.from;
      this.backend.insertChunk({
        traceKey: key,
        spanCount: builder.spanCount,
        facts: builder.facts.bytes(),
        newOperations: int32Bytes(newOperations.slice(from[0], to?.[0])),
        newPairs: pairIdBytes(newPairs.slice(from[1], to?.[1])),
        newResources: int32Bytes(newResources.slice(from[2], to?.[2])),
        newScopes: int32Bytes(newScopes.slice(from[3], to?.[3])),
        columns: JSON.stringify(builder.columns),
        details,
      });
      chunkFacts.push(builder.facts);
    });
    for (const link of links) this.backend.insertSpanLink({ ...link, traceKey: key });
    return {
      touched: trace,
      key,
      row,
      chunks: chunkFacts,
      chunkColumns: chunks.map(({ builder }) => builder.columns),
      newOperations,
      newPairs,
      newResources,
      newScopes,
      fromSpan: facts.spanCount,
      services,
    };
  }

  private apply(update: TraceUpdate): void {
    const { touched, key, row } = update;
    const { facts } = touched;
    // The trace received spans last of all: it moves to the end of the eviction order.
    if (touched.isNew) facts.key = key;
    else this.traces.delete(facts.traceId);
    this.traces.set(facts.traceId, facts);
    const before = facts.spanCount;
    facts.setRow(row);
    for (const chunk of update.chunks)
      facts.appendFacts(chunk.operations, chunk.durationsMicros, chunk.errors);
    this.spans += facts.spanCount - before;
    for (const id of update.newOperations) {
      facts.operations.add(id);
      this.operationTraceCounts[id] = (this.operationTraceCounts[id] ?? 0) + 1;
    }
    for (const id of update.newPairs) facts.attributePairs.add(id);
    facts.resourceIds.push(...update.newResources);
    facts.scopeIds.push(...update.newScopes);
    // A new trace's ids are exactly those this write added; a stored one adds them to its set,
    // when that is held (otherwise it is read again when next needed).
    const ids = touched.isNew ? new SpanIdTable() : this.spanIdSets.get(facts.traceId);
    if (ids) {
      const before = ids.size;
      for (const { span } of touched.spans) ids.add(span.spanId);
      this.spanIdsHeld += ids.size - before;
      this.spanIdSets.delete(facts.traceId);
      this.spanIdSets.set(facts.traceId, ids);
      this.trimSpanIds();
    }
  }

  private forget(traceId: string): void {
    const facts = this.traces.get(traceId);
    if (!facts) return;
    this.traces.delete(traceId);
    this.spans -= facts.spanCount;
    if (facts.pinned) this.pinned -= 1;
    for (const id of facts.operations) this.operationTraceCounts[id]! -= 1;
    const ids = this.spanIdSets.get(traceId);
    if (ids) {
      this.spanIdsHeld -= ids.size;
      this.spanIdSets.delete(traceId);
    }
  }

  /** The ids of the spans the trace holds, read from its chunks unless held already. */
  private spanIdsOf(facts: TraceFacts): SpanIdTable {
    const held = this.spanIdSets.get(facts.traceId);
    if (held) {
      this.spanIdSets.delete(facts.traceId);
      this.spanIdSets.set(facts.traceId, held);
      return held;
    }
    const ids = new SpanIdTable();
    for (const row of this.backend.chunkColumns(facts.key))
      for (const id of parseColumns(row).i) ids.add(id);
    this.spanIdSets.set(facts.traceId, ids);
    this.spanIdsHeld += ids.size;
    this.trimSpanIds();
    return ids;
  }

  private trimSpanIds(): void {
    for (const [traceId, ids] of this.spanIdSets) {
      if (this.spanIdsHeld <= this.spanIdBudget || this.spanIdSets.size <= 1) return;
      this.spanIdSets.delete(traceId);
      this.spanIdsHeld -= ids.size;
    }
  }

  private load(): void {
    const byKey = new Map<number, TraceFacts>();
    const rows = [...this.backend.traces()].sort(
      (a, b) => a.receivedAtMs - b.receivedAtMs || a.key - b.key,
    );
    for (const row of rows) {
      const facts = new TraceFacts(row.key, row, row.pinned);
      facts.reserve(row.spanCount);
      byKey.set(row.key, facts);
      this.traces.set(row.traceId, facts);
      if (row.pinned) this.pinned += 1;
    }
    for (const chunk of this.backend.chunkFacts()) {
      const facts = byKey.get(chunk.traceKey);
      if (!facts) continue;
      const spanFacts = new ChunkFacts(chunk.spanCount, chunk.facts);
      facts.appendFacts(spanFacts.operations, spanFacts.durationsMicros, spanFacts.errors);
      for (const id of int32sOf(chunk.newOperations)) facts.operations.add(id);
      for (const id of pairIdsOf(chunk.newPairs)) facts.attributePairs.add(id);
      facts.resourceIds.push(...int32sOf(chunk.newResources));
      facts.scopeIds.push(...int32sOf(chunk.newScopes));
    }
    for (const facts of this.traces.values()) {
      this.spans += facts.spanCount;
      for (const id of facts.operations)
        this.operationTraceCounts[id] = (this.operationTraceCounts[id] ?? 0) + 1;
    }
  }

  /** Evicts what is beyond the limits (a database kept with other limits, or aged since). */
  private retainAtStart(): void {
    const { maxTraces, maxBytes } = this.limits;
    const over =
      this.traces.size > maxTraces || this.backend.usedBytes() > maxBytes || this.hasAgedTraces();
    if (!over) return;
    let evicted: TraceFacts[] = [];
    this.backend.transaction(() => {
      evicted = this.evict({
        now: this.now(),
        live: this.traces.size,
        spans: this.spans,
        keep: () => false,
      });
      if (evicted.length > 0) this.backend.setDroppedTraces(this.dropped + evicted.length);
    });
    for (const facts of evicted) this.forget(facts.traceId);
    this.dropped += evicted.length;
  }

  /** True when some unpinned trace is older than the age limit. */
  private hasAgedTraces(): boolean {
    if (this.limits.maxAgeMs === null || this.closed) return false;
    const cutoff = this.now() - this.limits.maxAgeMs;
    for (const facts of this.traces.values()) {
      if (facts.row.receivedAtMs >= cutoff) return false;
      if (!facts.pinned) return true;
    }
    return false;
  }

  /**
   * Inside a write's transaction: deletes the traces beyond the age, count and size limits, least
   * recently received first, whole, never a pinned one nor one `keep` names (those this write
   * touched). The size is the pages in use as the transaction stands; a trace is taken to free its
   * share of it by spans, and the size is read again until it is under the limit (deleted rows do
   * not always empty a page).
   */
  private evict(context: {
    readonly now: number;
    /** Traces stored once this write is committed, and their spans. */
    readonly live: number;
    readonly spans: number;
    readonly keep: (facts: TraceFacts) => boolean;
  }): TraceFacts[] {
    const { maxAgeMs, maxBytes, maxTraces } = this.limits;
    const victims: TraceFacts[] = [];
    const order = this.traces.values();
    let head: TraceFacts | undefined;
    const next = (): TraceFacts | undefined => {
      if (head) return head;
      for (let item = order.next(); !item.done; item = order.next()) {
        if (item.value.pinned || context.keep(item.value)) continue;
        return (head = item.value);
      }
      return undefined;
    };
    let live = context.live;
    let spans = context.spans;
    const evictNext = (): TraceFacts => {
      const victim = head!;
      head = undefined;
      this.backend.deleteTrace(victim.key);
      victims.push(victim);
      live -= 1;
      spans -= victim.spanCount;
      return victim;
    };
    if (maxAgeMs !== null) {
      const cutoff = context.now - maxAgeMs;
      while (next() && head!.row.receivedAtMs < cutoff) evictNext();
    }
    while (live > maxTraces && next()) evictNext();
    let used = this.backend.usedBytes();
    while (used > maxBytes && next()) {
      const bytesPerSpan = used / Math.max(1, spans);
      const toFree = used - maxBytes * (1 - SIZE_SLACK);
      for (let freed = 0; freed < toFree && next();) {
        freed += evictNext().spanCount * bytesPerSpan + TRACE_ROW_BYTES;
      }
      used = this.backend.usedBytes();
    }
    return victims;
  }

  private tellNotices(): void {
    for (const listener of this.noticeListeners) {
      try {
        listener();
      } catch (error) {
        console.error('Spanlight: a trace store notice listener failed:', error);
      }
    }
  }

  // ---- queries over the facts held in memory

  private newestFirst(): readonly TraceFacts[] {
    if (!this.ordered) {
      this.ordered = [...this.traces.values()].sort(
        (a, b) => compareNanos(b.row.startNs, a.row.startNs) || a.key - b.key,
      );
    }
    return this.ordered;
  }

  private matching(request: { readonly query?: TracePageRequest['query'] }) {
    return filterTraces(this.newestFirst(), compileQuery(request.query, this.vocabulary));
  }

  queryTraces(request: TracePageRequest): TracePage {
    const matched = this.matching(request);
    const offset = request.offset ?? 0;
    const end = request.limit === undefined ? undefined : offset + request.limit;
    const listed = offset === 0 && end === undefined ? matched : matched.slice(offset, end);
    return { traces: listed.map((trace) => trace.summary), matchedTraces: matched.length };
  }

  listTraces(limit?: number): TraceSummary[] {
    return [...this.queryTraces({ limit }).traces];
  }

  facets(): TraceFacets {
    if (!this.cachedFacets) {
      const services = new Set<string>();
      const spanNames = new Set<string>();
      const { operations } = this.dictionaries;
      this.operationTraceCounts.forEach((count, id) => {
        if (!count) return;
        services.add(operations.services[id]!);
        spanNames.add(operations.spanNames[id]!);
      });
      this.cachedFacets = { services: [...services].sort(), spanNames: [...spanNames].sort() };
    }
    return this.cachedFacets;
  }

  latencyByOperation(request: LatencyRequest): LatencyResult {
    const matched = this.matching(request);
    const { operations } = this.dictionaries;
    const result: LatencyResult = {
      operations: latencyByOperation(matched, operations),
      matchedTraces: matched.length,
    };
    if (!request.histogramOf) return result;
    const bins = operationHistogram(
      matched,
      operations,
      request.histogramOf,
      request.binCount ?? DEFAULT_BIN_COUNT,
    );
    return bins ? { ...result, histogram: { operation: request.histogramOf, bins } } : result;
  }

  getSummary(traceId: string): TraceSummary | undefined {
    return this.traces.get(traceId)?.summary;
  }

  // ---- one trace, read from the database

  getTrace(traceId: string): TraceDetail | undefined {
    const facts = this.traces.get(traceId);
    if (!facts) return undefined;
    const tables = this.traceTables(facts);
    const spans: AppSpan[] = [];
    for (const row of this.backend.chunks(facts.key)) {
      const columns = parseColumns(row);
      const details = decodeChunkDetails(row.details);
      for (let i = 0; i < row.spanCount; i++) {
        spans.push({
          ...spanFrom(traceId, columns, i, details[i]!),
          resourceIndex: tables.resourceIndex.get(columns.r[i]!) ?? -1,
          scopeIndex: tables.scopeIndex.get(columns.o[i]!) ?? -1,
        });
      }
    }
    return { traceId, resources: tables.resources, scopes: tables.scopes, spans };
  }

  getOutline(traceId: string): TraceOutline | undefined {
    const read = this.outlineColumns(traceId);
    return read && new GrowingOutline(traceId).append(read.columns).outline();
  }

  outlineColumns(
    traceId: string,
    skipChunks = 0,
    maxChunks?: number,
  ): OutlineColumnsRead | undefined {
    const facts = this.traces.get(traceId);
    if (!facts) return undefined;
    const rows = this.backend.chunkColumns(facts.key, skipChunks, maxChunks);
    return {
      chunks: skipChunks + rows.length,
      columns: this.outlineColumnsFrom(traceId, facts, rows.map(parseColumns)),
    };
  }

  /** The outline's columns of these chunks of the trace, in order. */
  private outlineColumnsFrom(
    traceId: string,
    facts: TraceFacts,
    chunks: readonly ChunkColumns[],
  ): OutlineColumns {
    const tables = this.traceTables(facts);
    const spanIds: string[] = [];
    const parentIds: (string | null)[] = [];
    const names: string[] = [];
    const kinds: number[] = [];
    const starts: string[] = [];
    const ends: string[] = [];
    const statusCodes: number[] = [];
    const statusMessages: Record<number, string> = {};
    const linkCounts: Record<number, number> = {};
    const statementShapes: Record<number, string> = {};
    const serviceIndex: number[] = [];
    const eventCounts: number[] = [];
    const eventTimes: string[] = [];
    const eventNames: string[] = [];
    const append = <T>(into: T[], from: readonly T[]) => {
      for (const value of from) into.push(value);
    };
    for (const c of chunks) {
      const offset = spanIds.length;
      append(spanIds, c.i);
      append(parentIds, c.p);
      append(names, c.n);
      append(kinds, c.k);
      append(starts, c.s);
      append(ends, c.e);
      append(statusCodes, c.c);
      for (const [index, message] of Object.entries(c.m))
        statusMessages[offset + Number(index)] = message;
      for (const [index, count] of Object.entries(c.l)) linkCounts[offset + Number(index)] = count;
      for (const [index, shape] of Object.entries(c.q))
        statementShapes[offset + Number(index)] = shape;
      for (const id of c.r) serviceIndex.push(tables.resourceIndex.get(id) ?? -1);
      append(eventCounts, c.ec);
      append(eventTimes, c.et);
      append(eventNames, c.en);
    }
    return {
      traceId,
      spanIds,
      parentIds,
      names,
      kinds,
      starts,
      ends,
      statusCodes,
      statusMessages,
      linkCounts,
      statementShapes,
      services: tables.resourceIds.map((id) => this.dictionaries.serviceOf(id)),
      serviceIndex,
      eventCounts,
      eventTimes,
      eventNames,
    };
  }

  getSpan(traceId: string, spanId: string): SpanDetail | undefined {
    const facts = this.traces.get(traceId);
    if (!facts) return undefined;
    // Only the chunk whose columns name the span is parsed, and only its details are read.
    const needle = JSON.stringify(spanId);
    for (const row of this.backend.chunkColumns(facts.key)) {
      if (!row.columns.includes(needle)) continue;
      const columns = parseColumns(row);
      const index = columns.i.indexOf(spanId);
      if (index < 0) continue;
      const stored = this.backend.chunkDetails(row.key);
      if (stored === undefined) return undefined;
      const details = decodeChunkDetails(stored)[index]!;
      const tables = this.traceTables(facts);
      const resourceId = columns.r[index]!;
      const scopeId = columns.o[index]!;
      return {
        span: {
          ...spanFrom(traceId, columns, index, details),
          resourceIndex: tables.resourceIndex.get(resourceId) ?? -1,
          scopeIndex: tables.scopeIndex.get(scopeId) ?? -1,
        },
        resource: this.dictionaries.resource(resourceId) ?? null,
        scope: this.dictionaries.scope(scopeId) ?? null,
      };
    }
    return undefined;
  }

  findSpans(traceId: string, query: string): string[] | undefined {
    const trace = this.getTrace(traceId);
    return trace && findSpans(trace, query);
  }

  findableSpans(traceId: string, fromSpan = 0): Iterable<FindableSpan> | undefined {
    const facts = this.traces.get(traceId);
    if (!facts) return undefined;
    return this.findableSpansOf(facts, fromSpan);
  }

  private *findableSpansOf(facts: TraceFacts, fromSpan: number): Generator<FindableSpan> {
    // As getTrace's spans, in its order; chunks before `fromSpan` are counted, not read.
    const services = new Map<number, string>();
    const serviceOf = (resourceId: number) => {
      let service = services.get(resourceId);
      if (service === undefined) {
        service = serviceNameOf(this.dictionaries.resource(resourceId) ?? { attributes: [] });
        services.set(resourceId, service);
      }
      return service;
    };
    let first = 0;
    for (const { key, spanCount } of this.backend.chunkSpanCounts(facts.key)) {
      const end = first + spanCount;
      if (end > fromSpan) {
        const row = this.backend.chunk(key);
        if (!row) return;
        const columns = parseColumns(row);
        const details = decodeChunkDetails(row.details);
        for (let i = Math.max(0, fromSpan - first); i < spanCount; i++) {
          const span = details[i]!;
          yield {
            spanId: columns.i[i]!,
            name: columns.n[i]!,
            service: serviceOf(columns.r[i]!),
            attributes: span.attributes,
            eventNames: span.events ? span.events.map((event) => event.name) : [],
          };
        }
      }
      first = end;
    }
  }

  getEventAttributes(
    traceId: string,
    limitKiB: number = DEFAULT_ATTRIBUTE_VALUE_LIMIT_KIB,
  ): string[] | undefined {
    const facts = this.traces.get(traceId);
    if (!facts) return undefined;
    // As traceEventAttributes(getTrace(…), limitKiB), without building the spans.
    const texts: string[] = [];
    for (const row of this.backend.chunks(facts.key))
      for (const details of decodeChunkDetails(row.details))
        if (details.events)
          for (const event of details.events)
            texts.push(attributesText(event.attributes, limitKiB));
    return texts;
  }

  backlinksOf(traceId: string, spanId: string): BacklinksResult {
    const { services, spanNames } = this.dictionaries.operations;
    const backlinks = this.backend
      .linksTo(traceId, spanId, MAX_BACKLINKS)
      .map((link): Backlink => ({
        traceId: link.traceId,
        spanId: link.spanId,
        spanName: spanNames[link.operation] ?? '',
        serviceName: services[link.operation] ?? 'unknown_service',
        attributes: link.attributes ? decodeStoredJson<OtlpKeyValue[]>(link.attributes) : [],
      }));
    const total =
      backlinks.length < MAX_BACKLINKS
        ? backlinks.length
        : this.backend.linkCountTo(traceId, spanId);
    return { backlinks, total };
  }

  backlinkedSpansOf(traceId: string): TraceBacklinks {
    const rows = this.backend.linkCountsInto(traceId);
    return { spanIds: rows.map((row) => row.spanId), counts: rows.map((row) => row.count) };
  }

  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The trace's resource and scope tables, in the order the trace first used them. */
  private traceTables(facts: TraceFacts) {
    const resources: OtlpResource[] = [];
    const scopes: OtlpScope[] = [];
    const resourceIndex = new Map<number, number>();
    const scopeIndex = new Map<number, number>();
    for (const id of facts.resourceIds) {
      resourceIndex.set(id, resources.length);
      resources.push(this.dictionaries.resource(id) ?? { attributes: [] });
    }
    for (const id of facts.scopeIds) {
      scopeIndex.set(id, scopes.length);
      scopes.push(this.dictionaries.scope(id) ?? { name: '' });
    }
    return { resources, scopes, resourceIndex, scopeIndex, resourceIds: facts.resourceIds };
  }
}

/** Unix nanoseconds in decimal: 1 to 20 digits. */
function isUnixNanos(text: string): boolean {
  if (typeof text !== 'string' || text.length === 0 || text.length > 20) return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 /* 0 */ || code > 57 /* 9 */) return false;
  }
  return true;
}

/** Why the store cannot keep this span, or undefined when it can (the readers check more). */
function invalidSpanReason(item: IncomingSpan): string | undefined {
  const span = item?.span;
  if (!span || typeof span.traceId !== 'string' || span.traceId === '')
    return 'a span needs a trace id';
  if (typeof span.spanId !== 'string' || span.spanId === '') return 'a span needs a span id';
  if (typeof span.name !== 'string') return 'the span name must be text';
  if (!isUnixNanos(span.startTimeUnixNano) || !isUnixNanos(span.endTimeUnixNano))
    return 'start and end must be unix nanoseconds in decimal';
  if (!item.resource || !item.scope) return 'a span needs its resource and scope';
  return undefined;
}

/** Clears what a write counted, so it can be written again from the start. */
function restart(write: PendingWrite): void {
  if (write.kind === 'add') {
    write.result.storedSpans = 0;
    write.result.duplicateSpans = 0;
    write.result.rejectedSpans.length = 0;
  } else if (write.kind === 'delete') write.deleted = 0;
  else if (write.kind === 'pin') write.found = false;
}

function spansOf(traceIds: Iterable<string>, traces: ReadonlyMap<string, TraceFacts>): number {
  let spans = 0;
  for (const traceId of traceIds) spans += traces.get(traceId)?.spanCount ?? 0;
  return spans;
}

function linkRow(span: OtlpSpan, operation: number, link: OtlpLink): Omit<NewSpanLink, 'traceKey'> {
  return {
    spanId: span.spanId,
    operation,
    targetTraceId: String(link.traceId),
    targetSpanId: String(link.spanId),
    // Within the span's details, which were written: not too deep to write again.
    attributes: link.attributes?.length ? encodeStoredJson(link.attributes) : null,
  };
}

function parseColumns(row: ChunkColumnsRow): ChunkColumns {
  return JSON.parse(row.columns) as ChunkColumns;
}

/**
 * The details of the trace's new spans, one per chunk of MAX_CHUNK_SPANS: the spans' own protobuf
 * messages when all of the chunk's spans came with theirs, else JSON text (chunk-details.ts). A
 * span whose details cannot be written as JSON (a value nested deeper than JSON.stringify's stack
 * allows) is refused alone, taken out of trace.spans, and counted so for the addSpans call it came
 * with.
 */
function encodeDetails(trace: TouchedTrace): { details: StoredChunkDetails; count: number }[] {
  const texts: { details: StoredChunkDetails; count: number }[] = [];
  const keptSpans: IncomingSpan[] = [];
  const keptWrites: AddWrite[] = [];
  let refused = false;
  for (let start = 0; start < trace.spans.length; start += MAX_CHUNK_SPANS) {
    const end = Math.min(trace.spans.length, start + MAX_CHUNK_SPANS);
    const messages = spanMessagesBlob(trace.spans, start, end);
    if (messages) {
      texts.push({ details: messages, count: end - start });
      if (refused)
        for (let i = start; i < end; i++) {
          keptSpans.push(trace.spans[i]!);
          keptWrites.push(trace.writes[i]!);
        }
      continue;
    }
    const details: SpanDetails[] = [];
    for (let i = start; i < end; i++) details.push(detailsOf(trace.spans[i]!.span));
    try {
      texts.push({ details: encodeStoredJson(details), count: details.length });
      if (refused)
        for (let i = start; i < end; i++) {
          keptSpans.push(trace.spans[i]!);
          keptWrites.push(trace.writes[i]!);
        }
      continue;
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
    }
    if (!refused) {
      keptSpans.push(...trace.spans.slice(0, start));
      keptWrites.push(...trace.writes.slice(0, start));
      refused = true;
    }
    const kept: SpanDetails[] = [];
    for (let i = start; i < end; i++) {
      const write = trace.writes[i]!;
      try {
        encodeStoredJson(details[i - start]);
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
        const { spanId } = trace.spans[i]!.span;
        trace.ids.delete(spanId);
        write.result.storedSpans -= 1;
        write.result.rejectedSpans.push({
          traceId: trace.facts.traceId,
          spanId,
          reason: 'a value is nested too deeply to store',
        });
        continue;
      }
      kept.push(details[i - start]!);
      keptSpans.push(trace.spans[i]!);
      keptWrites.push(write);
    }
    if (kept.length > 0) texts.push({ details: encodeStoredJson(kept), count: kept.length });
  }
  if (refused) {
    trace.spans = keptSpans;
    trace.writes = keptWrites;
  }
  return texts;
}

/** The spans a write added to a trace as Find in trace looks at them, as findableSpans reads them. */
function addedFindableSpans(update: TraceUpdate): FindableSpan[] {
  return update.touched.spans.map(({ span }, i) => ({
    spanId: span.spanId,
    name: span.name,
    service: update.services[i]!,
    attributes: span.attributes,
    eventNames: span.events ? span.events.map((event) => event.name) : [],
  }));
}
