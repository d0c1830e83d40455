// The store's rows in plain maps: used only where node:sqlite is missing (a Node.js older than
// 22.13 without --experimental-sqlite), so that Spanlight still runs, in memory, and says so.
// It keeps rows by key and nothing else: every query is answered by DatabaseTraceStore, the same
// code that answers them over SQLite, so there is no second query engine to keep in step.
// A transaction keeps an undo list, so a failed write leaves nothing behind, as SQLite's would.
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
} from './storage-backend';

interface StoredChunk extends NewChunk {
  readonly key: number;
}

/** What a row is taken to cost besides its text: about what SQLite's record and index need. */
const ROW_BYTES = 64;

const chunkBytes = (chunk: NewChunk): number =>
  ROW_BYTES +
  chunk.columns.length +
  chunk.details.length +
  chunk.facts.byteLength +
  chunk.newOperations.byteLength +
  chunk.newPairs.byteLength +
  chunk.newResources.byteLength +
  chunk.newScopes.byteLength;

const linkBytes = (link: NewSpanLink): number =>
  ROW_BYTES +
  link.spanId.length +
  link.targetTraceId.length +
  link.targetSpanId.length +
  (link.attributes?.length ?? 0);

const TRACE_ROW_BYTES = 256;

class Dictionary {
  private readonly ids = new Map<string, number>();
  readonly rows = new Map<number, string>();
  private nextId = 1;

  constructor(private readonly count: (bytes: number) => void) {}

  insert(text: string, undo: (step: () => void) => void): number {
    if (this.ids.has(text)) throw new Error(`UNIQUE constraint failed: ${text}`);
    const id = this.nextId++;
    this.ids.set(text, id);
    this.rows.set(id, text);
    this.count(ROW_BYTES + text.length);
    undo(() => {
      this.count(-(ROW_BYTES + text.length));
      this.ids.delete(text);
      this.rows.delete(id);
    });
    return id;
  }
}

export class MemoryBackend implements StorageBackend {
  readonly location = ':memory:';
  readonly durable = false;
  /** An estimate of what the rows take, as SQLite would store them (text lengths plus a row cost). */
  private bytes = 0;
  private readonly count = (bytes: number): void => {
    this.bytes += bytes;
  };
  private readonly resourceRows = new Dictionary(this.count);
  private readonly scopeRows = new Dictionary(this.count);
  private readonly operationRows = new Dictionary(this.count);
  private readonly pinnedKeys = new Set<number>();
  private readonly traceRows = new Map<number, TraceRow>();
  private readonly traceKeys = new Map<string, number>();
  private readonly chunkRows = new Map<number, StoredChunk>();
  private readonly chunksByTrace = new Map<number, number[]>();
  /** Links by key (Map order is the order they were stored), and their keys by target and by trace. */
  private readonly linkRows = new Map<number, NewSpanLink>();
  private readonly linksByTarget = new Map<string, number[]>();
  private readonly linksByTrace = new Map<number, number[]>();
  private nextLinkKey = 1;
  private dropped = 0;
  private nextTraceKey = 1;
  private nextChunkKey = 1;
  private undoLog: (() => void)[] | undefined;

  synced(): Promise<void> {
    return Promise.resolve();
  }

  transaction(work: () => void): void {
    if (this.undoLog) throw new Error('transactions do not nest');
    this.undoLog = [];
    try {
      work();
    } catch (error) {
      for (const step of this.undoLog.reverse()) step();
      throw error;
    } finally {
      this.undoLog = undefined;
    }
  }

  private readonly undo = (step: () => void): void => {
    if (!this.undoLog) throw new Error('a write outside a transaction');
    this.undoLog.push(step);
  };

  usedBytes(): number {
    return this.bytes;
  }

  fileBytes(): number {
    return this.bytes;
  }

  droppedTraces(): number {
    return this.dropped;
  }

  resources(): Iterable<DictionaryRow> {
    return dictionaryRows(this.resourceRows);
  }

  scopes(): Iterable<DictionaryRow> {
    return dictionaryRows(this.scopeRows);
  }

  *operations(): Iterable<OperationRow> {
    for (const { id, text } of dictionaryRows(this.operationRows)) {
      const [service, spanName] = JSON.parse(text) as [string, string];
      yield { id, service, spanName };
    }
  }

