import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../../../app/storage/sqlite/node-sqlite';
import { SqliteBackend } from '../../../../app/storage/sqlite/sqlite-backend';
import { WalSync } from '../../../../app/storage/sqlite/wal-sync';
import { makeTempDir } from '../../../helpers/temp-dir';

describe('WalSync', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
  });
  afterEach(() => cleanup());

  it('fsyncs the log; calls while one runs share the next fsync', async () => {
    const wal = path.join(dir, 'db-wal');
    await writeFile(wal, 'frames');
    const sync = new WalSync(wal);
    const first = sync.sync();
    const second = sync.sync();
    const third = sync.sync();
    // The running fsync may have started before their commits: they wait for one after it.
    expect(second).not.toBe(first);
    expect(third).toBe(second);
    await Promise.all([first, second, third]);
    // Nothing running any more: a new call starts its own.
    const fourth = sync.sync();
    expect(fourth).not.toBe(second);
    await fourth;
  });

  it('has nothing to do without a log, and names the error of one it cannot open', async () => {
    await expect(new WalSync(path.join(dir, 'none-wal')).sync()).resolves.toBeUndefined();
    expect(() => new WalSync(path.join(dir, 'none-wal')).syncNow()).not.toThrow();
    const file = path.join(dir, 'file');
    await writeFile(file, '');
    await expect(new WalSync(path.join(file, 'db-wal')).sync()).rejects.toThrow(/ENOTDIR/);
  });

  it('is what a database file relies on: commits without an fsync of their own', () => {
    const file = path.join(dir, 'traces.sqlite');
    const db = openSqlite(file);
    try {
      expect(db.prepare('PRAGMA synchronous').get()).toEqual({ synchronous: 1 });
      expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    } finally {
      db.close();
    }
  });

  it('lets a file backend report its commits durable, and an in-memory one at once', async () => {
    const file = new SqliteBackend(path.join(dir, 'traces.sqlite'));
    const memory = new SqliteBackend(':memory:');
    try {
      file.transaction(() => file.insertOperation('shop', 'GET /'));
      await expect(file.synced()).resolves.toBeUndefined();
      await expect(memory.synced()).resolves.toBeUndefined();
    } finally {
      file.close();
      memory.close();
    }
  });
});
