import { beforeAll, describe, expect, it } from 'vitest';
import { createTraceSearch } from '../../../app/search/trace-search';
import { memoryTraceStore } from '../../helpers/trace-store';
import { storeWith, spansOf, traceId, type SpanSpec } from './search-fixtures';

// Trace 1 (starts at 0 ms, 100 ms, ok):
//   place-order [shop]  http.method=POST
//   ├── INSERT orders [db]  db.rows=1
//   └── GET /page [web]
// Trace 2 (starts at 60 s, 2 s, failed):
//   place-order [shop]  http.method=POST, customer.tier=gold
//   ├── authorize-payment [shop]  ERROR  payment.declined=true
//   └── INSERT orders [db]  db.rows=1
// Trace 3 (starts at 120 s, 250 ms, root named differently):
//   refund [billing]
//   └── INSERT orders [db]  db.rows=2
const trace1: SpanSpec[] = [
  {
    id: 'a1',
    name: 'place-order',
    service: 'shop',
    startMs: 0,
    durationMs: 100,
    attributes: { 'http.method': 'POST' },
  },
  {
    id: 'a2',
    parent: 'a1',
    name: 'INSERT orders',
    service: 'db',
    startMs: 10,
    durationMs: 40,
    attributes: { 'db.rows': 1 },
  },
  { id: 'a3', parent: 'a1', name: 'GET /page', service: 'web', startMs: 60, durationMs: 30 },
];
const trace2: SpanSpec[] = [
  {
    id: 'b1',
    name: 'place-order',
    service: 'shop',
    startMs: 60_000,
    durationMs: 2000,
    error: true,
    attributes: { 'http.method': 'POST', 'customer.tier': 'gold' },
  },
  {
    id: 'b2',
    parent: 'b1',
    name: 'authorize-payment',
    service: 'shop',
    startMs: 60_010,
    durationMs: 1500,
    error: true,
    attributes: { 'payment.declined': true },
  },
  {
    id: 'b3',
    parent: 'b1',
    name: 'INSERT orders',
    service: 'db',
    startMs: 61_600,
    durationMs: 300,
    attributes: { 'db.rows': 1 },
  },
];
const trace3: SpanSpec[] = [
  { id: 'c1', name: 'refund', service: 'billing', startMs: 120_000, durationMs: 250 },
  {
    id: 'c2',
    parent: 'c1',
    name: 'INSERT orders',
    service: 'db',
    startMs: 120_010,
    durationMs: 200,
    attributes: { 'db.rows': 2 },
  },
];

// The three traces, stored once for every listed() below.
let threeTraces: ReturnType<typeof createTraceSearch>;
beforeAll(async () => {
  threeTraces = createTraceSearch(await storeWith([trace1, trace2, trace3]));
});

function listed(query: Parameters<ReturnType<typeof createTraceSearch>['listTraces']>[0]['query']) {
  const result = threeTraces.listTraces({ query });
  return { ids: result.traces.map((t) => Number.parseInt(t.traceId, 16)), result };
}

