// Backlinks: the store keeps every span's links by the span they point at (span_links), written
// with the spans, so asking "who links here" is one indexed read, in any trace, without reading
// spans. (These are the cases of the former in-memory BacklinkIndex's tests, over the store.)
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OtlpLink, OtlpSpan } from '../../../app/model/otlp';
import { DatabaseTraceStore } from '../../../app/storage/database-trace-store';
import type { StorageBackend } from '../../../app/storage/storage-backend';
import { MAX_BACKLINKS } from '../../../app/storage/trace-store';
import { makeTempDir } from '../../helpers/temp-dir';
import { backendFor, storeModes, type StoreMode } from '../../helpers/trace-store';

const A = 'a'.repeat(32);
const B = 'b'.repeat(32);
const C = 'c'.repeat(32);
const id = (n: number) => n.toString(16).padStart(16, '0');

function span(traceId: string, n: number, name: string, links: OtlpLink[] = []): OtlpSpan {
  return {
    traceId,
    spanId: id(n),
    name,
    kind: 1,
    startTimeUnixNano: '1732000000000000000',
    endTimeUnixNano: '1732000000001000000',
    links,
  };
}
const resource = (service: string) => ({
  attributes: [{ key: 'service.name', value: { stringValue: service } }],
});
async function add(store: DatabaseTraceStore, service: string, spans: OtlpSpan[]): Promise<void> {
  await store.addSpans(
    spans.map((s) => ({ span: s, resource: resource(service), scope: { name: 't' } })),
  );
}

// trace A: "enqueue" (shop) ──link──▶ B/1, and ──link──▶ a trace that is not stored
// trace B: "consume" (worker) #1, "retry" #2 ──link──▶ B/1
const linkTo = (traceId: string, n: number, kind?: string): OtlpLink => ({
  traceId,
  spanId: id(n),
  attributes: kind ? [{ key: 'link.kind', value: { stringValue: kind } }] : [],
});

describe.each(storeModes)('backlinks (%s)', (mode: StoreMode) => {
  let dir: string;
  let cleanup: () => Promise<void>;
  const opened: DatabaseTraceStore[] = [];
  const open = (maxTraces = 10, wrap?: (backend: StorageBackend) => StorageBackend) => {
    const backend = backendFor(mode, dir);
    const store = new DatabaseTraceStore(wrap ? wrap(backend) : backend, { maxTraces });
    opened.push(store);
    return store;
  };
  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
  });
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    await cleanup();
  });

  async function filled(maxTraces = 10, wrap?: (backend: StorageBackend) => StorageBackend) {
    const store = open(maxTraces, wrap);
    await add(store, 'shop', [span(A, 1, 'enqueue', [linkTo(B, 1, 'follows'), linkTo(C, 7)])]);
    await add(store, 'worker', [span(B, 1, 'consume'), span(B, 2, 'retry', [linkTo(B, 1)])]);
    return store;
  }

  it('answers the spans, of any trace, whose links point at a span', async () => {
    const store = await filled();
    expect(store.backlinksOf(B, id(1))).toEqual({
      total: 2,
      backlinks: [
        {
          traceId: A,
          spanId: id(1),
          spanName: 'enqueue',
          serviceName: 'shop',
          attributes: [{ key: 'link.kind', value: { stringValue: 'follows' } }],
        },
        { traceId: B, spanId: id(2), spanName: 'retry', serviceName: 'worker', attributes: [] },
      ],
    });
    expect(store.backlinksOf(B, id(2))).toEqual({ total: 0, backlinks: [] });
    // The target need not be stored: the link is known from its source.
    expect(store.backlinksOf(C, id(7)).total).toBe(1);
    expect(store.backlinkedSpansOf(B)).toEqual({ spanIds: [id(1)], counts: [2] });
    expect(store.backlinkedSpansOf(A)).toEqual({ spanIds: [], counts: [] });
  });

  it('follows spans that arrive later, and traces the bounded store drops', async () => {
    const store = await filled(2);
    expect(store.backlinksOf(B, id(1)).total).toBe(2);
    await add(store, 'shop', [span(A, 3, 'enqueue again', [linkTo(B, 1)])]);
    expect(store.backlinkedSpansOf(B)).toEqual({ spanIds: [id(1)], counts: [3] });
    // B receives a span after A did, so A is the least recently received: a third trace pushes it
    // out, and its links go with it.
    await add(store, 'worker', [span(B, 4, 'settle')]);
    await add(store, 'other', [span(C, 9, 'late', [linkTo(B, 1)])]);
    const names = store.backlinksOf(B, id(1)).backlinks.map((link) => link.spanName);
    expect(names.sort()).toEqual(['late', 'retry']);
    expect(store.backlinksOf(C, id(7)).total).toBe(0);
  });

  it('answers without reading any trace’s spans, as soon as the spans are stored', async () => {
    let spanReads = 0;
    const store = await filled(10, (backend) => {
      const { chunks, chunkColumns, chunkDetails } = backend;
      backend.chunks = (key) => (spanReads++, chunks.call(backend, key));
      backend.chunkColumns = (key) => (spanReads++, chunkColumns.call(backend, key));
      backend.chunkDetails = (key) => (spanReads++, chunkDetails.call(backend, key));
      return backend;
    });
    for (let i = 0; i < 10; i++) store.backlinksOf(B, id(1));
    await add(store, 'worker', [span(B, 4, 'third', [linkTo(A, 1)])]);
    expect(store.backlinkedSpansOf(A)).toEqual({ spanIds: [id(1)], counts: [1] });
    expect(spanReads).toBe(0);
  });

  it('forgets the links of deleted traces, and keeps those pointing into them', async () => {
    const store = await filled();
    await store.deleteTraces([B]);
    expect(store.backlinksOf(B, id(1)).backlinks.map((link) => link.spanName)).toEqual(['enqueue']);
    await store.deleteTraces([A]);
    expect(store.backlinksOf(B, id(1)).total).toBe(0);
    expect(store.backlinkedSpansOf(C)).toEqual({ spanIds: [], counts: [] });
  });

  it('lists the first MAX_BACKLINKS links and counts them all', async () => {
    const store = open();
    const many = Array.from({ length: MAX_BACKLINKS + 1 }, (_, i) =>
      span(A, i + 1, `link ${i}`, [linkTo(B, 1)]),
    );
    await add(store, 'shop', many);
    const answer = store.backlinksOf(B, id(1));
    expect(answer.total).toBe(MAX_BACKLINKS + 1);
    expect(answer.backlinks).toHaveLength(MAX_BACKLINKS);
    expect(answer.backlinks[0]!.spanName).toBe('link 0');
  });

  if (mode === 'database file')
    it('keeps the links across a restart', async () => {
      const first = await filled();
      await first.close();
      opened.splice(opened.indexOf(first), 1);
      const again = open();
      expect(again.backlinksOf(B, id(1)).total).toBe(2);
      expect(again.backlinksOf(B, id(1)).backlinks[0]).toMatchObject({
        traceId: A,
        spanName: 'enqueue',
        serviceName: 'shop',
      });
    });
});
