import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../../../app/storage/sqlite/node-sqlite';
import { DatabaseTraceStore } from '../../../../app/storage/database-trace-store';
import {
  MIGRATIONS,
  migrate,
  NewerSchemaError,
  SCHEMA_VERSION,
} from '../../../../app/storage/sqlite/schema';
import { readOtlpProtobufRequest } from '../../../../app/otlp/otlp-protobuf-reader';
import { encodeTraceRequest } from '../../../helpers/otlp-protobuf-writer';
import { everyFieldRequest } from '../../otlp/otlp-fixtures';
import { SqliteBackend } from '../../../../app/storage/sqlite/sqlite-backend';
import { makeTempDir } from '../../../helpers/temp-dir';
import { downgradeToVersion4, pairsOfTrace } from '../../../helpers/schema-version-4';
import type { IncomingSpan } from '../../../../app/storage/incoming-span';
import type { OtlpAnyValue } from '../../../../app/model/otlp';
import { hashAttributePair, indexedValueText } from '../../../../app/storage/attribute-pair-id';
import { pairIdsOf } from '../../../../app/storage/span-chunk';

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

  it('gives chunks written at version 1 their links, link counts and statement shapes', async () => {
    const file = path.join(dir, 'v1.sqlite');
    const store = new DatabaseTraceStore(new SqliteBackend(file));
    const traceId = 'e'.repeat(32);
    const at = (n: number) => String(1_700_000_000_000_000_000n + BigInt(n) * 1000n);
    await store.addSpans(
      [
        { id: '1', links: [{ traceId: 'f'.repeat(32), spanId: 'f'.repeat(16) }] },
        { id: '2', statement: 'SELECT * FROM t WHERE id = 1' },
        { id: '3', statement: 'SELECT * FROM t WHERE id = 2' },
      ].map(({ id, links, statement }, n) => ({
        span: {
          traceId,
          spanId: id.padStart(16, '0'),
          name: `s${id}`,
          kind: 1,
          startTimeUnixNano: at(n),
          endTimeUnixNano: at(n + 1),
          ...(links && { links }),
          ...(statement && {
            attributes: [{ key: 'db.query.text', value: { stringValue: statement } }],
          }),
        },
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'db' } }] },
        scope: { name: 't' },
      })),
    );
    const expected = store.getOutline(traceId)!;
    const pairs = pairsOfTrace(store.getTrace(traceId)!);
    await store.close();
    // Back to version 1: pairs by attribute_pairs' ids, no span_links, chunks' columns without l
    // and q.
    const db = openSqlite(file);
    downgradeToVersion4(db, pairs);
    db.exec(
      `DROP TABLE span_links; UPDATE span_chunks SET columns = json_remove(columns, '$.l', '$.q');
      ALTER TABLE traces DROP COLUMN pinned; PRAGMA user_version = 1`,
    );
    db.close();

    const reopened = new DatabaseTraceStore(new SqliteBackend(file));
    const outline = reopened.getOutline(traceId)!;
    expect(outline).toEqual(expected);
    expect(outline.linkCounts).toEqual({ 0: 1 });
    expect(outline.statementShapeIndex[1]).toBe(outline.statementShapeIndex[2]);
    expect(reopened.backlinksOf('f'.repeat(32), 'f'.repeat(16))).toMatchObject({
      total: 1,
      backlinks: [{ traceId, spanId: '1'.padStart(16, '0'), spanName: 's1', serviceName: 'db' }],
    });
    await reopened.close();
  });

  it('reads chunks of JSON details written before version 4 beside chunks of Span messages', async () => {
    const file = path.join(dir, 'v3.sqlite');
    const received = readOtlpProtobufRequest(encodeTraceRequest(everyFieldRequest), {
      tolerant: true,
      keepSpanMessages: true,
    }).spans;
    const [first, second] = received;
    const store = new DatabaseTraceStore(new SqliteBackend(file));
    // As version 3 wrote every span: details as JSON text.
    await store.addSpans([{ span: first!.span, resource: first!.resource, scope: first!.scope }]);
    const pairs = pairsOfTrace(store.getTrace(first!.span.traceId)!);
    await store.close();
    let db = openSqlite(file);
    expect(db.prepare('SELECT typeof(details) AS type FROM span_chunks').all()).toEqual([
      { type: 'text' },
    ]);
    downgradeToVersion4(db, pairs);
    db.exec('PRAGMA user_version = 3');
    db.close();

    const reopened = new DatabaseTraceStore(new SqliteBackend(file));
    await reopened.addSpans([second!]);
    const spans = reopened
      .getTrace(first!.span.traceId)!
      .spans.map(({ resourceIndex: _resource, scopeIndex: _scope, ...span }) => span);
    expect(spans).toStrictEqual([first!.span, second!.span]);
    await reopened.close();
    db = openSqlite(file);
    expect(version(db)).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT typeof(details) AS type FROM span_chunks ORDER BY id').all()).toEqual(
      [{ type: 'text' }, { type: 'blob' }],
    );
    db.close();
  });

  it('keeps a Spanlight that reads details only as JSON (version 3) out of a version-4 database', () => {
    const file = path.join(dir, 'v4.sqlite');
    const db = openSqlite(file);
    migrate(db, file);
    expect(() => migrate(db, file, MIGRATIONS.slice(0, 3))).toThrow(NewerSchemaError);
    db.close();
  });

  it('names the attribute pairs of chunks written before version 5 by their hashes, and drops attribute_pairs', async () => {
    const file = path.join(dir, 'v4-pairs.sqlite');
    const traceIdOf = (n: number) => String(n).padStart(32, '0');
    const long = `${'z'.repeat(70 * 1024)}-tail`;
    const spanOf = (
      trace: number,
      id: number,
      attributes: Record<string, OtlpAnyValue>,
      service = 'shop',
    ): IncomingSpan => ({
      span: {
        traceId: traceIdOf(trace),
        spanId: String(id).padStart(16, '0'),
        name: 'work',
        kind: 1,
        startTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(id)),
        endTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(id) + 1000n),
        attributes: Object.entries(attributes).map(([key, value]) => ({ key, value })),
      },
      resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
      scope: { name: 't' },
    });
    const store = new DatabaseTraceStore(new SqliteBackend(file));
    await store.addSpans([
      spanOf(1, 1, { customer: { stringValue: 'c-1' }, tier: { stringValue: 'gold' } }),
      spanOf(2, 2, { customer: { stringValue: 'c-2' }, amount: { intValue: '12' } }, 'mail'),
      spanOf(3, 3, { payload: { stringValue: long }, tier: { stringValue: 'gold' } }),
    ]);
    // A second chunk of trace 1: only its new pair (c-3) is the chunk's.
    await store.addSpans([
      spanOf(1, 4, { customer: { stringValue: 'c-3' }, tier: { stringValue: 'gold' } }),
    ]);
    const queries = [
      ['customer', 'c-1'],
      ['customer', 'c-2'],
      ['customer', 'c-3'],
      ['tier', 'gold'],
      ['amount', '12'],
      ['service.name', 'shop'],
      ['service.name', 'mail'],
      ['payload', long],
      ['payload', 'z'.repeat(70 * 1024)],
      ['customer', 'c-4'],
    ] as const;
    const matched = (opened: DatabaseTraceStore) =>
      queries.map(([key, value]) =>
        opened
          .queryTraces({ query: { attributes: [{ key, value }] } })
          .traces.map((trace) => trace.traceId)
          .sort(),
      );
    const before = matched(store);
    expect(before).toEqual([
      [traceIdOf(1)],
      [traceIdOf(2)],
      [traceIdOf(1)],
      [traceIdOf(1), traceIdOf(3)],
      [traceIdOf(2)],
      [traceIdOf(1), traceIdOf(3)],
      [traceIdOf(2)],
      [traceIdOf(3)],
      [],
      [],
    ]);
    const pairs = [1, 2, 3].flatMap((n) => pairsOfTrace(store.getTrace(traceIdOf(n))!));
    await store.close();

    let db = openSqlite(file);
    downgradeToVersion4(db, pairs);
    // As version 4 wrote it: one row a distinct pair, chunks naming rows by int32 ids.
    expect(db.prepare('SELECT count(*) AS n FROM attribute_pairs').get()).toEqual({ n: 8 });
    expect(
      (
        db.prepare('SELECT new_pairs FROM span_chunks ORDER BY id').all() as {
          new_pairs: Uint8Array;
        }[]
      ).map((row) => row.new_pairs.byteLength),
    ).toEqual([3 * 4, 3 * 4, 3 * 4, 1 * 4]);
    db.close();

    const reopened = new DatabaseTraceStore(new SqliteBackend(file));
    expect(matched(reopened)).toEqual(before);
    // Spans added after the migration: a pair the trace had is not its new chunk's again.
    await reopened.addSpans([
      spanOf(1, 5, { customer: { stringValue: 'c-1' }, tier: { stringValue: 'silver' } }),
    ]);
    expect(
      reopened.queryTraces({ query: { attributes: [{ key: 'tier', value: 'silver' }] } })
        .matchedTraces,
    ).toBe(1);
    await reopened.close();

    db = openSqlite(file);
    expect(version(db)).toBe(SCHEMA_VERSION);
    expect(
      db.prepare("SELECT name FROM sqlite_master WHERE name = 'attribute_pairs'").all(),
    ).toEqual([]);
    const stored = (
      db.prepare('SELECT new_pairs FROM span_chunks ORDER BY id').all() as {
        new_pairs: Uint8Array;
      }[]
    ).map((row) => [...pairIdsOf(row.new_pairs)]);
    const hash = (key: string, value: string) => hashAttributePair(key, indexedValueText(value));
    expect(stored).toEqual([
      [hash('service.name', 'shop'), hash('customer', 'c-1'), hash('tier', 'gold')],
      [hash('service.name', 'mail'), hash('customer', 'c-2'), hash('amount', '12')],
      [hash('service.name', 'shop'), hash('payload', long), hash('tier', 'gold')],
      [hash('customer', 'c-3')],
      [hash('tier', 'silver')],
    ]);
    db.close();
  });

  it('hashes a long value kept whole in attribute_pairs (as versions 1 and 2 did) as indexed now', async () => {
    const file = path.join(dir, 'v2-long.sqlite');
    const long = `${'w'.repeat(80 * 1024)}-tail`;
    const traceId = '7'.repeat(32);
    const store = new DatabaseTraceStore(new SqliteBackend(file));
    await store.addSpans([
      {
        span: {
          traceId,
          spanId: '7'.repeat(16),
          name: 'work',
          kind: 1,
          startTimeUnixNano: '1700000000000000000',
          endTimeUnixNano: '1700000000000001000',
          attributes: [{ key: 'payload', value: { stringValue: long } }],
        },
        resource: { attributes: [] },
        scope: { name: 't' },
      },
    ]);
    const pairs = pairsOfTrace(store.getTrace(traceId)!);
    await store.close();
    const db = openSqlite(file);
    downgradeToVersion4(db, pairs);
    db.prepare("UPDATE attribute_pairs SET value = ? WHERE key = 'payload'").run(long);
    db.close();

    const reopened = new DatabaseTraceStore(new SqliteBackend(file));
    const matching = (value: string) =>
      reopened.queryTraces({ query: { attributes: [{ key: 'payload', value }] } }).matchedTraces;
    expect(matching(long)).toBe(1);
    expect(matching(`${'w'.repeat(80 * 1024)}-TAIL`)).toBe(0);
    await reopened.close();
  });

  it('keeps a Spanlight that names pairs by attribute_pairs (version 4) out of a version-5 database', () => {
    const file = path.join(dir, 'v5.sqlite');
    const db = openSqlite(file);
    migrate(db, file);
    expect(() => migrate(db, file, MIGRATIONS.slice(0, 4))).toThrow(NewerSchemaError);
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