describe('createTraceSearch().listTraces', () => {
  it('lists every trace, newest first, when there is no query', () => {
    const { ids, result } = listed(undefined);
    expect(ids).toEqual([3, 2, 1]);
    expect(result.matchedTraces).toBe(3);
    expect(result.totalTraces).toBe(3);
  });

  it('offers every service and span name as sorted filter choices', () => {
    const { result } = listed(undefined);
    expect(result.services).toEqual(['billing', 'db', 'shop', 'web']);
    expect(result.spanNames).toEqual([
      'GET /page',
      'INSERT orders',
      'authorize-payment',
      'place-order',
      'refund',
    ]);
  });

  it('offers at most 1,000 span names, so unique names do not bloat every reply', async () => {
    const spans: SpanSpec[] = Array.from({ length: 1005 }, (_, i) => ({
      id: `s${i}`,
      name: `GET /orders/${String(i).padStart(4, '0')}`,
      service: 'shop',
      startMs: i,
      durationMs: 1,
    }));
    const result = createTraceSearch(await storeWith([spans])).listTraces({});
    expect(result.spanNames).toHaveLength(1000);
    expect(result.spanNames[999]).toBe('GET /orders/0999');
  });

  it('filters by the service of any span', () => {
    expect(listed({ service: 'web' }).ids).toEqual([1]);
    expect(listed({ service: 'db' }).ids).toEqual([3, 2, 1]);
  });

  it('filters by a span name anywhere in the trace', () => {
    expect(listed({ spanName: 'authorize-payment' }).ids).toEqual([2]);
  });

  it('filters by the root span name only when asked to', () => {
    expect(listed({ spanName: 'INSERT orders', spanNameScope: 'root' }).ids).toEqual([]);
    expect(listed({ spanName: 'refund', spanNameScope: 'root' }).ids).toEqual([3]);
  });

  it('requires one span to have both the service and the name (an operation)', () => {
    expect(listed({ service: 'db', spanName: 'INSERT orders' }).ids).toEqual([3, 2, 1]);
    expect(listed({ service: 'shop', spanName: 'INSERT orders' }).ids).toEqual([]);
    expect(listed({ service: 'nobody', spanName: 'refund' }).ids).toEqual([]);
  });

  it('ANDs attribute conditions, matching values as text', () => {
    expect(listed({ attributes: [{ key: 'db.rows', value: '1' }] }).ids).toEqual([2, 1]);
    expect(
      listed({
        attributes: [
          { key: 'db.rows', value: '1' },
          { key: 'customer.tier', value: 'gold' },
        ],
      }).ids,
    ).toEqual([2]);
    expect(listed({ attributes: [{ key: 'payment.declined', value: 'true' }] }).ids).toEqual([2]);
    expect(listed({ attributes: [{ key: 'db.rows', value: '3' }] }).ids).toEqual([]);
  });

  it('matches resource attributes too', () => {
    expect(listed({ attributes: [{ key: 'service.name', value: 'billing' }] }).ids).toEqual([3]);
  });

  it('keeps durations within inclusive bounds', () => {
    expect(listed({ minDurationMicros: 250_000 }).ids).toEqual([3, 2]);
    expect(listed({ maxDurationMicros: 250_000 }).ids).toEqual([3, 1]);
    expect(listed({ minDurationMicros: 101_000, maxDurationMicros: 1_000_000 }).ids).toEqual([3]);
  });

  it('keeps only failed traces when errorsOnly is set', () => {
    expect(listed({ errorsOnly: true }).ids).toEqual([2]);
  });

  it('keeps traces that started at or after the given time', () => {
    const t0Millis = 1_750_000_000_000;
    expect(listed({ startAfterUnixMillis: t0Millis + 60_000 }).ids).toEqual([3, 2]);
    expect(listed({ startAfterUnixMillis: t0Millis + 120_001 }).ids).toEqual([]);
  });

  it('counts all matches but returns at most `limit` summaries', async () => {
    const search = createTraceSearch(await storeWith([trace1, trace2, trace3]));
    const result = search.listTraces({ limit: 1, query: { service: 'db' } });
    expect(result.traces.map((t) => t.traceId)).toEqual([traceId(3)]);
    expect(result.matchedTraces).toBe(3);
  });

  it('sees spans that arrive after it was created', async () => {
    const store = await storeWith([trace1]);
    const search = createTraceSearch(store);
    expect(search.listTraces({ query: { errorsOnly: true } }).matchedTraces).toBe(0);
    await store.addSpans(
      spansOf(1, [
        {
          id: 'a4',
          parent: 'a1',
          name: 'late',
          service: 'shop',
          startMs: 5,
          durationMs: 1,
          error: true,
        },
      ]),
    );
    const result = search.listTraces({ query: { errorsOnly: true, spanName: 'late' } });
    expect(result.matchedTraces).toBe(1);
    expect(result.traces[0]!.spanCount).toBe(4);
  });

  it('forgets traces the bounded store dropped', async () => {
    const store = memoryTraceStore({ maxTraces: 2 });
    const search = createTraceSearch(store);
    await store.addSpans(spansOf(1, trace1));
    await store.addSpans(spansOf(2, trace2));
    expect(search.listTraces({ query: { service: 'web' } }).matchedTraces).toBe(1);
    await store.addSpans(spansOf(3, trace3));
    expect(search.listTraces({ query: { service: 'web' } }).matchedTraces).toBe(0);
    expect(search.listTraces({}).traces.map((t) => t.traceId)).toEqual([traceId(3), traceId(2)]);
  });
});

describe('createTraceSearch().latencyByOperation', () => {
  it('groups span durations by service and name over the listed traces', async () => {
    const search = createTraceSearch(await storeWith([trace1, trace2, trace3]));
    const { operations, matchedTraces } = search.latencyByOperation({});
    expect(matchedTraces).toBe(3);
    const insert = operations.find((o) => o.service === 'db' && o.spanName === 'INSERT orders')!;
    // durations 40, 300, 200 ms → sorted 40, 200, 300
    expect(insert.count).toBe(3);
    expect(insert.p50Micros).toBeCloseTo(200_000, 6);
    expect(insert.p95Micros).toBeCloseTo(290_000, 6); // numpy: 200 + 0.9 · 100 ms
    expect(insert.p99Micros).toBeCloseTo(298_000, 6);
    expect(insert.maxMicros).toBeCloseTo(300_000, 6);
    expect(insert.errorRate).toBe(0);
    const placeOrder = operations.find((o) => o.spanName === 'place-order')!;
    expect(placeOrder).toMatchObject({ service: 'shop', count: 2, errorCount: 1, errorRate: 0.5 });
    expect(operations.map((o) => `${o.service}/${o.spanName}`)).toEqual([
      'billing/refund',
      'db/INSERT orders',
      'shop/authorize-payment',
      'shop/place-order',
      'web/GET /page',
    ]);
  });

  it('follows the query', async () => {
    const search = createTraceSearch(await storeWith([trace1, trace2, trace3]));
    const { operations, matchedTraces } = search.latencyByOperation({
      query: { errorsOnly: true },
    });
    expect(matchedTraces).toBe(1);
    expect(operations.find((o) => o.spanName === 'INSERT orders')!.count).toBe(1);
  });

  it('bins the chosen operation into equal-width bins from its shortest to its longest span', async () => {
    const search = createTraceSearch(await storeWith([trace1, trace2, trace3]));
    const { histogram } = search.latencyByOperation({
      histogramOf: { service: 'db', spanName: 'INSERT orders' },
      binCount: 26,
    });
    expect(histogram!.bins).toHaveLength(26);
    expect(histogram!.bins[0]).toMatchObject({ count: 1 });
    expect(histogram!.bins[0]!.startMicros).toBeCloseTo(40_000, 6);
    expect(histogram!.bins[16]).toMatchObject({ count: 1 }); // 200 ms: (200 − 40) / 10
    expect(histogram!.bins[25]).toMatchObject({ count: 1 });
    expect(histogram!.bins[25]!.endMicros).toBeCloseTo(300_000, 6);
    expect(histogram!.bins.reduce((sum, bin) => sum + bin.count, 0)).toBe(3);
  });

  it('has no histogram for an operation that is not in the listed traces', async () => {
    const search = createTraceSearch(await storeWith([trace1]));
    expect(
      search.latencyByOperation({ histogramOf: { service: 'db', spanName: 'nope' } }).histogram,
    ).toBeUndefined();
  });
});
