import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TraceStore } from '../../../app/storage/trace-store';
import { memoryTraceStore } from '../../helpers/trace-store';
import { estimatedOutlineBytes, OutlineCache } from '../../../app/viewer/outline-cache';
import { span, trace } from '../../renderer/trace-view/span-fixtures';

const resource = trace([]).resources[0]!;
const scope = { name: 'test-scope' };
async function add(store: TraceStore, ids: string[]) {
  await store.addSpans(
    ids.map((id, i) => ({ span: span({ id, start: i, end: i + 1 }), resource, scope })),
  );
}
const traceId = 'a'.repeat(32);

describe('OutlineCache', () => {
  afterEach(() => vi.useRealTimers());

  it('answers null for a trace that is not stored', () => {
    expect(new OutlineCache(memoryTraceStore()).get(traceId)).toBeNull();
  });

  it('keeps an outline while the trace is unchanged and rebuilds it once spans arrive', async () => {
    const store = memoryTraceStore();
    const cache = new OutlineCache(store);
    await add(store, ['s1']);
    const first = cache.get(traceId);
    expect(cache.get(traceId)).toBe(first);
    await add(store, ['s2']);
    expect(cache.get(traceId)?.spanIds).toEqual(['s1', 's2']);
  });

  it('builds big changed traces ahead of time, once they stop changing', async () => {
    // Only the cache's timers are faked: the store commits on setImmediate.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const store = memoryTraceStore();
    const cache = new OutlineCache(store, { warmFromSpans: 2, settleMs: 10 });
    store.subscribe((change) => cache.onStoreChange(change));
    const get = vi.spyOn(cache, 'get');
    await add(store, ['s1', 's2']);
    await add(store, ['s3']);
    expect(get).not.toHaveBeenCalled();
    vi.advanceTimersByTime(10);
    expect(get).toHaveBeenCalledTimes(1);
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
    const oneBytes = estimatedOutlineBytes(store.getOutline(ids[0]!)!);
    const cache = new OutlineCache(store, { maxBytes: oneBytes * 2, capacity: 10 });
    const built = vi.spyOn(store, 'getOutline');
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
    const outline = small.get(ids[0]!);
    expect(small.get(ids[0]!)).toBe(outline);
    expect(small.heldBytes).toBe(oneBytes);
  });
});
