// Opens the core's trace store: the SQLite database in the data directory, SQLite's in-memory
// database for throwaway runs (--in-memory), or, where node:sqlite is missing, rows in plain maps
// under the same store (memory-backend.ts). A database that cannot be opened (another Spanlight
// has it, or it comes from a newer Spanlight) is left untouched and the store runs in memory; one
// that is damaged (not SQLite, or failing its quick_check) is moved aside and a fresh one started;
// each of these says so in a notice for the window. A disk that fills up later: see spill-backend.ts.
import { closeSync, openSync, readSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { DatabaseTraceStore } from './database-trace-store';
import { MemoryBackend } from './memory-backend';
import { loadNodeSqlite } from './sqlite/node-sqlite';
import { NewerSchemaError } from './sqlite/schema';
import { SqliteBackend } from './sqlite/sqlite-backend';
import { isDiskFullError, SpillBackend } from './sqlite/spill-backend';
import type { RetentionLimits, TraceStore } from './trace-store';

/** The trace database, beside settings.json and the order book in the data directory. */
export const TRACE_DATABASE_FILE = 'traces.sqlite';

export interface OpenTraceStoreOptions {
  readonly dataDir: string;
  /** Keep traces in memory only (SQLite's in-memory database): nothing survives a restart. */
  readonly inMemory?: boolean;
  readonly maxTraces?: number;
  /**
   * The limits to open with (settings.json's): the store applies them as it loads, so they must be
   * the user's, not the defaults, or a restart would evict what the user chose to keep.
   */
  readonly retention?: RetentionLimits;
  /** Tests: act as if this Node.js had no node:sqlite. */
  readonly withoutNodeSqlite?: boolean;
  /** Tests: SQLite answers SQLITE_FULL past this many pages of the file, as a full disk does. */
  readonly maxPageCountForTests?: number;
}

export interface OpenedTraceStore {
  readonly store: TraceStore;
  /** What the window should say about where traces are kept, when it is not the database. */
  readonly notices: readonly string[];
}

export async function openTraceStore(options: OpenTraceStoreOptions): Promise<OpenedTraceStore> {
  const storeOptions = { maxTraces: options.maxTraces, retention: options.retention };
  if (options.withoutNodeSqlite || !loadNodeSqlite()) {
    return {
      store: new DatabaseTraceStore(new MemoryBackend(), storeOptions),
      notices: [
        `Traces are kept in memory only and are gone when Spanlight closes: this Node.js (${process.version}) has no node:sqlite, which the trace database needs (Node.js 22.13 or newer)`,
      ],
    };
  }
  if (options.inMemory) {
    return {
      store: new DatabaseTraceStore(new SqliteBackend(':memory:'), storeOptions),
      notices: [],
    };
  }
  await mkdir(options.dataDir, { recursive: true });
  const file = path.join(options.dataDir, TRACE_DATABASE_FILE);
  const notices: string[] = [];
  for (let attempt = 0; ; attempt++) {
    try {
      return { store: storeOver(openChecked(file, options), storeOptions), notices };
    } catch (error) {
      if (error instanceof RangeError) throw error;
      // A damaged database is moved aside once; a fresh one that fails too is not moved again.
      // Damage found while loading (a file closed cleanly is not checked first) counts the same.
      if (attempt === 0 && (error instanceof DamagedDatabaseError || isDamage(error))) {
        const movedTo = await moveAside(file);
        notices.push(
          `The trace database ${file} was damaged (${(error as Error).message}), so it was moved to ${movedTo} (with its -wal and -shm files, if any) and a new, empty one was started. Nothing was deleted: the old file can be inspected or recovered with the sqlite3 tool (.recover).`,
        );
        continue;
      }
      const reason =
        error instanceof NewerSchemaError
          ? `${error.message}. A newer Spanlight wrote it; it is kept untouched for that version`
          : (error as Error).message;
      notices.push(
        `Traces are kept in memory only and are gone when Spanlight closes: the trace database could not be opened (${reason})`,
      );
      return {
        store: new DatabaseTraceStore(new SqliteBackend(':memory:'), storeOptions),
        notices,
      };
    }
  }
}

/** A database file that is not SQLite, or fails its integrity check. */
class DamagedDatabaseError extends Error {
  override name = 'DamagedDatabaseError';
}

/** SQLite's primary result codes for a file that is not a database or is corrupt. */
const SQLITE_CORRUPT = 11;
const SQLITE_NOTADB = 26;

function isDamage(error: unknown): boolean {
  const code = (error as { errcode?: unknown })?.errcode;
  if (typeof code === 'number' && [SQLITE_CORRUPT, SQLITE_NOTADB].includes(code & 0xff))
    return true;
  return /file is not a database|malformed|SQLITE_CORRUPT|SQLITE_NOTADB/i.test(
    (error as Error)?.message ?? '',
  );
}

/**
 * Opens the database file and, unless the last Spanlight closed it cleanly, runs SQLite's
 * quick_check over it (every page and record is read and checked, but not that indexes match their
 * tables, which integrity_check adds). A file that is not SQLite, or fails the check, throws
 * DamagedDatabaseError.
 */
function openChecked(file: string, options: OpenTraceStoreOptions): SqliteBackend {
  // Checked before SQLite opens it: SQLite would remove the -wal beside a file that is not SQLite.
  if (!startsAsSqlite(file)) throw new DamagedDatabaseError('file is not a database');
  let backend: SqliteBackend;
  try {
    backend = new SqliteBackend(file, { maxPageCount: options.maxPageCountForTests });
  } catch (error) {
    if (isDamage(error)) throw new DamagedDatabaseError((error as Error).message);
    throw error;
  }
  let problems: string[];
  try {
    // A file closed cleanly was sound when closed (every write is a committed transaction); after a
    // crash, a kill or a power cut it is checked once, before anything reads it.
    problems = backend.closedCleanly() ? [] : backend.quickCheck();
  } catch (error) {
    backend.close();
    if (isDamage(error)) throw new DamagedDatabaseError((error as Error).message);
    throw error;
  }
  if (problems.length > 0) {
    backend.close();
    throw new DamagedDatabaseError(
      `quick_check found ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}: ${problems.slice(0, 3).join('; ')}`,
    );
  }
  return backend;
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** True for a missing or empty file (a new database) or one that starts with SQLite's header. */
function startsAsSqlite(file: string): boolean {
  let handle: number;
  try {
    handle = openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
  try {
    const head = Buffer.alloc(SQLITE_HEADER.length);
    const read = readSync(handle, head, 0, head.length, 0);
    return read === 0 || head.equals(SQLITE_HEADER);
  } finally {
    closeSync(handle);
  }
}

/** Renames the database and its -wal and -shm files to traces.sqlite.corrupt-<time>[-wal|-shm]. */
async function moveAside(file: string): Promise<string> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = `${file}.corrupt-${stamp}`;
  await rename(file, target);
  for (const suffix of ['-wal', '-shm']) {
    try {
      await rename(`${file}${suffix}`, `${target}${suffix}`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return target;
}

function storeOver(
  backend: SqliteBackend,
  options: { readonly maxTraces?: number; readonly retention?: RetentionLimits },
): DatabaseTraceStore {
  try {
    const store = new DatabaseTraceStore(backend, {
      ...options,
      spillWhenFull: () => new SpillBackend(backend),
      isDiskFull: isDiskFullError,
    });
    // Marked only once it loaded: a file found damaged is never written to.
    backend.markOpen();
    return store;
  } catch (error) {
    backend.close();
    throw error;
  }
}
