// The store's rows in SQLite (node:sqlite): one database file in WAL mode, or SQLite's in-memory
// database. Every statement is prepared once; each store write is one transaction.
import { statSync } from 'node:fs';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
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
import { openSqlite } from './node-sqlite';
import { migrate } from './schema';
import { WalSync } from './wal-sync';

const TRACE_COLUMNS = `trace_id, span_count, error_count, start_ns, end_ns, root_start_ns,
  root_name, root_service, earliest_start_ns, earliest_name, earliest_service, received_at_ms`;

interface TraceRecord {
  id: number;
  trace_id: string;
  span_count: number;
  error_count: number;
  start_ns: string;
  end_ns: string;
  root_start_ns: string | null;
  root_name: string;
  root_service: string;
  earliest_start_ns: string;
  earliest_name: string;
  earliest_service: string;
  received_at_ms: number;
  pinned: number;
}

function traceValues(row: TraceRow) {
  return [
    row.traceId,
    row.spanCount,
    row.errorCount,
    row.startNs,
    row.endNs,
    row.rootStartNs,
    row.rootName,
    row.rootService,
    row.earliestStartNs,
    row.earliestName,
    row.earliestService,
    row.receivedAtMs,
  ] as const;
}

export interface LastKeys {
  readonly resources: number;
  readonly scopes: number;
  readonly operations: number;
  readonly traces: number;
  readonly chunks: number;
  readonly links: number;
}

function insertedId(result: { lastInsertRowid: number | bigint }): number {
  return Number(result.lastInsertRowid);
}

export class SqliteBackend implements StorageBackend {
  readonly durable: boolean;
  private readonly db: DatabaseSync;
  private readonly statements: ReturnType<typeof prepare>;
  private readonly pageSize: number;
  private marked = false;
  private readonly walSync: WalSync | undefined;

  /**
   * Opens (creating and migrating) the database at `location`, a file or ':memory:'.
   * `maxPageCount` (tests) makes SQLite answer SQLITE_FULL past that many pages, as a full disk does.
   */
  constructor(
    readonly location: string,
    options: { readonly maxPageCount?: number } = {},
  ) {
    this.durable = location !== ':memory:';
    this.walSync = this.durable ? new WalSync(`${location}-wal`) : undefined;
    this.db = openSqlite(location);
    try {
      migrate(this.db, location);
      if (options.maxPageCount !== undefined)
        this.db.exec(`PRAGMA max_page_count = ${Math.floor(options.maxPageCount)}`);
      this.statements = prepare(this.db);
      this.pageSize = (
        this.db.prepare('PRAGMA page_size').get() as { page_size: number }
      ).page_size;
    } catch (error) {
      this.db.close();
      throw error;
    }
  }

  transaction(work: () => void): void {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      work();
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }

  synced(): Promise<void> {
    return this.walSync ? this.walSync.sync() : Promise.resolve();
  }

  usedBytes(): number {
    const pages = (this.statements.pageCount.get() as { page_count: number }).page_count;
    const free = (this.statements.freelistCount.get() as { freelist_count: number }).freelist_count;
    return (pages - free) * this.pageSize;
  }

  fileBytes(): number {
    if (!this.durable) return this.usedBytes();
    let bytes = 0;
    for (const file of [this.location, `${this.location}-wal`]) {
      try {
        bytes += statSync(file).size;
      } catch {
        // No write-ahead log yet (or not any more): nothing to count.
      }
    }
    return bytes;
  }

  droppedTraces(): number {
    const row = this.statements.meta.get('dropped_traces') as { value: number } | undefined;
    return row?.value ?? 0;
  }

  resources(): Iterable<DictionaryRow> {
    return this.statements.resources.iterate() as Iterable<DictionaryRow>;
  }

  scopes(): Iterable<DictionaryRow> {
    return this.statements.scopes.iterate() as Iterable<DictionaryRow>;
  }

  operations(): Iterable<OperationRow> {
    return this.statements.operations.iterate() as Iterable<OperationRow>;
  }

  *traces(): Iterable<StoredTraceRow> {
    for (const record of this.statements.traces.iterate() as Iterable<TraceRecord>) {
      yield {
        key: record.id,
        traceId: record.trace_id,
        spanCount: record.span_count,
        errorCount: record.error_count,
        startNs: record.start_ns,
        endNs: record.end_ns,
        rootStartNs: record.root_start_ns,
        rootName: record.root_name,
        rootService: record.root_service,
        earliestStartNs: record.earliest_start_ns,
        earliestName: record.earliest_name,
        earliestService: record.earliest_service,
        receivedAtMs: record.received_at_ms,
        pinned: record.pinned !== 0,
      };
    }
  }

  chunkFacts(): Iterable<ChunkFactsRow> {
    return this.statements.chunkFacts.iterate() as Iterable<ChunkFactsRow>;
  }

  chunkColumns(traceKey: number, skipChunks = 0, maxChunks = -1): ChunkColumnsRow[] {
    return this.statements.chunkColumns.all(
      traceKey,
      maxChunks,
      skipChunks,
    ) as unknown as ChunkColumnsRow[];
  }

