// Where the store keeps writing once the disk is full (SQLITE_FULL on a commit): new rows go to
// SQLite's in-memory database, the rows already in the file stay there and are still read. Keys
// and ids of the in-memory rows start above the file's (a placeholder row at the file's largest
// id in each table makes SQLite continue from there), so one key still names one row. Nothing is
// written to the file any more: rows of the file that are deleted (evicted, or by the user) are
// only forgotten, and come back after a restart, as do pins set now.
import type {
  ChunkColumnsRow,
  ChunkFactsRow,
  ChunkRow,
  DictionaryRow,
  LinkCountRow,
  NewChunk,
  NewSpanLink,
  OperationRow,
  SpanLinkRow,
  StorageBackend,
  StoredChunkDetails,
  StoredTraceRow,
  TraceRow,
} from '../storage-backend';
import { SqliteBackend } from './sqlite-backend';

/** SQLite's result code for a full database or disk (SQLITE_FULL). */
const SQLITE_FULL = 13;

/** True for the error SQLite gives when the disk (or max_page_count) leaves no room to write. */
export function isDiskFullError(error: unknown): boolean {
  const { errcode, message } = (error ?? {}) as { errcode?: unknown; message?: unknown };
  if (typeof errcode === 'number' && (errcode & 0xff) === SQLITE_FULL) return true;
  return typeof message === 'string' && /database or disk is full|ENOSPC/i.test(message);
}

export class SpillBackend implements StorageBackend {
  readonly durable = false;
  private readonly memory: SqliteBackend;
  private readonly lastFileTraceKey: number;
  private readonly lastFileChunkKey: number;
  /** Traces of the file deleted since the disk filled up, by key and by id, and their bytes. */
  private readonly forgottenKeys = new Set<number>();
  private readonly forgottenIds = new Set<string>();
  private forgottenBytes = 0;

  constructor(private readonly file: SqliteBackend) {
    const last = file.lastKeys();
    this.lastFileTraceKey = last.traces;
    this.lastFileChunkKey = last.chunks;
    this.memory = new SqliteBackend(':memory:');
    this.memory.transaction(() => this.memory.placeKeysAfter(last));
  }

  get location(): string {
    return this.file.location;
  }

  transaction(work: () => void): void {
    this.memory.transaction(work);
  }

  /** Nothing is written to the file any more, and memory is not durable. */
  synced(): Promise<void> {
    return Promise.resolve();
  }

  usedBytes(): number {
    return this.memory.usedBytes() + this.file.usedBytes() - this.forgottenBytes;
  }

  fileBytes(): number {
    return this.file.fileBytes();
  }

  droppedTraces(): number {
    return this.file.droppedTraces() + this.memory.droppedTraces();
  }

  // Start-up reads happen before any spill; they are answered from the file.
  resources(): Iterable<DictionaryRow> {
    return this.file.resources();
  }

  scopes(): Iterable<DictionaryRow> {
    return this.file.scopes();
  }

  operations(): Iterable<OperationRow> {
    return this.file.operations();
  }

  traces(): Iterable<StoredTraceRow> {
    return this.file.traces();
  }

  chunkFacts(): Iterable<ChunkFactsRow> {
    return this.file.chunkFacts();
  }

  chunkColumns(traceKey: number, skipChunks = 0, maxChunks = -1): ChunkColumnsRow[] {
    if (traceKey > this.lastFileTraceKey)
      return this.memory.chunkColumns(traceKey, skipChunks, maxChunks);
    const inFile = this.file.chunkSpanCounts(traceKey).length;
    const fromFile =
      skipChunks < inFile ? this.file.chunkColumns(traceKey, skipChunks, maxChunks) : [];
    const left = maxChunks < 0 ? -1 : maxChunks - fromFile.length;
    if (left === 0) return fromFile;
    return [
      ...fromFile,
      ...this.memory.chunkColumns(traceKey, Math.max(0, skipChunks - inFile), left),
    ];
  }

  chunks(traceKey: number): ChunkRow[] {
    const memory = this.memory.chunks(traceKey);
    if (traceKey > this.lastFileTraceKey) return memory;
    return [...this.file.chunks(traceKey), ...memory];
  }

  chunkSpanCounts(traceKey: number): { readonly key: number; readonly spanCount: number }[] {
    const memory = this.memory.chunkSpanCounts(traceKey);
    if (traceKey > this.lastFileTraceKey) return memory;
    return [...this.file.chunkSpanCounts(traceKey), ...memory];
  }

  chunk(chunkKey: number): ChunkRow | undefined {
    return (chunkKey > this.lastFileChunkKey ? this.memory : this.file).chunk(chunkKey);
  }

  chunkDetails(chunkKey: number): StoredChunkDetails | undefined {
    return (chunkKey > this.lastFileChunkKey ? this.memory : this.file).chunkDetails(chunkKey);
  }

  linksTo(traceId: string, spanId: string, limit: number): SpanLinkRow[] {
    const fromFile = this.file
      .linksTo(traceId, spanId, limit + this.forgottenIds.size)
      .filter((link) => !this.forgottenIds.has(link.traceId));
    return [...fromFile, ...this.memory.linksTo(traceId, spanId, limit)].slice(0, limit);
  }

  linkCountTo(traceId: string, spanId: string): number {
    // Links of forgotten file traces are still counted here (the list of them is not).
    return this.file.linkCountTo(traceId, spanId) + this.memory.linkCountTo(traceId, spanId);
  }

  linkCountsInto(traceId: string): LinkCountRow[] {
    const counts = new Map<string, number>();
    for (const row of [
      ...this.file.linkCountsInto(traceId),
      ...this.memory.linkCountsInto(traceId),
    ])
      counts.set(row.spanId, (counts.get(row.spanId) ?? 0) + row.count);
    return [...counts].map(([spanId, count]) => ({ spanId, count }));
  }

  insertResource(body: string): number {
    return this.memory.insertResource(body);
  }

  insertScope(body: string): number {
    return this.memory.insertScope(body);
  }

  insertOperation(service: string, spanName: string): number {
    return this.memory.insertOperation(service, spanName);
  }

  insertTrace(row: TraceRow): number {
    return this.memory.insertTrace(row);
  }

  updateTrace(key: number, row: TraceRow): void {
    // A trace of the file keeps its row there as it was; the store holds the new one in memory.
    if (key > this.lastFileTraceKey) this.memory.updateTrace(key, row);
  }

  insertChunk(chunk: NewChunk): number {
    return this.memory.insertChunk(chunk);
  }

  insertSpanLink(link: NewSpanLink): void {
    this.memory.insertSpanLink(link);
  }

  deleteTrace(key: number): void {
    this.memory.deleteTrace(key);
    // Forgetting is not undone should the transaction fail: the size then reads a little low.
    if (key <= this.lastFileTraceKey && !this.forgottenKeys.has(key)) {
      const forgotten = this.file.traceIdAndBytes(key);
      if (!forgotten) return;
      this.forgottenKeys.add(key);
      this.forgottenIds.add(forgotten.traceId);
      this.forgottenBytes += forgotten.bytes;
    }
  }

  setDroppedTraces(count: number): void {
    this.memory.setDroppedTraces(count - this.file.droppedTraces());
  }

  setPinned(key: number, pinned: boolean): void {
    // A pin of a trace in the file holds for this run only (the store keeps it in memory).
    if (key > this.lastFileTraceKey) this.memory.setPinned(key, pinned);
  }

  close(): void {
    this.memory.close();
    this.file.close();
  }
}
