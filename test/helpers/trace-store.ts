// Trace stores for tests: the real store over SQLite's in-memory database, or over a database file.
import path from 'node:path';
import { DatabaseTraceStore } from '../../app/storage/database-trace-store';
import { MemoryBackend } from '../../app/storage/memory-backend';
import { SqliteBackend } from '../../app/storage/sqlite/sqlite-backend';
import type { StorageBackend } from '../../app/storage/storage-backend';

export interface TestStoreOptions {
  readonly maxTraces?: number;
  readonly spanIdBudget?: number;
}

/** The store as `--in-memory` runs it: SQLite's in-memory database. */
export function memoryTraceStore(options: TestStoreOptions = {}): DatabaseTraceStore {
  return new DatabaseTraceStore(new SqliteBackend(':memory:'), options);
}

/** The ways the store keeps its rows: a database file, SQLite in memory, plain maps. */
export const storeModes = ['database file', 'SQLite in memory', 'without node:sqlite'] as const;
export type StoreMode = (typeof storeModes)[number];

export function backendFor(mode: StoreMode, dir: string): StorageBackend {
  if (mode === 'database file') return new SqliteBackend(path.join(dir, 'traces.sqlite'));
  if (mode === 'SQLite in memory') return new SqliteBackend(':memory:');
  return new MemoryBackend();
}
