// The trace database's schema, versioned with PRAGMA user_version: migration N takes a database
// from version N − 1 to N, each in its own transaction. A database from a newer Spanlight (a
// version above the last migration) is refused, never changed.
import type { DatabaseSync } from 'node:sqlite';
import { hashAttributePair, storedIndexedValueText } from '../attribute-pair-id';
import { decodeChunkDetails } from '../chunk-details';
import {
  addOutlineExtras,
  ChunkFacts,
  int32sOf,
  pairIdBytes,
  type ChunkColumns,
} from '../span-chunk';
import type { StoredChunkDetails } from '../storage-backend';
import { encodeStoredJson } from '../stored-json';

/** SQL to run, or a step that needs code (it runs inside the migration's transaction too). */
export type Migration = string | ((db: DatabaseSync) => void);

export const MIGRATIONS: readonly Migration[] = [
  // 1: traces, their spans in chunks, and the tables spans refer to.
  `
  CREATE TABLE store_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
  -- A resource or scope, as JSON; one row per distinct value, shared by every span that has it.
  CREATE TABLE resources (id INTEGER PRIMARY KEY, body TEXT NOT NULL UNIQUE);
  CREATE TABLE scopes (id INTEGER PRIMARY KEY, body TEXT NOT NULL UNIQUE);
  -- (service.name, span name): what the latency table groups by.
  CREATE TABLE operations (
    id INTEGER PRIMARY KEY,
    service TEXT NOT NULL,
    span_name TEXT NOT NULL,
    UNIQUE (service, span_name)
  );
  -- An attribute of a span or resource as key and value text: what attribute filters match.
  CREATE TABLE attribute_pairs (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    UNIQUE (key, value)
  );
  -- id: traces with smaller ids arrived first. Times are unix nanoseconds as decimal text.
  CREATE TABLE traces (
    id INTEGER PRIMARY KEY,
    trace_id TEXT NOT NULL UNIQUE,
    span_count INTEGER NOT NULL,
    error_count INTEGER NOT NULL,
    start_ns TEXT NOT NULL,
    end_ns TEXT NOT NULL,
    root_start_ns TEXT,
    root_name TEXT NOT NULL,
    root_service TEXT NOT NULL,
    earliest_start_ns TEXT NOT NULL,
    earliest_name TEXT NOT NULL,
    earliest_service TEXT NOT NULL,
    received_at_ms INTEGER NOT NULL
  );
  -- The spans a trace received in one write (see app/storage/span-chunk.ts); big columns last, so
  -- reading the small ones does not read them.
  CREATE TABLE span_chunks (
    id INTEGER PRIMARY KEY,
    trace INTEGER NOT NULL,
    span_count INTEGER NOT NULL,
    facts BLOB NOT NULL,
    -- Ids the trace had not used before this chunk (int32 each); NULL for none.
    new_operations BLOB,
    new_pairs BLOB,
    new_resources BLOB,
    new_scopes BLOB,
    columns TEXT NOT NULL,
    details TEXT NOT NULL
  );
  CREATE INDEX span_chunks_by_trace ON span_chunks (trace, id);
  `,
  // 2: span links, by the span they point at (backlinks); chunks get link counts and statement
  // shapes in their columns (l, q).
  (db) => {
    db.exec(SPAN_LINKS_TABLE);
    backfillLinksAndStatements(db);
  },
  // 3: pinned traces (never evicted by retention).
  'ALTER TABLE traces ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0',
  // 4: a chunk's details may be a blob, its spans' own OTLP protobuf Span messages, beside JSON
  // text (app/storage/chunk-details.ts). Stored rows stay as they are (TEXT affinity keeps a blob a
  // blob); the version only keeps an older Spanlight, which would read blobs as JSON, out.
  () => {},
  // 5: an attribute pair's id is a hash of the pair (app/storage/attribute-pair-id.ts), no longer
  // a row of attribute_pairs: each chunk's new_pairs become those hashes (float64, little-endian,
  // see pairIdBytes) and the table goes.
  (db) => {
    rehashChunkPairs(db);
    db.exec('DROP TABLE attribute_pairs');
  },
];

const SPAN_LINKS_TABLE = `
  -- trace: traces.id of the span that has the link; operation: that span's (service, span name).
  -- The target need not be stored. attributes: the link's own, as JSON; NULL for none.
  CREATE TABLE span_links (
    id INTEGER PRIMARY KEY,
    trace INTEGER NOT NULL,
    span_id TEXT NOT NULL,
    operation INTEGER NOT NULL,
    target_trace_id TEXT NOT NULL,
    target_span_id TEXT NOT NULL,
    attributes TEXT
  );
  CREATE INDEX span_links_by_target ON span_links (target_trace_id, target_span_id);
  CREATE INDEX span_links_by_trace ON span_links (trace);
`;

