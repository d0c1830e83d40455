// Opens the core's trace store: the SQLite database in the data directory, SQLite's in-memory
// database for throwaway runs (--in-memory), or, where node:sqlite is missing, rows in plain maps
// under the same store (memory-backend.ts). A database that cannot be opened (another Spanlight
// has it, or it is not one this version can read) is left untouched and the store runs in memory;
// each of these says so in a notice for the window.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { DatabaseTraceStore } from './database-trace-store';
import { MemoryBackend } from './memory-backend';
import { loadNodeSqlite } from './sqlite/node-sqlite';
import { SqliteBackend } from './sqlite/sqlite-backend';
import type { StorageBackend } from './storage-backend';
import type { TraceStore } from './trace-store';

/** The trace database, beside settings.json and the order book in the data directory. */
export const TRACE_DATABASE_FILE = 'traces.sqlite';

export interface OpenTraceStoreOptions {
  readonly dataDir: string;
  /** Keep traces in memory only (SQLite's in-memory database): nothing survives a restart. */
  readonly inMemory?: boolean;
  readonly maxTraces?: number;
  /** Tests: act as if this Node.js had no node:sqlite. */
  readonly withoutNodeSqlite?: boolean;
}

export interface OpenedTraceStore {
  readonly store: TraceStore;
  /** What the window should say about where traces are kept, when it is not the database. */
  readonly notices: readonly string[];
}

export async function openTraceStore(options: OpenTraceStoreOptions): Promise<OpenedTraceStore> {
  const storeOptions = { maxTraces: options.maxTraces };
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
  try {
    return { store: storeOver(new SqliteBackend(file), storeOptions), notices: [] };
  } catch (error) {
    if (error instanceof RangeError) throw error;
    return {
      store: new DatabaseTraceStore(new SqliteBackend(':memory:'), storeOptions),
      notices: [
        `Traces are kept in memory only and are gone when Spanlight closes: the trace database could not be opened (${(error as Error).message})`,
      ],
    };
  }
}

function storeOver(
  backend: StorageBackend,
  options: { readonly maxTraces?: number },
): DatabaseTraceStore {
  try {
    return new DatabaseTraceStore(backend, options);
  } catch (error) {
    backend.close();
    throw error;
  }
}
