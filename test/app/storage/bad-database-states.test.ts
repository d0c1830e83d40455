// A trace database in a bad state: not SQLite, damaged, from a newer Spanlight, or on a disk that
// fills up while Spanlight runs. Nothing is deleted silently, the app keeps running, and the
// window is told what happened and where the old file is.
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IncomingSpan } from '../../../app/storage/incoming-span';
import { openTraceStore, TRACE_DATABASE_FILE } from '../../../app/storage/open-trace-store';
import { openSqlite } from '../../../app/storage/sqlite/node-sqlite';
import { SqliteBackend } from '../../../app/storage/sqlite/sqlite-backend';
import type { TraceStore } from '../../../app/storage/trace-store';
import { makeTempDir } from '../../helpers/temp-dir';

const resource = { attributes: [{ key: 'service.name', value: { stringValue: 'shop' } }] };
const traceId = (n: number) => n.toString(16).padStart(32, '0');

/** `count` spans of trace n, with `padding` characters of attribute text each. */
function spans(n: number, count = 1, padding = 200): IncomingSpan[] {
  return Array.from({ length: count }, (_, i) => ({
    resource,
    scope: { name: 'bad-states' },
    span: {
      traceId: traceId(n),
      spanId: (i + 1).toString(16).padStart(16, '0'),
      name: `op-${i % 4}`,
      kind: 1,
      startTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(n) * 1_000_000n),
      endTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(n) * 1_000_000n + 500n),
      attributes: [{ key: 'payload', value: { stringValue: `${n}-${i}-`.padEnd(padding, 'x') } }],
    },
  }));
}