  *traces(): Iterable<StoredTraceRow> {
    for (const [key, row] of this.traceRows)
      yield { ...row, key, pinned: this.pinnedKeys.has(key) };
  }

  *chunkFacts(): Iterable<ChunkFactsRow> {
    for (const chunk of this.chunkRows.values()) yield chunk;
  }

  chunkColumns(traceKey: number, skipChunks = 0, maxChunks = -1): ChunkColumnsRow[] {
    const rows = this.chunks(traceKey);
    if (skipChunks <= 0 && maxChunks < 0) return rows;
    return rows.slice(skipChunks, maxChunks < 0 ? undefined : skipChunks + maxChunks);
  }

  chunks(traceKey: number): ChunkRow[] {
    return (this.chunksByTrace.get(traceKey) ?? []).map((key) => {
      const chunk = this.chunkRows.get(key)!;
      return { key, spanCount: chunk.spanCount, columns: chunk.columns, details: chunk.details };
    });
  }

  chunkDetails(chunkKey: number): StoredChunkDetails | undefined {
    return this.chunkRows.get(chunkKey)?.details;
  }

  chunkSpanCounts(traceKey: number): { key: number; spanCount: number }[] {
    return (this.chunksByTrace.get(traceKey) ?? []).map((key) => ({
      key,
      spanCount: this.chunkRows.get(key)!.spanCount,
    }));
  }

  chunk(chunkKey: number): ChunkRow | undefined {
    const chunk = this.chunkRows.get(chunkKey);
    return (
      chunk && {
        key: chunkKey,
        spanCount: chunk.spanCount,
        columns: chunk.columns,
        details: chunk.details,
      }
    );
  }

  linksTo(traceId: string, spanId: string, limit: number): SpanLinkRow[] {
    const keys = this.linksByTarget.get(targetKey(traceId, spanId)) ?? [];
    return [...keys]
      .sort((a, b) => a - b)
      .slice(0, limit)
      .map((key) => {
        const link = this.linkRows.get(key)!;
        return {
          traceId: this.traceRows.get(link.traceKey)!.traceId,
          spanId: link.spanId,
          operation: link.operation,
          attributes: link.attributes,
        };
      });
  }

  linkCountTo(traceId: string, spanId: string): number {
    return this.linksByTarget.get(targetKey(traceId, spanId))?.length ?? 0;
  }

  linkCountsInto(traceId: string): LinkCountRow[] {
    const counts = new Map<string, { first: number; count: number }>();
    for (const [key, link] of this.linkRows) {
      if (link.targetTraceId !== traceId) continue;
      const entry = counts.get(link.targetSpanId);
      if (entry) {
        entry.count += 1;
        entry.first = Math.min(entry.first, key);
      } else counts.set(link.targetSpanId, { first: key, count: 1 });
    }
    return [...counts]
      .sort(([, a], [, b]) => a.first - b.first)
      .map(([spanId, { count }]) => ({ spanId, count }));
  }

  insertResource(body: string): number {
    return this.resourceRows.insert(body, this.undo);
  }

  insertScope(body: string): number {
    return this.scopeRows.insert(body, this.undo);
  }

  insertOperation(service: string, spanName: string): number {
    return this.operationRows.insert(JSON.stringify([service, spanName]), this.undo);
  }

  insertTrace(row: TraceRow): number {
    if (this.traceKeys.has(row.traceId))
      throw new Error(`UNIQUE constraint failed: traces.trace_id ${row.traceId}`);
    const key = this.nextTraceKey++;
    this.traceRows.set(key, row);
    this.traceKeys.set(row.traceId, key);
    this.chunksByTrace.set(key, []);
    this.bytes += TRACE_ROW_BYTES;
    this.undo(() => {
      this.bytes -= TRACE_ROW_BYTES;
      this.traceRows.delete(key);
      this.traceKeys.delete(row.traceId);
      this.chunksByTrace.delete(key);
    });
    return key;
  }

  updateTrace(key: number, row: TraceRow): void {
    const before = this.traceRows.get(key);
    if (!before) return;
    this.traceRows.set(key, row);
    this.undo(() => this.traceRows.set(key, before));
  }

