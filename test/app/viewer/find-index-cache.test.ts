import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OtlpResource } from '../../../app/model/otlp';
import type { DatabaseTraceStore } from '../../../app/storage/database-trace-store';
import type { IncomingSpan } from '../../../app/storage/incoming-span';
import { MAX_CHUNK_SPANS } from '../../../app/storage/span-chunk';
import { FindIndexCache } from '../../../app/viewer/find-index-cache';
import { OutlineCache } from '../../../app/viewer/outline-cache';
import { findSpans } from '../../../app/viewer/find-spans';
import { memoryTraceStore } from '../../helpers/trace-store';
import { spanIdAt } from '../../../app/model/outline-span-ids';

const TRACE = 'ab'.repeat(16);
const shop: OtlpResource = {
  attributes: [{ key: 'service.name', value: { stringValue: 'Shop' } }],
};
const mailer: OtlpResource = {
  attributes: [{ key: 'service.name', value: { stringValue: 'mailer' } }],
};

function span(i: number, name = `operation ${i % 7}`): IncomingSpan {
  return {
    resource: i % 3 === 0 ? mailer : shop,
    scope: { name: 'test' },
    span: {
      traceId: TRACE,
      spanId: (i + 1).toString(16).padStart(16, '0'),
      ...(i > 0 && { parentSpanId: '1'.padStart(16, '0') }),
      name,
      kind: 1,
      startTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(i) * 1000n),
      endTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(i) * 1000n + 500n),
      attributes: [
        { key: 'url.path', value: { stringValue: `/api/Items/${i}` } },
        { key: 'span.index', value: { intValue: String(i) } },
        ...(i % 5 === 0
          ? [{ key: 'tags', value: { arrayValue: { values: [{ stringValue: 'Σίσυφος' }] } } }]
          : []),
      ],
      events: i % 4 === 0 ? [{ timeUnixNano: '1', name: 'cache.MISS', attributes: [] }] : [],
    },
  };
}

const spans = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, k) => span(from + k));

// Each query against what findSpans answers over the whole trace.
const QUERIES = [
  'operation 3',
  'MAILER',
  'shop',
  'url.path',
  '/api/items/1',
  '/api/items/4099',
  '17',
  'miss',
  'σίσυφος',
  'ΣΊΣΥΦΟΣ',
  'arrayValue',
  '  ',
  'nothing like this',
  'o',
  'path\u0000/api',
];

