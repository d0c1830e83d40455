// Node's built-in SQLite (node:sqlite), loaded once. Node marks it experimental and prints an
// ExperimentalWarning when it is first loaded: that one warning is silenced, every other passes.
import type * as sqlite from 'node:sqlite';
import type { DatabaseSync } from 'node:sqlite';

export type NodeSqlite = typeof sqlite;

let loaded: NodeSqlite | null | undefined;

function isSqliteExperimentalWarning(warning: string | Error, rest: unknown[]): boolean {
  const text = typeof warning === 'string' ? warning : warning.message;
  const type = typeof rest[0] === 'string' ? rest[0] : (rest[0] as { type?: string })?.type;
  const name = typeof warning === 'string' ? type : warning.name;
  return name === 'ExperimentalWarning' && /\bSQLite\b/.test(text);
}

/** node:sqlite, or null where this Node has none (older than 22.5, or built without it). */
export function loadNodeSqlite(): NodeSqlite | null {
  if (loaded !== undefined) return loaded;
  const emitWarning = process.emitWarning;
  process.emitWarning = function (this: unknown, warning: string | Error, ...rest: unknown[]) {
    if (isSqliteExperimentalWarning(warning, rest)) return;
    // The original's overloads cannot be named in one call signature.
    return (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  } as typeof process.emitWarning;
  try {
    loaded = process.getBuiltinModule?.('node:sqlite') ?? null;
  } catch {
    loaded = null;
  } finally {
    process.emitWarning = emitWarning;
  }
  return loaded;
}

/**
 * Opens (creating) a database for one owner: a file in WAL mode, locked for this connection alone
 * (a second Spanlight on the same data directory gets an error, not a second view of the data),
 * committing without an fsync (synchronous = NORMAL: the file stays consistent whatever happens,
 * and the owner fsyncs the write-ahead log before it reports a write durable, see wal-sync.ts);
 * or SQLite's own in-memory database for ':memory:'.
 */
export function openSqlite(location: string): DatabaseSync {
  const sqlite = loadNodeSqlite();
  if (!sqlite) throw new Error('node:sqlite is not available in this Node.js');
  const db = new sqlite.DatabaseSync(location);
  try {
    if (location !== ':memory:') {
      // Exclusive before WAL: the WAL index then lives in this process, and the lock is held
      // from the first statement on.
      db.exec('PRAGMA locking_mode = EXCLUSIVE');
      db.exec('PRAGMA journal_mode = WAL');
      db.exec('PRAGMA synchronous = NORMAL');
      // After a big import the WAL is cut back to this size once it is checkpointed.
      db.exec(`PRAGMA journal_size_limit = ${64 * 1024 * 1024}`);
    }
    db.exec(`PRAGMA cache_size = -${16 * 1024}`);
    db.exec('PRAGMA temp_store = MEMORY');
  } catch (error) {
    db.close();
    if (/database is locked|SQLITE_BUSY/i.test((error as Error).message)) {
      throw new Error(
        `${location} is in use by another Spanlight (or another program); close it or use another data directory`,
      );
    }
    throw error;
  }
  return db;
}
