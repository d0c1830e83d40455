import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../../../app/storage/sqlite/node-sqlite';
import { migrate, NewerSchemaError, SCHEMA_VERSION } from '../../../../app/storage/sqlite/schema';
import { makeTempDir } from '../../../helpers/temp-dir';

const version = (db: ReturnType<typeof openSqlite>) =>
  (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;

describe('migrate', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
  });
  afterEach(() => cleanup());

  it('brings a new database to the current schema version', () => {
    const db = openSqlite(path.join(dir, 'a.sqlite'));
    expect(migrate(db, 'a.sqlite')).toBe(0);
    expect(version(db)).toBe(SCHEMA_VERSION);
    expect(migrate(db, 'a.sqlite')).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('runs only the migrations a database has not had, in order', () => {
    const file = path.join(dir, 'b.sqlite');
    const first = ['CREATE TABLE t (a INTEGER)'];
    let db = openSqlite(file);
    migrate(db, file, first);
    db.prepare('INSERT INTO t (a) VALUES (1)').run();
    db.close();
    db = openSqlite(file);
    expect(migrate(db, file, [...first, 'ALTER TABLE t ADD COLUMN b TEXT DEFAULT "x"'])).toBe(1);
    expect(version(db)).toBe(2);
    expect(db.prepare('SELECT a, b FROM t').all()).toEqual([{ a: 1, b: 'x' }]);
    db.close();
  });

  it('keeps a database at its version when a migration fails', () => {
    const file = path.join(dir, 'c.sqlite');
    const db = openSqlite(file);
    expect(() =>
      migrate(db, file, ['CREATE TABLE t (a INTEGER)', 'CREATE TABLE u (a); NOT SQL']),
    ).toThrow();
    expect(version(db)).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'u'").all()).toEqual([]);
    db.close();
  });

  it('refuses, and leaves as it is, a database from a newer Spanlight', () => {
    const file = path.join(dir, 'd.sqlite');
    const db = openSqlite(file);
    db.exec('PRAGMA user_version = 99');
    expect(() => migrate(db, file)).toThrow(NewerSchemaError);
    expect(() => migrate(db, file)).toThrow(/schema version 99, newer than this Spanlight knows/);
    expect(version(db)).toBe(99);
    db.close();
  });
});