describe('bad trace database states', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  const toClose: TraceStore[] = [];
  const file = () => path.join(dir, TRACE_DATABASE_FILE);
  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    for (const store of toClose.splice(0)) await store.close();
    await cleanup();
  });
  const open = async (options: { maxPageCountForTests?: number } = {}) => {
    const opened = await openTraceStore({ dataDir: dir, ...options });
    toClose.push(opened.store);
    return opened;
  };
  const movedAside = async () =>
    (await readdir(dir)).filter((name) => name.startsWith(`${TRACE_DATABASE_FILE}.corrupt-`));

  it('moves a file that is not SQLite aside, keeps it whole, and starts a fresh database', async () => {
    const text = 'these are my notes, not a database\n'.repeat(200);
    await writeFile(file(), text);
    await writeFile(`${file()}-wal`, 'not a log either');
    const { store, notices } = await open();
    expect(store.durable).toBe(true);
    const [moved, ...others] = (await movedAside()).sort();
    expect(moved).toMatch(/^traces\.sqlite\.corrupt-\d{4}-\d\d-\d\dT[\d-]+Z$/);
    expect(others).toEqual([`${moved}-wal`]);
    expect(await readFile(path.join(dir, moved!), 'utf8')).toBe(text);
    expect(notices).toEqual([
      expect.stringContaining(
        `was damaged (file is not a database), so it was moved to ${path.join(dir, moved!)}`,
      ),
    ]);
    await store.addSpans(spans(1));
    expect(store.traceCount).toBe(1);
  });

  /** A database of 40 traces, then every other page from the fourth on overwritten with garbage
   * (page headers and overflow links too, which quick_check follows); `killed` leaves it as a crash
   * would (not marked closed). */
  async function damagedDatabase(killed: boolean): Promise<Buffer> {
    const first = await open();
    for (let n = 1; n <= 40; n++) await first.store.addSpans(spans(n, 20));
    await toClose.pop()!.close();
    if (killed) {
      const db = openSqlite(file());
      db.exec("UPDATE store_meta SET value = 1 WHERE key = 'open'");
      db.close();
    }
    const damaged = Buffer.from(await readFile(file()));
    for (let at = 4096 * 3; at < damaged.length - 4096; at += 4096 * 2)
      damaged.fill(0xa5, at, at + 4096);
    await writeFile(file(), damaged);
    return damaged;
  }

  it('after a crash, moves a database that fails its quick_check aside, with a fresh one in its place', async () => {
    const damaged = await damagedDatabase(true);
    const quickCheck = vi.spyOn(SqliteBackend.prototype, 'quickCheck');
    const { store, notices } = await open();
    // quick_check is what found it: it reported problems, or SQLite stopped it with SQLITE_CORRUPT.
    const [checked] = quickCheck.mock.results;
    expect(checked?.type === 'throw' || (checked?.value as string[]).length > 0).toBe(true);
    quickCheck.mockRestore();
    expect(notices[0]).toMatch(
      /was damaged \((quick_check found (a problem|\d+ problems): (?!\*)|database disk image is malformed)/,
    );
    const [moved] = await movedAside();
    expect(await readFile(path.join(dir, moved!))).toEqual(damaged);
    expect(store.traceCount).toBe(0);
    expect(store.durable).toBe(true);
  });

  it('moves aside a database closed cleanly and damaged since, once loading finds the damage', async () => {
    const damaged = await damagedDatabase(false);
    const { store, notices } = await open();
    expect(notices[0]).toMatch(/was damaged \(.*malformed.*\), so it was moved to/);
    const [moved] = await movedAside();
    expect(await readFile(path.join(dir, moved!))).toEqual(damaged);
    expect(store.traceCount).toBe(0);
  });

  it('checks a database only when the last run did not close it', async () => {
    const quickCheck = vi.spyOn(SqliteBackend.prototype, 'quickCheck');
    const first = await open();
    await first.store.addSpans(spans(1));
    await toClose.pop()!.close();
    // New: no mark yet, so checked (at no cost); then closed cleanly, so not checked.
    expect(quickCheck).toHaveBeenCalledTimes(1);
    await toClose.pop()?.close();
    const second = await open();
    expect(quickCheck).toHaveBeenCalledTimes(1);
    await toClose.pop()!.close();
    // As a kill leaves it: the mark still set.
    const db = openSqlite(file());
    db.exec("UPDATE store_meta SET value = 1 WHERE key = 'open'");
    db.close();
    const third = await open();
    expect(quickCheck).toHaveBeenCalledTimes(2);
    expect(third.store.traceCount).toBe(1);
    expect(second.notices).toEqual([]);
    quickCheck.mockRestore();
  });

  it('keeps a database from a newer Spanlight untouched, runs in memory and says which version', async () => {
    const db = openSqlite(file());
    db.exec('PRAGMA user_version = 99; CREATE TABLE kept (a)');
    db.close();
    const before = await readFile(file());
    const { store, notices } = await open();
    expect(store.durable).toBe(false);
    expect(notices).toEqual([
      expect.stringMatching(
        /memory only.*schema version 99.*A newer Spanlight wrote it; it is kept untouched/,
      ),
    ]);
    expect(await movedAside()).toEqual([]);
    await store.close();
    expect(await readFile(file())).toEqual(before);
  });

  // A tiny file system needs root to mount; PRAGMA max_page_count makes SQLite fail a write that
  // would grow the file past that many pages with SQLITE_FULL ("database or disk is full"), the
  // same result code and the same path through the store as ENOSPC from a full disk.
  it('keeps running in memory once the disk is full, saying so and counting the spans not saved', async () => {
    const seed = await open();
    for (let n = 1; n <= 3; n++) await seed.store.addSpans(spans(n, 10));
    await seed.store.setPinned(traceId(1), true);
    await toClose.pop()!.close();
    const pages = Math.ceil((await readFile(file())).length / 4096);
    const { store } = await open({ maxPageCountForTests: pages + 4 });
    const heard: string[][] = [];
    store.onNoticesChanged(() => heard.push(store.notices()));
    let added = 0;
    for (let n = 4; n <= 30; n++) {
      const result = await store.addSpans(spans(n, 10));
      expect(result.storedSpans).toBe(10);
      added += 10;
    }
    expect(store.durable).toBe(false);
    const stats = store.stats();
    expect(stats.traceCount).toBe(30);
    expect(stats.unsavedSpanCount).toBeGreaterThan(0);
    expect(stats.unsavedSpanCount).toBeLessThanOrEqual(added);
    expect(store.notices()).toEqual([
      expect.stringMatching(
        new RegExp(
          `^The disk is full: the trace database .*traces\\.sqlite could not take more spans \\(database or disk is full\\)\\. .*${stats.unsavedSpanCount.toLocaleString('en-US')} spans received since were not saved`,
        ),
      ),
    ]);
    expect(heard.length).toBeGreaterThan(0);
    // Everything reads as before: traces saved in the file and those kept in memory, whole.
    for (const n of [1, 2, 3, 29, 30]) {
      expect(store.getTrace(traceId(n))?.spans).toHaveLength(10);
      expect(store.getSpan(traceId(n), '3'.padStart(16, '0'))?.span.name).toBe('op-2');
    }
    expect(
      store.queryTraces({
        query: { attributes: [{ key: 'payload', value: `2-1-`.padEnd(200, 'x') }] },
      }).matchedTraces,
    ).toBe(1);
    expect(
      store.queryTraces({
        query: { attributes: [{ key: 'payload', value: `30-1-`.padEnd(200, 'x') }] },
      }).matchedTraces,
    ).toBe(1);
    // A trace of the file gains spans, others are deleted and pinned: all in memory.
    await store.addSpans(spans(2, 12).slice(10));
    expect(store.getTrace(traceId(2))?.spans).toHaveLength(12);
    expect(await store.deleteTraces([traceId(3), traceId(30)])).toBe(2);
    expect(store.getTrace(traceId(3))).toBeUndefined();
    expect(await store.setPinned(traceId(29), true)).toBe(true);
    // After a restart the file is whole and opens cleanly, with what was saved before the disk filled.
    await toClose.pop()!.close();
    const db = openSqlite(file());
    expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    db.close();
    const { store: reopened, notices } = await open();
    expect(notices).toEqual([]);
    expect(reopened.traceCount).toBe(30 - stats.unsavedSpanCount / 10);
    expect(reopened.getSummary(traceId(1))?.pinned).toBe(true);
    expect(reopened.getTrace(traceId(3))?.spans).toHaveLength(10);
    expect(existsSync(`${file()}.corrupt`)).toBe(false);
  });
});