describe('FindIndexCache', () => {
  const opened: DatabaseTraceStore[] = [];
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
  });
  const open = () => {
    const store = memoryTraceStore();
    opened.push(store);
    return { store, cache: new FindIndexCache(store, { warmFromSpans: Infinity }) };
  };
  const expectSameAsFindSpans = (store: DatabaseTraceStore, cache: FindIndexCache) => {
    const trace = store.getTrace(TRACE)!;
    for (const query of QUERIES)
      expect(cache.findSpans(TRACE, query), query).toEqual(findSpans(trace, query));
  };

  it('answers what findSpans answers over the whole trace, over several chunks', async () => {
    const { store, cache } = open();
    await store.addSpans(spans(0, MAX_CHUNK_SPANS * 2 + 10));
    expectSameAsFindSpans(store, cache);
    expect(cache.findSpans(TRACE, '/api/items/4099')).toEqual(['1004'.padStart(16, '0')]);
  });

  it('stays correct after spans are added to the trace', async () => {
    const { store, cache } = open();
    await store.addSpans(spans(0, 100));
    expectSameAsFindSpans(store, cache);
    expect(cache.findSpans(TRACE, 'late arrival')).toEqual([]);
    // A few at a time, then many: the index takes in only what is new, each time.
    for (let from = 100; from < 130; from += 3) {
      await store.addSpans(spans(from, from + 3));
      expectSameAsFindSpans(store, cache);
    }
    await store.addSpans([...spans(130, MAX_CHUNK_SPANS + 500), span(5000, 'late arrival')]);
    expectSameAsFindSpans(store, cache);
    expect(cache.findSpans(TRACE, 'late arrival')).toEqual(['1389'.padStart(16, '0')]);
  });

  it('forgets a removed trace, and answers undefined for an unknown one', async () => {
    const { store, cache } = open();
    store.subscribe((change) => cache.onStoreChange(change));
    await store.addSpans(spans(0, 50));
    expect(cache.findSpans(TRACE, 'operation 1')).not.toEqual([]);
    await store.deleteTraces([TRACE]);
    expect(cache.findSpans(TRACE, 'operation 1')).toBeUndefined();
    // More spans than before, none named as before: an index kept would answer the old names.
    await store.addSpans(Array.from({ length: 60 }, (_, i) => span(i, 'again')));
    expect(cache.findSpans(TRACE, 'operation')).toEqual([]);
    expect(cache.findSpans(TRACE, 'again')).toHaveLength(60);
    expect(cache.findSpans('cd'.repeat(16), 'again')).toBeUndefined();
  });

  it('keeps indexes within its byte budget, still answering for every trace', async () => {
    const store = memoryTraceStore();
    opened.push(store);
    const cache = new FindIndexCache(store, { maxBytes: 1, warmFromSpans: Infinity });
    const other = 'cd'.repeat(16);
    await store.addSpans(spans(0, 20));
    await store.addSpans(
      spans(0, 20).map((incoming) => ({ ...incoming, span: { ...incoming.span, traceId: other } })),
    );
    expect(cache.findSpans(TRACE, '/api/items/19')).toEqual(['14'.padStart(16, '0')]);
    expect(cache.findSpans(other, '/api/items/19')).toEqual(['14'.padStart(16, '0')]);
    expect(cache.findSpans(TRACE, '/api/items/19')).toEqual(['14'.padStart(16, '0')]);
  });

  it('builds big changed traces ahead in slices; a query during the build answers in full', async () => {
    const store = memoryTraceStore();
    opened.push(store);
    const cache = new FindIndexCache(store, { warmFromSpans: 1_000, settleMs: 0, sliceSpans: 500 });
    // Without the spans a write hands over: the index is read back from the store.
    store.subscribe(({ changedTraceIds, removedTraceIds }) =>
      cache.onStoreChange({ changedTraceIds, removedTraceIds }),
    );
    await store.addSpans(spans(0, 5_000));
    // The build has begun (the first slice) but not finished: this query completes it.
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(cache.findSpans(TRACE, '/api/items/4999')).toEqual(['1388'.padStart(16, '0')]);
    expectSameAsFindSpans(store, cache);

    await store.addSpans(spans(5_000, 9_000));
    const read = vi.spyOn(store, 'findableSpans');
    await vi.waitFor(() => expect(read).toHaveBeenCalledTimes(1));
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Built ahead: the query reads no span from the store.
    expect(cache.findSpans(TRACE, '/api/items/8999')).toEqual(['2328'.padStart(16, '0')]);
    expect(read).toHaveBeenCalledTimes(1);
    expectSameAsFindSpans(store, cache);
    cache.close();
  });

  it('extends an index with the spans each write hands over, reading none back', async () => {
    const store = memoryTraceStore();
    opened.push(store);
    const cache = new FindIndexCache(store, { warmFromSpans: 1_000, settleMs: 0 });
    store.subscribe((change) => cache.onStoreChange(change));
    const read = vi.spyOn(store, 'findableSpans');
    // A big trace arriving (an import): indexed from its first write on.
    await store.addSpans(spans(0, MAX_CHUNK_SPANS + 100));
    for (let from = MAX_CHUNK_SPANS + 100; from < 5_000; from += 700)
      await store.addSpans(spans(from, Math.min(5_000, from + 700)));
    // Some already stored (the store ignores them), some new.
    await store.addSpans([...spans(4_990, 5_010), span(6_000, 'late arrival')]);
    expect(read.mock.calls.filter(([, fromSpan]) => fromSpan === 0)).toEqual([]);
    const asked = read.mock.calls.length;
    expectSameAsFindSpans(store, cache);
    expect(cache.findSpans(TRACE, 'late arrival')).toEqual(['1771'.padStart(16, '0')]);
    // The queries read nothing from the store: the index held every span.
    expect(read).toHaveBeenCalledTimes(asked);
    // Each match's place is its index in the trace's outline.
    const outline = new OutlineCache(store).get(TRACE)!;
    for (const query of ['operation 3', '/api/items/4', 'late arrival', 'miss']) {
      const found = cache.find(TRACE, query)!;
      expect(found.spanIndexes).toHaveLength(found.spanIds.length);
      expect(found.spanIndexes!.map((index) => spanIdAt(outline, index))).toEqual(found.spanIds);
    }
    cache.close();
  });

  it('indexes a big trace whose first write was small, reading back only what came before', async () => {
    const store = memoryTraceStore();
    opened.push(store);
    const cache = new FindIndexCache(store, { warmFromSpans: 1_000, settleMs: 60_000 });
    store.subscribe((change) => cache.onStoreChange(change));
    const read = vi.spyOn(store, 'findableSpans');
    // An import's first spans come in a small batch, then the rest.
    await store.addSpans(spans(0, 50));
    for (let from = 50; from < 5_000; from += 2_000)
      await store.addSpans(spans(from, Math.min(5_000, from + 2_000)));
    // Once, for the 50 spans stored before the trace became big.
    expect(read.mock.calls).toEqual([[TRACE, 0]]);
    expectSameAsFindSpans(store, cache);
    expect(read).toHaveBeenCalledTimes(1);
    cache.close();
  });
});