  insertChunk(chunk: NewChunk): number {
    const list = this.chunksByTrace.get(chunk.traceKey);
    if (!list) throw new Error(`no trace ${chunk.traceKey} for a chunk`);
    const key = this.nextChunkKey++;
    this.chunkRows.set(key, { ...chunk, key });
    list.push(key);
    const bytes = chunkBytes(chunk);
    this.bytes += bytes;
    this.undo(() => {
      this.bytes -= bytes;
      this.chunkRows.delete(key);
      list.pop();
    });
    return key;
  }

  insertSpanLink(link: NewSpanLink): void {
    const key = this.nextLinkKey++;
    const target = targetKey(link.targetTraceId, link.targetSpanId);
    this.linkRows.set(key, link);
    listIn(this.linksByTarget, target).push(key);
    listIn(this.linksByTrace, link.traceKey).push(key);
    const bytes = linkBytes(link);
    this.bytes += bytes;
    this.undo(() => {
      this.bytes -= bytes;
      this.linkRows.delete(key);
      removeFrom(this.linksByTarget, target, key);
      removeFrom(this.linksByTrace, link.traceKey, key);
    });
  }

  private deleteLinksOf(traceKey: number): void {
    const keys = this.linksByTrace.get(traceKey);
    if (!keys) return;
    this.linksByTrace.delete(traceKey);
    const links = keys.map((key) => [key, this.linkRows.get(key)!] as const);
    let bytes = 0;
    for (const [key, link] of links) {
      bytes += linkBytes(link);
      this.linkRows.delete(key);
      removeFrom(this.linksByTarget, targetKey(link.targetTraceId, link.targetSpanId), key);
    }
    this.bytes -= bytes;
    this.undo(() => {
      this.bytes += bytes;
      this.linksByTrace.set(traceKey, keys);
      for (const [key, link] of links) {
        this.linkRows.set(key, link);
        listIn(this.linksByTarget, targetKey(link.targetTraceId, link.targetSpanId)).push(key);
      }
    });
  }

  deleteTrace(key: number): void {
    const row = this.traceRows.get(key);
    const list = this.chunksByTrace.get(key);
    if (!row || !list) return;
    this.deleteLinksOf(key);
    const chunks = list.map((chunkKey) => this.chunkRows.get(chunkKey)!);
    for (const chunk of chunks) this.chunkRows.delete(chunk.key);
    this.traceRows.delete(key);
    this.traceKeys.delete(row.traceId);
    this.chunksByTrace.delete(key);
    const pinned = this.pinnedKeys.delete(key);
    const bytes = TRACE_ROW_BYTES + chunks.reduce((sum, chunk) => sum + chunkBytes(chunk), 0);
    this.bytes -= bytes;
    this.undo(() => {
      this.bytes += bytes;
      if (pinned) this.pinnedKeys.add(key);
      this.traceRows.set(key, row);
      this.traceKeys.set(row.traceId, key);
      this.chunksByTrace.set(key, list);
      for (const chunk of chunks) this.chunkRows.set(chunk.key, chunk);
    });
  }

  setDroppedTraces(count: number): void {
    const before = this.dropped;
    this.dropped = count;
    this.undo(() => (this.dropped = before));
  }

  setPinned(key: number, pinned: boolean): void {
    if (!this.traceRows.has(key) || this.pinnedKeys.has(key) === pinned) return;
    if (pinned) this.pinnedKeys.add(key);
    else this.pinnedKeys.delete(key);
    this.undo(() => {
      if (pinned) this.pinnedKeys.delete(key);
      else this.pinnedKeys.add(key);
    });
  }

  close(): void {}
}

const targetKey = (traceId: string, spanId: string) => `${traceId}/${spanId}`;

function listIn<K>(map: Map<K, number[]>, key: K): number[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}

function removeFrom<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (!list) return;
  const at = list.indexOf(value);
  if (at >= 0) list.splice(at, 1);
  if (list.length === 0) map.delete(key);
}

function* dictionaryRows(dictionary: Dictionary): Iterable<DictionaryRow> {
  for (const [id, text] of dictionary.rows) yield { id, text };
}