interface ChunkRecord {
  readonly id: number;
  readonly trace: number;
  readonly span_count: number;
  readonly facts: Uint8Array;
  readonly columns: string;
  readonly details: StoredChunkDetails;
}

/** Chunks written before version 2: their links into span_links, l and q into their columns. */
function backfillLinksAndStatements(db: DatabaseSync): void {
  const next = db.prepare(
    'SELECT id, trace, span_count, facts, columns, details FROM span_chunks WHERE id > ? ORDER BY id LIMIT 256',
  );
  const update = db.prepare('UPDATE span_chunks SET columns = ? WHERE id = ?');
  const insertLink = db.prepare(
    `INSERT INTO span_links (trace, span_id, operation, target_trace_id, target_span_id, attributes)
      VALUES (?, ?, ?, ?, ?, ?)`,
  );
  // In batches by id, so a big database is never read into memory whole.
  for (let after = 0; ;) {
    const chunks = next.all(after) as unknown as ChunkRecord[];
    if (chunks.length === 0) return;
    for (const chunk of chunks) {
      const columns = JSON.parse(chunk.columns) as ChunkColumns;
      const details = decodeChunkDetails(chunk.details);
      const { operations } = new ChunkFacts(chunk.span_count, chunk.facts);
      const extras: Pick<ChunkColumns, 'l' | 'q'> = { l: {}, q: {} };
      details.forEach((span, index) => {
        addOutlineExtras(extras, index, span);
        for (const link of span.links ?? [])
          insertLink.run(
            chunk.trace,
            columns.i[index]!,
            operations[index]!,
            link.traceId,
            link.spanId,
            link.attributes?.length ? encodeStoredJson(link.attributes) : null,
          );
      });
      update.run(JSON.stringify({ ...columns, ...extras }), chunk.id);
      after = chunk.id;
    }
  }
}

/** Chunks written before version 5: their new_pairs from attribute_pairs' ids to the pairs' hashes. */
function rehashChunkPairs(db: DatabaseSync): void {
  const next = db.prepare(
    'SELECT id, new_pairs FROM span_chunks WHERE id > ? AND new_pairs IS NOT NULL ORDER BY id LIMIT 256',
  );
  const pair = db.prepare('SELECT key, value FROM attribute_pairs WHERE id = ?');
  const update = db.prepare('UPDATE span_chunks SET new_pairs = ? WHERE id = ?');
  const hashOf = (id: number): number | undefined => {
    const row = pair.get(id) as { key: string; value: string } | undefined;
    return row && hashAttributePair(row.key, storedIndexedValueText(row.value));
  };
  for (let after = 0; ;) {
    const chunks = next.all(after) as unknown as { id: number; new_pairs: Uint8Array }[];
    if (chunks.length === 0) return;
    for (const chunk of chunks) {
      const hashes: number[] = [];
      for (const id of int32sOf(chunk.new_pairs)) {
        // Pairs were deleted only once no trace had them: a missing one is a damaged row, skipped.
        const hash = hashOf(id);
        if (hash !== undefined) hashes.push(hash);
      }
      update.run(hashes.length > 0 ? pairIdBytes(hashes) : null, chunk.id);
      after = chunk.id;
    }
  }
}

export const SCHEMA_VERSION = MIGRATIONS.length;

export class NewerSchemaError extends Error {
  override name = 'NewerSchemaError';
}

function userVersion(db: DatabaseSync): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number };
  return row.user_version;
}

/** Brings the database to SCHEMA_VERSION; returns the version it had. */
export function migrate(
  db: DatabaseSync,
  location: string,
  migrations: readonly Migration[] = MIGRATIONS,
): number {
  const found = userVersion(db);
  if (found > migrations.length) {
    throw new NewerSchemaError(
      `${location} has schema version ${found}, newer than this Spanlight knows (${migrations.length}); it was left as it is`,
    );
  }
  for (let version = found + 1; version <= migrations.length; version++) {
    db.exec('BEGIN IMMEDIATE');
    try {
      const migration = migrations[version - 1]!;
      if (typeof migration === 'string') db.exec(migration);
      else migration(db);
      db.exec(`PRAGMA user_version = ${version}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
  return found;
}
