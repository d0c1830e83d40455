// The store's rows in SQLite (node:sqlite): one database file in WAL mode, or SQLite's in-memory
// database. Every statement is prepared once; each store write is one transaction.
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
  StoredTraceRow,
  TraceRow,
} from '../storage-backend';
import { openSqlite } from './node-sqlite';
import { migrate } from './schema';

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

function insertedId(result: { lastInsertRowid: number | bigint }): number {
  return Number(result.lastInsertRowid);
}

export class SqliteBackend implements StorageBackend {
  readonly durable: boolean;
  private readonly db: DatabaseSync;
  private readonly statements: ReturnType<typeof prepare>;

  /** Opens (creating and migrating) the database at `location`, a file or ':memory:'. */
  constructor(readonly location: string) {
    this.durable = location !== ':memory:';
    this.db = openSqlite(location);
    try {
      migrate(this.db, location);
      this.statements = prepare(this.db);
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
      };
    }
  }

  chunkFacts(): Iterable<ChunkFactsRow> {
    return this.statements.chunkFacts.iterate() as Iterable<ChunkFactsRow>;
  }

  chunkColumns(traceKey: number): ChunkColumnsRow[] {
    return this.statements.chunkColumns.all(traceKey) as unknown as ChunkColumnsRow[];
  }

  chunks(traceKey: number): ChunkRow[] {
    return this.statements.chunks.all(traceKey) as unknown as ChunkRow[];
  }

  chunkDetails(chunkKey: number): string | undefined {
    const row = this.statements.chunkDetails.get(chunkKey) as { details: string } | undefined;
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

  attributePairId(key: string, value: string): number | undefined {
    const row = this.statements.attributePair.get(key, value) as { id: number } | undefined;
    return row?.id;
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

  insertAttributePair(key: string, value: string): number {
    return insertedId(this.statements.insertAttributePair.run(key, value));
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

  close(): void {
    if (this.db.isOpen) this.db.close();
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
    traces: statement(`SELECT id, ${TRACE_COLUMNS} FROM traces ORDER BY id`),
    chunkFacts: statement(
      `SELECT trace AS traceKey, span_count AS spanCount, facts, new_operations AS newOperations,
        new_pairs AS newPairs, new_resources AS newResources, new_scopes AS newScopes
        FROM span_chunks ORDER BY id`,
    ),
    chunkColumns: statement(
      'SELECT id AS key, span_count AS spanCount, columns FROM span_chunks WHERE trace = ? ORDER BY id',
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
    attributePair: statement('SELECT id FROM attribute_pairs WHERE key = ? AND value = ?'),
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
    insertAttributePair: statement('INSERT INTO attribute_pairs (key, value) VALUES (?, ?)'),
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
