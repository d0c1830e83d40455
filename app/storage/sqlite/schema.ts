// The trace database's schema, versioned with PRAGMA user_version: migration N takes a database
// from version N − 1 to N, each in its own transaction. A database from a newer Spanlight (a
// version above the last migration) is refused, never changed.
import type { DatabaseSync } from 'node:sqlite';

export const MIGRATIONS: readonly string[] = [
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
];

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
  migrations: readonly string[] = MIGRATIONS,
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
      db.exec(migrations[version - 1]!);
      db.exec(`PRAGMA user_version = ${version}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
  return found;
}
