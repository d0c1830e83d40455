import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TraceStore } from '../../../app/storage/trace-store';
import { memoryTraceStore } from '../../helpers/trace-store';
import { OUTLINE_READ_CHUNKS, OutlineCache } from '../../../app/viewer/outline-cache';
import { GrowingOutline } from '../../../app/viewer/growing-outline';
import { span, trace } from '../../renderer/trace-view/span-fixtures';
import { spanIdsOf } from '../../../app/model/outline-span-ids';
import type { TraceOutline } from '../../../app/model/trace-outline';

const resource = trace([]).resources[0]!;
const scope = { name: 'test-scope' };
async function add(store: TraceStore, ids: string[]) {
  await store.addSpans(
    ids.map((id, i) => ({ span: span({ id, start: i, end: i + 1 }), resource, scope })),
  );
}
const traceId = 'a'.repeat(32);
const idsOf = (outline: TraceOutline | null | undefined) => outline && spanIdsOf(outline);

describe('OutlineCache', () => {
  afterEach(() => vi.useRealTimers());

  it('answers null for a trace that is not stored', () => {
    expect(new OutlineCache(memoryTraceStore()).get(traceId)).toBeNull();
  });

  it('reads nothing while the trace is unchanged, and only the new chunks once spans arrive', async () => {
    const store = memoryTraceStore();
    const cache = new OutlineCache(store);
    const read = vi.spyOn(store, 'outlineColumns');
    await add(store, ['s1']);
    const first = cache.get(traceId)!;
    expect(cache.get(traceId)).toEqual(first);
    expect(read).toHaveBeenCalledTimes(1);
    await add(store, ['s2', 's3']);
    expect(idsOf(cache.get(traceId))).toEqual(['s1', 's2', 's3']);
    expect(read).toHaveBeenCalledTimes(2);
    expect(read.mock.calls[1]).toEqual([traceId, 1, OUTLINE_READ_CHUNKS]);
    expect(read.mock.results[1]?.value.columns.spanIds).toEqual(['s2', 's3']);
  });

  it('reads a big trace a few chunks at a time into its outline', async () => {
    const store = memoryTraceStore();
    const ids = Array.from({ length: OUTLINE_READ_CHUNKS + 8 }, (_, i) => `s${i}`);
    // One write, one chunk: a chunk a span.
    for (const id of ids) await add(store, [id]);
    const read = vi.spyOn(store, 'outlineColumns');
    expect(idsOf(new OutlineCache(store).get(traceId))).toEqual(ids);
    expect(read.mock.calls).toEqual([
      [traceId, 0, OUTLINE_READ_CHUNKS],
      [traceId, OUTLINE_READ_CHUNKS, OUTLINE_READ_CHUNKS],
    ]);
    expect(read.mock.results.map((result) => result.value.columns.spanIds.length)).toEqual([
      OUTLINE_READ_CHUNKS,
      8,
    ]);
  });

  it('answers what was added after a cursor', async () => {
    const store = memoryTraceStore();
    const cache = new OutlineCache(store);
    await add(store, ['s1']);
    const held = cache.get(traceId)!;
    await add(store, ['s2']);
    const part = cache.get(traceId, { spans: 1, names: held.names.length, events: 0 });
    expect(part?.since).toEqual({ spans: 1, names: held.names.length, events: 0 });
    expect(idsOf(part)).toEqual(['s2']);
    // A cursor past what the trace holds (another trace of the same id) gets the whole outline.
    expect(idsOf(cache.get(traceId, { spans: 5, names: 0, events: 0 }))).toEqual(['s1', 's2']);
  });

  it('builds big changed traces ahead of time, once they stop changing', async () => {
    // Only the cache's timers are faked: the store commits on setImmediate.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const store = memoryTraceStore();
    const cache = new OutlineCache(store, { warmFromSpans: 2, settleMs: 10 });
    store.subscribe((change) => cache.onStoreChange(change));
    const read = vi.spyOn(store, 'outlineColumns');
    await add(store, ['s1', 's2']);
    await add(store, ['s3']);
    expect(read).not.toHaveBeenCalled();
    vi.advanceTimersByTime(10);
    expect(read).toHaveBeenCalledTimes(1);
    // Built ahead: asking for it reads nothing more.
    expect(idsOf(cache.get(traceId))).toEqual(['s1', 's2', 's3']);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('brings a trace that keeps growing up to date every so often, not only once it stops', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const store = memoryTraceStore();
    const cache = new OutlineCache(store, { warmFromSpans: 2, settleMs: 100, maxWaitMs: 250 });
    // Changes that do not carry what was added: the outline can only be grown by reading.
    store.subscribe(({ outlineColumnsAdded: _carried, ...change }) => cache.onStoreChange(change));
    const read = vi.spyOn(store, 'outlineColumns');
    // A change every 50 ms: it never settles for 100 ms.
    for (let i = 0; i < 12; i++) {
      await add(store, [`s${i}a`, `s${i}b`]);
      vi.advanceTimersByTime(50);
    }
    expect(read.mock.calls.length).toBeGreaterThanOrEqual(2);
    // Each build took in only the chunks stored since the one before.
    expect(read.mock.calls.map(([, fromChunk]) => fromChunk)).toEqual(
      [...read.mock.calls.map(([, fromChunk]) => fromChunk)].sort((a, b) => (a ?? 0) - (b ?? 0)),
    );
    expect(idsOf(cache.get(traceId))).toHaveLength(24);
  });

  it('grows a held outline by what each write added, without reading the store again', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const store = memoryTraceStore();
    const cache = new OutlineCache(store, { warmFromSpans: 2, settleMs: 100, maxWaitMs: 250 });
    store.subscribe((change) => cache.onStoreChange(change));
    await add(store, ['s0a', 's0b']);
    vi.advanceTimersByTime(100);
    const read = vi.spyOn(store, 'outlineColumns');
    for (let i = 1; i < 12; i++) {
      await add(store, [`s${i}a`, `s${i}b`]);
      vi.advanceTimersByTime(50);
    }
    const outline = cache.get(traceId);
    expect(read).not.toHaveBeenCalled();
    expect(idsOf(outline)).toEqual(
      Array.from({ length: 12 }, (_, i) => [`s${i}a`, `s${i}b`]).flat(),
    );
    // The same outline as one built from the store in one go.
    expect(outline).toEqual(store.getOutline(traceId));
  });

  it('keeps outlines within its byte budget, dropping the least recently used, but always the last', async () => {
    const store = memoryTraceStore();
    const ids = ['a', 'b', 'c'].map((letter) => letter.repeat(32));
    const addTo = (id: string, count: number) =>
      store.addSpans(
        Array.from({ length: count }, (_, i) => ({
          span: { ...span({ id: `s${i}`, start: i, end: i + 1 }), traceId: id },
          resource,
          scope,
        })),
      );
    for (const id of ids) await addTo(id, 100);
    const oneBytes = new GrowingOutline(ids[0]!).append(
      store.outlineColumns(ids[0]!)!.columns,
    ).estimatedBytes;
    const cache = new OutlineCache(store, { maxBytes: oneBytes * 2, capacity: 10 });
    const built = vi.spyOn(store, 'outlineColumns');
    for (const id of ids) cache.get(id);
    expect(cache.heldBytes).toBe(oneBytes * 2);
    built.mockClear();
    cache.get(ids[2]!);
    cache.get(ids[1]!);
    expect(built).not.toHaveBeenCalled();
    cache.get(ids[0]!);
    expect(built).toHaveBeenCalledTimes(1);
    // One outline bigger than the whole budget is still kept, alone.
    const small = new OutlineCache(store, { maxBytes: 1 });
    built.mockClear();
    const outline = small.get(ids[0]!);
    expect(small.get(ids[0]!)).toEqual(outline);
    expect(built).toHaveBeenCalledTimes(1);
    expect(small.heldBytes).toBe(oneBytes);
  });
});
