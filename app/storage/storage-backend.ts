// Where DatabaseTraceStore keeps its rows: SQLite (sqlite/sqlite-backend.ts; a database file, or
// SQLite's in-memory database) or, only where node:sqlite is missing, plain maps
// (memory-backend.ts). A backend only keeps and returns rows by key; every query (filters, the
// latency table, outlines, details, find) is answered once, by DatabaseTraceStore.

/** One trace's summary as stored; times are unix nanoseconds as decimal strings. */
export interface TraceRow {
  readonly traceId: string;
  readonly spanCount: number;
  readonly errorCount: number;
  readonly startNs: string;
  readonly endNs: string;
  /** The root span (the earliest without a parent); null while none has arrived. */
  readonly rootStartNs: string | null;
  readonly rootName: string;
  readonly rootService: string;
  /** The earliest span, whose name the summary shows while there is no root. */
  readonly earliestStartNs: string;
  readonly earliestName: string;
  readonly earliestService: string;
  /** When the trace last received spans (unix milliseconds). */
  readonly receivedAtMs: number;
}

export interface StoredTraceRow extends TraceRow {
  /** The trace's key: traces with smaller keys arrived first. */
  readonly key: number;
  /** Pinned traces are never evicted by retention. */
  readonly pinned: boolean;
}

/** A chunk's details: JSON text, or the spans' OTLP protobuf Span messages (chunk-details.ts). */
export type StoredChunkDetails = string | Uint8Array;

export interface NewChunk {
  readonly traceKey: number;
  readonly spanCount: number;
  /** See ChunkFacts. */
  readonly facts: Uint8Array;
  /** Operation ids (int32) and attribute-pair ids (float64, little-endian: pairIdBytes in
   * span-chunk.ts) the trace had not had before this chunk. */
  readonly newOperations: Uint8Array;
  readonly newPairs: Uint8Array;
  /** Resource and scope ids (int32) the trace first used in this chunk, in that order. */
  readonly newResources: Uint8Array;
  readonly newScopes: Uint8Array;
  /** ChunkColumns as JSON, and the spans' details. */
  readonly columns: string;
  readonly details: StoredChunkDetails;
}

export interface ChunkFactsRow {
  readonly traceKey: number;
  readonly spanCount: number;
  readonly facts: Uint8Array;
  /** As in NewChunk; null where there are none. */
  readonly newOperations: Uint8Array | null;
  readonly newPairs: Uint8Array | null;
  readonly newResources: Uint8Array | null;
  readonly newScopes: Uint8Array | null;
}

export interface ChunkColumnsRow {
  readonly key: number;
  readonly spanCount: number;
  readonly columns: string;
}

export interface ChunkRow extends ChunkColumnsRow {
  readonly details: StoredChunkDetails;
}

/** A link of a stored span, kept by the span it points at (which need not be stored). */
export interface NewSpanLink {
  /** The trace of the span that has the link, and that span. */
  readonly traceKey: number;
  readonly spanId: string;
  /** The span's operation (service, span name). */
  readonly operation: number;
  readonly targetTraceId: string;
  readonly targetSpanId: string;
  /** The link's own attributes, as stored JSON; null for none. */
  readonly attributes: string | null;
}

export interface SpanLinkRow {
  /** The trace id and span id of the span that has the link. */
  readonly traceId: string;
  readonly spanId: string;
  readonly operation: number;
  readonly attributes: string | null;
}

export interface LinkCountRow {
  readonly spanId: string;
  readonly count: number;
}

export interface DictionaryRow {
  readonly id: number;
  readonly text: string;
}

export interface OperationRow {
  readonly id: number;
  readonly service: string;
  readonly spanName: string;
}

export interface StorageBackend {
  /** The database file, or ':memory:'. */
  readonly location: string;
  readonly durable: boolean;

  /** Runs `work` as one transaction: all of it is kept or none of it. */
  transaction(work: () => void): void;
  /**
   * Resolves once every transaction committed so far survives a crash or a power cut (at once
   * where nothing is durable); the store answers writes only then.
   */
  synced(): Promise<void>;

  /** Bytes the stored rows take (pages in use; inside a transaction, as it stands). */
  usedBytes(): number;
  /** Bytes the database takes on disk (the file and its write-ahead log); usedBytes() in memory. */
  fileBytes(): number;

  // Start-up: everything the store keeps in memory.
  droppedTraces(): number;
  resources(): Iterable<DictionaryRow>;
  scopes(): Iterable<DictionaryRow>;
  operations(): Iterable<OperationRow>;
  /** Every trace, by key. */
  traces(): Iterable<StoredTraceRow>;
  /** Every chunk's facts, oldest chunk first. */
  chunkFacts(): Iterable<ChunkFactsRow>;

  // Reads of one trace.
  /** The trace's chunks' columns, oldest first, after the first `skipChunks` (at most `maxChunks`). */
  chunkColumns(traceKey: number, skipChunks?: number, maxChunks?: number): ChunkColumnsRow[];
  chunks(traceKey: number): ChunkRow[];
  chunkDetails(chunkKey: number): StoredChunkDetails | undefined;
  /** The trace's chunks' keys and span counts, oldest first (no columns or details read). */
  chunkSpanCounts(traceKey: number): { readonly key: number; readonly spanCount: number }[];
  /** One chunk's columns and details. */
  chunk(chunkKey: number): ChunkRow | undefined;
  /** The links pointing at a span, oldest first, at most `limit`; and how many there are. */
  linksTo(traceId: string, spanId: string, limit: number): SpanLinkRow[];
  linkCountTo(traceId: string, spanId: string): number;
  /** The spans of a trace that stored links point at, with how many each, by first link stored. */
  linkCountsInto(traceId: string): LinkCountRow[];

  // Writes: only inside transaction().
  insertResource(body: string): number;
  insertScope(body: string): number;
  insertOperation(service: string, spanName: string): number;
  insertTrace(row: TraceRow): number;
  updateTrace(key: number, row: TraceRow): void;
  insertChunk(chunk: NewChunk): number;
  insertSpanLink(link: NewSpanLink): void;
  /** Deletes the trace, its chunks and its spans' links. */
  deleteTrace(key: number): void;
  setDroppedTraces(count: number): void;
  setPinned(key: number, pinned: boolean): void;

  close(): void;
}