  chunks(traceKey: number): ChunkRow[] {
    return this.statements.chunks.all(traceKey) as unknown as ChunkRow[];
  }

  chunkDetails(chunkKey: number): StoredChunkDetails | undefined {
    const row = this.statements.chunkDetails.get(chunkKey) as
      { details: StoredChunkDetails } | undefined;
    return row?.details;
  }

  chunkSpanCounts(traceKey: number): { key: number; spanCount: number }[] {
    return this.statements.chunkSpanCounts.all(traceKey) as unknown as {
      key: number;
      spanCount: number;
    }[];
  }

  chunk(chunkKey: number): ChunkRow | undefined {
    return this.statements.chunk.get(chunkKey) as unknown as ChunkRow | undefined;
  }

  linksTo(traceId: string, spanId: string, limit: number): SpanLinkRow[] {
    return this.statements.linksTo.all(traceId, spanId, limit) as unknown as SpanLinkRow[];
  }

  linkCountTo(traceId: string, spanId: string): number {
    return (this.statements.linkCountTo.get(traceId, spanId) as { count: number }).count;
  }

  linkCountsInto(traceId: string): LinkCountRow[] {
    return this.statements.linkCountsInto.all(traceId) as unknown as LinkCountRow[];
  }

  insertResource(body: string): number {
    return insertedId(this.statements.insertResource.run(body));
  }

  insertScope(body: string): number {
    return insertedId(this.statements.insertScope.run(body));
  }

  insertOperation(service: string, spanName: string): number {
    return insertedId(this.statements.insertOperation.run(service, spanName));
  }

  insertTrace(row: TraceRow): number {
    return insertedId(this.statements.insertTrace.run(...traceValues(row)));
  }

  updateTrace(key: number, row: TraceRow): void {
    this.statements.updateTrace.run(...traceValues(row), key);
  }

  insertChunk(chunk: NewChunk): number {
    return insertedId(
      this.statements.insertChunk.run(
        chunk.traceKey,
        chunk.spanCount,
        chunk.facts,
        chunk.newOperations,
        chunk.newPairs,
        chunk.newResources,
        chunk.newScopes,
        chunk.columns,
        chunk.details,
      ),
    );
  }

  insertSpanLink(link: NewSpanLink): void {
    this.statements.insertSpanLink.run(
      link.traceKey,
      link.spanId,
      link.operation,
      link.targetTraceId,
      link.targetSpanId,
      link.attributes,
    );
  }

  deleteTrace(key: number): void {
    this.statements.deleteLinks.run(key);
    this.statements.deleteChunks.run(key);
    this.statements.deleteTrace.run(key);
  }

  setDroppedTraces(count: number): void {
    this.statements.setMeta.run('dropped_traces', count);
  }

  /** SQLite's PRAGMA quick_check: the problems it found (none for a sound database). */
  quickCheck(): string[] {
    const rows = this.db.prepare('PRAGMA quick_check').all() as { quick_check: string }[];
    const found = rows.map((row) => row.quick_check);
    if (found.length === 1 && found[0] === 'ok') return [];
    // The first problem comes after a line "*** in database main ***", which is not one of them.
    return found.map((line) => line.replace(/^\*\*\* in database \S+ \*\*\*\n/, ''));
  }

  /** The largest key of each table (0 for an empty one). */
  lastKeys(): LastKeys {
    const max = (table: string) =>
      (this.db.prepare(`SELECT coalesce(max(id), 0) AS id FROM ${table}`).get() as { id: number })
        .id;
    return {
      resources: max('resources'),
      scopes: max('scopes'),
      operations: max('operations'),
      traces: max('traces'),
      chunks: max('span_chunks'),
      links: max('span_links'),
    };
  }

  /** Inside a transaction, in an empty database: placeholder rows at these keys, so that the keys
   * SQLite hands out next are above them (a row's key is one more than the table's largest). */
  placeKeysAfter(last: LastKeys): void {
    const mark = '\u0000placeholder';
    const run = (sql: string, ...values: (string | number)[]) =>
      this.db.prepare(sql).run(...values);
    run('INSERT INTO resources (id, body) VALUES (?, ?)', last.resources, mark);
    run('INSERT INTO scopes (id, body) VALUES (?, ?)', last.scopes, mark);
    run(
      'INSERT INTO operations (id, service, span_name) VALUES (?, ?, ?)',
      last.operations,
      mark,
      mark,
    );
    run(
      `INSERT INTO traces (id, ${TRACE_COLUMNS}) VALUES (?, ?, 0, 0, '', '', NULL, '', '', '', '', '', 0)`,
      last.traces,
      mark,
    );
    run(
      `INSERT INTO span_chunks (id, trace, span_count, facts, columns, details) VALUES (?, -1, 0, x'', '{}', '[]')`,
      last.chunks,
    );
    run(
      `INSERT INTO span_links (id, trace, span_id, operation, target_trace_id, target_span_id) VALUES (?, -1, '', 0, ?, '')`,
      last.links,
      mark,
    );
  }

