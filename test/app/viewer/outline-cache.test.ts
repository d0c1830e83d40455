import { afterEach, describe, expect, it, vi } from 'vitest';
import { TraceStore } from '../../../app/store/trace-store';
import { OutlineCache } from '../../../app/viewer/outline-cache';
import { span, trace } from '../../renderer/trace-view/span-fixtures';

const resource = trace([]).resources[0]!;
const scope = { name: 'test-scope' };
function add(store: TraceStore, ids: string[]) {
  store.addSpans(
    ids.map((id, i) => ({ span: span({ id, start: i, end: i + 1 }), resource, scope })),
  );
}
const traceId = 'a'.repeat(32);

describe('OutlineCache', () => {
  afterEach(() => vi.useRealTimers());

  it('answers null for a trace that is not stored', () => {
    expect(new OutlineCache(new TraceStore()).get(traceId)).toBeNull();
  });

  it('keeps an outline while the trace is unchanged and rebuilds it once spans arrive', () => {
    const store = new TraceStore();
    const cache = new OutlineCache(store);
    add(store, ['s1']);
    const first = cache.get(traceId);
    expect(cache.get(traceId)).toBe(first);
    add(store, ['s2']);
    expect(cache.get(traceId)?.spanIds).toEqual(['s1', 's2']);
  });

  it('builds big changed traces ahead of time, once they stop changing', () => {
    vi.useFakeTimers();
    const store = new TraceStore();
    const cache = new OutlineCache(store, { warmFromSpans: 2, settleMs: 10 });
    store.subscribe((change) => cache.onStoreChange(change));
    const get = vi.spyOn(cache, 'get');
    add(store, ['s1', 's2']);
    add(store, ['s3']);
    expect(get).not.toHaveBeenCalled();
    vi.advanceTimersByTime(10);
    expect(get).toHaveBeenCalledTimes(1);
  });
});
