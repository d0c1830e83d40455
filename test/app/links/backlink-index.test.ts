import { afterEach, describe, expect, it } from 'vitest';
import { BacklinkIndex, type LinkedStore } from '../../../app/links/backlink-index';
import type { OtlpLink, OtlpSpan } from '../../../app/model/otlp';
import { TraceStore } from '../../../app/store/trace-store';

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
function add(store: TraceStore, service: string, spans: OtlpSpan[]): void {
  store.addSpans(
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

describe('BacklinkIndex', () => {
  let index: BacklinkIndex | undefined;
  afterEach(() => index?.close());

  function filled(maxTraces = 10) {
    const store = new TraceStore({ maxTraces });
    add(store, 'shop', [span(A, 1, 'enqueue', [linkTo(B, 1, 'follows'), linkTo(C, 7)])]);
    add(store, 'worker', [span(B, 1, 'consume'), span(B, 2, 'retry', [linkTo(B, 1)])]);
    return store;
  }

  it('answers the spans, of any trace, whose links point at a span', () => {
    const store = filled();
    index = new BacklinkIndex(store);
    expect(index.backlinksOf(B, id(1))).toEqual({
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
    expect(index.backlinksOf(B, id(2))).toEqual({ total: 0, backlinks: [] });
    // The target need not be stored: the link is known from its source.
    expect(index.backlinksOf(C, id(7)).total).toBe(1);
    expect(index.backlinkedSpansOf(B)).toEqual({ spanIds: [id(1)], counts: [2] });
    expect(index.backlinkedSpansOf(A)).toEqual({ spanIds: [], counts: [] });
  });

  it('follows spans that arrive later, and traces the bounded store drops', () => {
    const store = filled(2);
    index = new BacklinkIndex(store);
    expect(index.backlinksOf(B, id(1)).total).toBe(2);
    add(store, 'shop', [span(A, 3, 'enqueue again', [linkTo(B, 1)])]);
    expect(index.backlinkedSpansOf(B)).toEqual({ spanIds: [id(1)], counts: [3] });
    // A third trace pushes out the oldest (A): its links go with it.
    add(store, 'other', [span(C, 9, 'late', [linkTo(B, 1)])]);
    const names = index.backlinksOf(B, id(1)).backlinks.map((link) => link.spanName);
    expect(names.sort()).toEqual(['late', 'retry']);
    expect(index.backlinksOf(C, id(7)).total).toBe(0);
  });

  it('reads each changed trace once, not every trace for every question', () => {
    const store = filled();
    let reads = 0;
    const counting: LinkedStore = {
      getTrace: (traceId) => (reads++, store.getTrace(traceId)),
      getSummary: (traceId) => store.getSummary(traceId),
      listTraces: () => store.listTraces(),
      subscribe: (listener) => store.subscribe(listener),
    };
    index = new BacklinkIndex(counting);
    for (let i = 0; i < 10; i++) index.backlinksOf(B, id(1));
    expect(reads).toBe(2);
    add(store, 'worker', [span(B, 4, 'third', [linkTo(A, 1)])]);
    for (let i = 0; i < 10; i++) index.backlinkedSpansOf(A);
    expect(reads).toBe(3);
    expect(index.backlinkedSpansOf(A)).toEqual({ spanIds: [id(1)], counts: [1] });
  });

  it('indexes changed traces in the background, shortly after they change', async () => {
    const store = new TraceStore();
    let reads = 0;
    index = new BacklinkIndex(
      {
        getTrace: (traceId) => (reads++, store.getTrace(traceId)),
        getSummary: (traceId) => store.getSummary(traceId),
        listTraces: () => store.listTraces(),
        subscribe: (listener) => store.subscribe(listener),
      },
      { settleMs: 5 },
    );
    add(store, 'shop', [span(A, 1, 'enqueue', [linkTo(B, 1)])]);
    expect(reads).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(reads).toBe(1);
    expect(index.backlinksOf(B, id(1)).total).toBe(1);
    expect(reads).toBe(1);
  });
});
