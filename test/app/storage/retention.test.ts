import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DatabaseTraceStore,
  type DatabaseTraceStoreOptions,
} from '../../../app/storage/database-trace-store';
import type { IncomingSpan } from '../../../app/storage/incoming-span';
import { DEFAULT_RETENTION, type RetentionLimits } from '../../../app/storage/trace-store';
import { makeTempDir } from '../../helpers/temp-dir';
import { backendFor, storeModes, type StoreMode } from '../../helpers/trace-store';

const resource = { attributes: [{ key: 'service.name', value: { stringValue: 'shop' } }] };
const scope = { name: 'retention-test' };

const traceId = (n: number) => n.toString(16).padStart(32, '0');

/** `count` spans of trace n, each carrying `padding` characters of attribute text. */
function spans(n: number, count = 1, padding = 0, first = 0): IncomingSpan[] {
  return Array.from({ length: count }, (_, i) => ({
    resource,
    scope,
    span: {
      traceId: traceId(n),
      spanId: (first + i + 1).toString(16).padStart(16, '0'),
      parentSpanId: i === 0 && first === 0 ? undefined : '1'.padStart(16, '0'),
      name: `op-${i % 3}`,
      kind: 1,
      startTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(n) * 1000n),
      endTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(n) * 1000n + 500n),
      attributes: padding
        ? [{ key: 'payload', value: { stringValue: `${n}-${i}-`.padEnd(padding, 'x') } }]
        : [],
      status: { code: 1 },
    },
  }));
}

const limits = (change: Partial<RetentionLimits>): RetentionLimits => ({
  ...DEFAULT_RETENTION,
  ...change,
});

const storedIds = (store: DatabaseTraceStore) =>
  store
    .listTraces()
    .map((summary) => parseInt(summary.traceId, 16))
    .sort((a, b) => a - b);

