import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IncomingSpan } from '../../../app/storage/incoming-span';
import { openTraceStore, TRACE_DATABASE_FILE } from '../../../app/storage/open-trace-store';
import { spansOf, traceId } from '../search/search-fixtures';
import { makeTempDir } from '../../helpers/temp-dir';
import { spanIdsOf } from '../../../app/model/outline-span-ids';

// Trace 1: checkout [shop] (tier=gold) ── charge [payments, ERROR]; trace 2: refund [billing].
const checkout: IncomingSpan[] = spansOf(1, [
  {
    id: 'a',
    name: 'checkout',
    service: 'shop',
    startMs: 0,
    durationMs: 50,
    attributes: { tier: 'gold' },
  },
  {
    id: 'b',
    parent: 'a',
    name: 'charge',
    service: 'payments',
    startMs: 5,
    durationMs: 20,
    error: true,
  },
]);
const refund: IncomingSpan[] = spansOf(2, [
  { id: 'c', name: 'refund', service: 'billing', startMs: 100, durationMs: 10 },
]);

describe('openTraceStore', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  const toClose: { close(): Promise<void> }[] = [];
  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
  });
  afterEach(async () => {
    for (const store of toClose.splice(0)) await store.close();
    await cleanup();
  });
  const open = async (options: { inMemory?: boolean; maxTraces?: number } = {}) => {
    const opened = await openTraceStore({ dataDir: dir, ...options });
    toClose.push(opened.store);
    return opened;
  };

  it('keeps traces in the data directory’s database, and has them all back after a restart', async () => {
    const first = await open();
    expect(first.notices).toEqual([]);
    expect(first.store.durable).toBe(true);
    expect(first.store.location).toBe(path.join(dir, TRACE_DATABASE_FILE));
    await first.store.addSpans(checkout);
    await first.store.addSpans(refund);
    const before = {
      list: first.store.queryTraces({}),
      filtered: first.store.queryTraces({
        query: { attributes: [{ key: 'tier', value: 'gold' }] },
      }),
      latency: first.store.latencyByOperation({
        histogramOf: { service: 'payments', spanName: 'charge' },
      }),
      facets: first.store.facets(),
      trace: first.store.getTrace(traceId(1)),
      outline: first.store.getOutline(traceId(1)),
      span: first.store.getSpan(traceId(1), 'b'.padStart(16, '0')),
    };
    await first.store.close();

    const second = await open();
    expect(second.store.traceCount).toBe(2);
    expect(second.store.spanCount).toBe(3);
    expect(second.store.queryTraces({})).toEqual(before.list);
    expect(
      second.store.queryTraces({ query: { attributes: [{ key: 'tier', value: 'gold' }] } }),
    ).toEqual(before.filtered);
    expect(before.filtered.matchedTraces).toBe(1);
    expect(
      second.store.latencyByOperation({ histogramOf: { service: 'payments', spanName: 'charge' } }),
    ).toEqual(before.latency);
    expect(second.store.facets()).toEqual(before.facets);
    expect(second.store.getTrace(traceId(1))).toEqual(before.trace);
    expect(second.store.getOutline(traceId(1))).toEqual(before.outline);
    expect(second.store.getSpan(traceId(1), 'b'.padStart(16, '0'))).toEqual(before.span);
  });

  it('still knows the spans it holds after a restart, and adds to their traces', async () => {
    const first = await open();
    await first.store.addSpans(checkout);
    await first.store.close();
    const second = await open();
    const again = await second.store.addSpans([...checkout, ...refund]);
    expect(again).toMatchObject({ storedSpans: 1, duplicateSpans: 2 });
    await second.store.addSpans(
      spansOf(1, [
        { id: 'd', parent: 'a', name: 'late', service: 'shop', startMs: 60, durationMs: 1 },
      ]),
    );
    expect(second.store.getSummary(traceId(1))).toMatchObject({
      spanCount: 3,
      rootSpanName: 'checkout',
    });
    const outline = second.store.getOutline(traceId(1));
    expect(outline && spanIdsOf(outline)).toHaveLength(3);
  });

  it('drops the oldest traces at start when the limit is now lower, and keeps counting drops', async () => {
    const first = await open({ maxTraces: 5 });
    await first.store.addSpans(checkout);
    await first.store.addSpans(refund);
    await first.store.close();
    const second = await open({ maxTraces: 1 });
    expect(second.store.listTraces().map((t) => t.traceId)).toEqual([traceId(2)]);
    expect(second.store.droppedTraceCount).toBe(1);
    await second.store.close();
    expect((await open({ maxTraces: 1 })).store.droppedTraceCount).toBe(1);
  });

  it('runs a second store on the same data directory in memory, saying why', async () => {
    const first = await open();
    await first.store.addSpans(checkout);
    const second = await open();
    expect(second.store.durable).toBe(false);
    expect(second.notices).toEqual([
      expect.stringMatching(
        /^Traces are kept in memory only .*traces\.sqlite is in use by another Spanlight/,
      ),
    ]);
    expect(second.store.traceCount).toBe(0);
    await second.store.addSpans(refund);
    // The first still has the database to itself.
    await first.store.addSpans(refund);
    expect(first.store.traceCount).toBe(2);
  });

  it('keeps nothing on disk with inMemory', async () => {
    const { store, notices } = await open({ inMemory: true });
    await store.addSpans(checkout);
    expect(notices).toEqual([]);
    expect(store.durable).toBe(false);
    expect(store.location).toBe(':memory:');
    expect(existsSync(path.join(dir, TRACE_DATABASE_FILE))).toBe(false);
  });

  it('runs in memory, and says so, where node:sqlite is missing', async () => {
    const { store, notices } = await openTraceStore({ dataDir: dir, withoutNodeSqlite: true });
    toClose.push(store);
    await store.addSpans(checkout);
    expect(store.getSummary(traceId(1))?.spanCount).toBe(2);
    expect(store.durable).toBe(false);
    expect(notices).toEqual([
      expect.stringMatching(/^Traces are kept in memory only .*node:sqlite/),
    ]);
    expect(existsSync(path.join(dir, TRACE_DATABASE_FILE))).toBe(false);
  });
});

describe('openTraceStore with a database it cannot use', () => {
  it('leaves a database from a newer Spanlight untouched and runs in memory', async () => {
    const { dir, cleanup } = await makeTempDir();
    try {
      const { openSqlite } = await import('../../../app/storage/sqlite/node-sqlite');
      const db = openSqlite(path.join(dir, TRACE_DATABASE_FILE));
      db.exec('PRAGMA user_version = 99; CREATE TABLE kept (a)');
      db.close();
      const { store, notices } = await openTraceStore({ dataDir: dir });
      expect(store.durable).toBe(false);
      expect(notices).toEqual([expect.stringMatching(/schema version 99/)]);
      await store.close();
      const again = openSqlite(path.join(dir, TRACE_DATABASE_FILE));
      expect(again.prepare('PRAGMA user_version').get()).toEqual({ user_version: 99 });
      again.close();
    } finally {
      await cleanup();
    }
  });
});