  /** A trace's id and about the bytes its chunks take; undefined for an unknown key. */
  traceIdAndBytes(key: number): { traceId: string; bytes: number } | undefined {
    return this.db
      .prepare(
        `SELECT trace_id AS traceId, (SELECT coalesce(sum(octet_length(columns) + octet_length(details)), 0)
          FROM span_chunks WHERE trace = traces.id) AS bytes FROM traces WHERE id = ?`,
      )
      .get(key) as { traceId: string; bytes: number } | undefined;
  }

  setPinned(key: number, pinned: boolean): void {
    this.statements.setPinned.run(pinned ? 1 : 0, key);
  }

  /** Whether the last Spanlight to use the file closed it (rather than crashing or being killed);
   * a database without the mark (new, or from before it) counts as not closed. Reads only. */
  closedCleanly(): boolean {
    return (this.statements.meta.get('open') as { value: number } | undefined)?.value === 0;
  }

  /** Marks the file open until close() (a crash or a kill leaves the mark set). */
  markOpen(): void {
    this.statements.setMeta.run('open', 1);
    // Durable before anything else is written: a power cut from now on must leave it set.
    this.walSync?.syncNow();
    this.marked = true;
  }

  close(): void {
    if (!this.db.isOpen) return;
    if (this.marked) {
      try {
        this.statements.setMeta.run('open', 0);
      } catch {
        // A full disk, say: the next start checks the file, as after a crash.
      }
    }
    this.db.close();
  }
}

function prepare(db: DatabaseSync) {
  const statement = (sql: string): StatementSync => db.prepare(sql);
  return {
    meta: statement('SELECT value FROM store_meta WHERE key = ?'),
    setMeta: statement(
      'INSERT INTO store_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ),
    resources: statement('SELECT id, body AS text FROM resources ORDER BY id'),
    scopes: statement('SELECT id, body AS text FROM scopes ORDER BY id'),
    operations: statement('SELECT id, service, span_name AS spanName FROM operations ORDER BY id'),
    traces: statement(`SELECT id, ${TRACE_COLUMNS}, pinned FROM traces ORDER BY id`),
    pageCount: statement('PRAGMA page_count'),
    freelistCount: statement('PRAGMA freelist_count'),
    setPinned: statement('UPDATE traces SET pinned = ? WHERE id = ?'),
    chunkFacts: statement(
      `SELECT trace AS traceKey, span_count AS spanCount, facts, new_operations AS newOperations,
        new_pairs AS newPairs, new_resources AS newResources, new_scopes AS newScopes
        FROM span_chunks ORDER BY id`,
    ),
    chunkColumns: statement(
      'SELECT id AS key, span_count AS spanCount, columns FROM span_chunks WHERE trace = ? ORDER BY id LIMIT ? OFFSET ?',
    ),
    chunks: statement(
      `SELECT id AS key, span_count AS spanCount, columns, details FROM span_chunks
        WHERE trace = ? ORDER BY id`,
    ),
    chunkDetails: statement('SELECT details FROM span_chunks WHERE id = ?'),
    chunkSpanCounts: statement(
      'SELECT id AS key, span_count AS spanCount FROM span_chunks WHERE trace = ? ORDER BY id',
    ),
    chunk: statement(
      'SELECT id AS key, span_count AS spanCount, columns, details FROM span_chunks WHERE id = ?',
    ),
    linksTo: statement(
      `SELECT t.trace_id AS traceId, l.span_id AS spanId, l.operation, l.attributes
        FROM span_links l JOIN traces t ON t.id = l.trace
        WHERE l.target_trace_id = ? AND l.target_span_id = ? ORDER BY l.id LIMIT ?`,
    ),
    linkCountTo: statement(
      'SELECT count(*) AS count FROM span_links WHERE target_trace_id = ? AND target_span_id = ?',
    ),
    linkCountsInto: statement(
      `SELECT target_span_id AS spanId, count(*) AS count FROM span_links
        WHERE target_trace_id = ? GROUP BY target_span_id ORDER BY min(id)`,
    ),
    insertResource: statement('INSERT INTO resources (body) VALUES (?)'),
    insertScope: statement('INSERT INTO scopes (body) VALUES (?)'),
    insertOperation: statement('INSERT INTO operations (service, span_name) VALUES (?, ?)'),
    insertTrace: statement(
      `INSERT INTO traces (${TRACE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    updateTrace: statement(
      `UPDATE traces SET (${TRACE_COLUMNS}) = (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) WHERE id = ?`,
    ),
    insertChunk: statement(
      `INSERT INTO span_chunks (trace, span_count, facts, new_operations, new_pairs, new_resources,
        new_scopes, columns, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertSpanLink: statement(
      `INSERT INTO span_links (trace, span_id, operation, target_trace_id, target_span_id,
        attributes) VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    deleteLinks: statement('DELETE FROM span_links WHERE trace = ?'),
    deleteChunks: statement('DELETE FROM span_chunks WHERE trace = ?'),
    deleteTrace: statement('DELETE FROM traces WHERE id = ?'),
  };
}