describe.each(storeModes)('retention (%s)', (mode: StoreMode) => {
  let dir: string;
  let cleanup: () => Promise<void>;
  const opened: DatabaseTraceStore[] = [];
  const open = (options: DatabaseTraceStoreOptions = {}) => {
    const backend = backendFor(mode, dir);
    try {
      const store = new DatabaseTraceStore(backend, options);
      opened.push(store);
      return store;
    } catch (error) {
      backend.close();
      throw error;
    }
  };
  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
  });
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    await cleanup();
  });

  it('evicts the trace that least recently received spans first, not the first to arrive', async () => {
    const store = open({ maxTraces: 3 });
    for (const n of [1, 2, 3]) await store.addSpans(spans(n));
    // Trace 1 receives a span again: trace 2 is now the least recently received.
    await store.addSpans(spans(1, 1, 0, 5));
    await store.addSpans(spans(4));
    expect(storedIds(store)).toEqual([1, 3, 4]);
    await store.addSpans(spans(5));
    expect(storedIds(store)).toEqual([1, 4, 5]);
    expect(store.droppedTraceCount).toBe(2);
  });

  it('keeps the eviction order across a restart', async () => {
    if (mode !== 'database file') return;
    let clock = 1_000;
    const first = open({ maxTraces: 3, now: () => clock });
    for (const n of [1, 2, 3]) {
      clock += 10;
      await first.addSpans(spans(n));
    }
    clock += 10;
    await first.addSpans(spans(1, 1, 0, 5));
    await first.close();
    const second = open({ maxTraces: 3, now: () => clock });
    await second.addSpans(spans(4));
    expect(storedIds(second)).toEqual([1, 3, 4]);
  });

  it('never evicts a pinned trace, by count, and keeps its pin across a restart', async () => {
    const store = open({ maxTraces: 2 });
    await store.addSpans(spans(1));
    expect(await store.setPinned(traceId(1), true)).toBe(true);
    expect(store.getSummary(traceId(1))?.pinned).toBe(true);
    expect(store.pinnedTraceCount).toBe(1);
    for (const n of [2, 3, 4]) await store.addSpans(spans(n));
    expect(storedIds(store)).toEqual([1, 4]);
    expect(await store.setPinned(traceId(99), true)).toBe(false);
    await store.setPinned(traceId(1), false);
    expect(store.getSummary(traceId(1))?.pinned).toBeUndefined();
    await store.addSpans(spans(5));
    expect(storedIds(store)).toEqual([4, 5]);
    if (mode !== 'database file') return;
    await store.setPinned(traceId(4), true);
    await store.close();
    const reopened = open({ maxTraces: 2 });
    expect(reopened.getSummary(traceId(4))?.pinned).toBe(true);
    expect(reopened.pinnedTraceCount).toBe(1);
  });

  it('holds more than the count limit rather than evict pinned traces', async () => {
    const store = open({ maxTraces: 2 });
    for (const n of [1, 2]) {
      await store.addSpans(spans(n));
      await store.setPinned(traceId(n), true);
    }
    await store.addSpans(spans(3));
    expect(storedIds(store)).toEqual([1, 2, 3]);
    // The next new trace evicts the unpinned one.
    await store.addSpans(spans(4));
    expect(storedIds(store)).toEqual([1, 2, 4]);
  });

  it('tells subscribers of a pin, so the list can mark the trace', async () => {
    const store = open();
    await store.addSpans(spans(1));
    const changes: unknown[] = [];
    store.subscribe((change) => changes.push(change));
    await store.setPinned(traceId(1), true);
    expect(changes).toEqual([{ changedTraceIds: [traceId(1)], removedTraceIds: [] }]);
  });

  it('stays under the size limit, evicting the least recently received unpinned traces whole', async () => {
    const maxBytes = 2 * 1024 * 1024;
    const store = open({ retention: { maxBytes } });
    await store.addSpans(spans(1, 20, 1000));
    await store.setPinned(traceId(1), true);
    for (let n = 2; n <= 60; n++) {
      await store.addSpans(spans(n, 20, 1000));
      expect(store.stats().usedBytes).toBeLessThanOrEqual(maxBytes);
    }
    const kept = storedIds(store);
    expect(kept[0]).toBe(1);
    // The rest are the newest ones, without a gap: the oldest went first.
    const unpinned = kept.slice(1);
    expect(unpinned.at(-1)).toBe(60);
    expect(unpinned).toEqual(
      Array.from({ length: unpinned.length }, (_, i) => 60 - unpinned.length + 1 + i),
    );
    expect(unpinned.length).toBeGreaterThan(5);
    expect(store.droppedTraceCount).toBe(59 - unpinned.length);
    // Whole traces: every kept trace has all its spans.
    for (const n of kept) expect(store.getSummary(traceId(n))?.spanCount).toBe(20);
  });

  it('evicts down to a lowered size or count limit at once', async () => {
    const store = open();
    for (let n = 1; n <= 30; n++) await store.addSpans(spans(n, 10, 1000));
    const before = store.stats().usedBytes;
    await store.setRetention(limits({ maxBytes: Math.floor(before / 2) }));
    expect(store.stats().usedBytes).toBeLessThanOrEqual(Math.floor(before / 2));
    const kept = storedIds(store);
    expect(kept.at(-1)).toBe(30);
    expect(kept.length).toBeLessThan(30);
    await store.setRetention(limits({ maxTraces: 3 }));
    expect(storedIds(store)).toEqual([28, 29, 30]);
    expect(store.retention.maxTraces).toBe(3);
  });

  it('evicts traces whose last span is older than the age limit, but not pinned ones', async () => {
    let clock = 1_000_000;
    const store = open({ now: () => clock });
    await store.addSpans(spans(1));
    await store.addSpans(spans(2));
    await store.setPinned(traceId(2), true);
    clock += 5_000;
    await store.addSpans(spans(3));
    clock += 1_000;
    await store.setRetention(limits({ maxAgeMs: 3_000 }));
    expect(storedIds(store)).toEqual([2, 3]);
    clock += 10_000;
    // Any write applies the age limit.
    await store.addSpans(spans(4));
    expect(storedIds(store)).toEqual([2, 4]);
  });

  it('applies the age limit while nothing is written', async () => {
    let clock = 1_000_000;
    const store = open({ now: () => clock, ageCheckIntervalMs: 10 });
    await store.setRetention(limits({ maxAgeMs: 1_000 }));
    await store.addSpans(spans(1));
    const removed = new Promise((resolve) =>
      store.subscribe((change) => change.removedTraceIds.length && resolve(change)),
    );
    clock += 2_000;
    await expect(removed).resolves.toEqual({ changedTraceIds: [], removedTraceIds: [traceId(1)] });
    expect(store.traceCount).toBe(0);
  });

  it('evicts at start what a database kept beyond the limits', async () => {
    if (mode !== 'database file') return;
    const first = open();
    for (let n = 1; n <= 5; n++) await first.addSpans(spans(n));
    await first.setPinned(traceId(1), true);
    await first.close();
    const second = open({ maxTraces: 2 });
    expect(storedIds(second)).toEqual([1, 5]);
    expect(second.droppedTraceCount).toBe(3);
  });

  it('counts traces, spans, pins and bytes in its stats', async () => {
    const store = open({ retention: { maxBytes: 64 * 1024 * 1024, maxAgeMs: 60_000 } });
    await store.addSpans(spans(1, 4));
    await store.addSpans(spans(2, 3));
    await store.setPinned(traceId(2), true);
    const stats = store.stats();
    expect(stats).toMatchObject({
      traceCount: 2,
      spanCount: 7,
      pinnedTraceCount: 1,
      droppedTraceCount: 0,
      unsavedSpanCount: 0,
      durable: mode === 'database file',
      limits: { maxBytes: 64 * 1024 * 1024, maxAgeMs: 60_000, maxTraces: 10_000 },
    });
    expect(stats.usedBytes).toBeGreaterThan(0);
    expect(stats.fileBytes).toBeGreaterThan(0);
  });

  it('deletes attribute values no stored trace has any more, and indexes them again when they return', async () => {
    const store = open();
    const payload = (n: number) => ({ key: 'payload', value: `${n}-0-`.padEnd(100, 'x') });
    const matching = (n: number) =>
      store.queryTraces({ query: { attributes: [payload(n)] } }).matchedTraces;
    await store.addSpans(spans(1, 1, 100));
    await store.addSpans(spans(2, 1, 100));
    const before = store.stats().usedBytes;
    await store.deleteTraces([traceId(1)]);
    expect(matching(1)).toBe(0);
    expect(matching(2)).toBe(1);
    if (mode === 'without node:sqlite') expect(store.stats().usedBytes).toBeLessThan(before);
    // The same value again, in a new trace and with the same resource: found by the filter.
    const again = spans(3, 1, 100).map((item) => ({
      ...item,
      span: {
        ...item.span,
        attributes: [{ key: 'payload', value: { stringValue: payload(1).value } }],
      },
    }));
    await store.addSpans(again);
    expect(matching(1)).toBe(1);
    expect(
      store.queryTraces({ query: { attributes: [{ key: 'service.name', value: 'shop' }] } })
        .matchedTraces,
    ).toBe(2);
  });

  it('refuses limits that are not positive whole numbers', () => {
    expect(() => open({ retention: { maxBytes: 0 } })).toThrow(/maxBytes/);
    const store = open();
    expect(() => store.setRetention(limits({ maxAgeMs: 1.5 }))).toThrow(/maxAgeMs/);
    expect(store.retention).toEqual(DEFAULT_RETENTION);
  });
});
