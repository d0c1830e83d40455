import { describe, expect, it, vi } from 'vitest';
import { TraceStore, type IncomingSpan } from '../../../app/store/trace-store';
import { OtlpStatusCode, type OtlpResource, type OtlpScope } from '../../../app/model/otlp';

const resource: OtlpResource = {
  attributes: [{ key: 'service.name', value: { stringValue: 'shop' } }],
};
const otherResource: OtlpResource = {
  attributes: [{ key: 'service.name', value: { stringValue: 'mailer' } }],
};
const scope: OtlpScope = { name: 'test-scope' };

function traceId(n: number): string {
  return n.toString(16).padStart(32, '0');
}

function span(
  trace: number,
  id: string,
  options: {
    parent?: string;
    start?: number;
    end?: number;
    error?: boolean;
    name?: string;
    resource?: OtlpResource;
  } = {},
): IncomingSpan {
  const start = BigInt(1_700_000_000_000_000_000) + BigInt(options.start ?? 0) * 1000n;
  const end = BigInt(1_700_000_000_000_000_000) + BigInt(options.end ?? 10) * 1000n;
  return {
    resource: options.resource ?? resource,
    scope,
    span: {
      traceId: traceId(trace),
      spanId: id.padStart(16, '0'),
      parentSpanId: options.parent?.padStart(16, '0'),
      name: options.name ?? `span-${id}`,
      kind: 1,
      startTimeUnixNano: start.toString(),
      endTimeUnixNano: end.toString(),
      status: { code: options.error ? OtlpStatusCode.ERROR : OtlpStatusCode.OK },
    },
  };
}

describe('TraceStore.addSpans', () => {
  //   a (root, 0..100µs, shop)
  //   ├── b (10..40µs, mailer, ERROR)
  //   └── c (50..120µs)
  it('groups spans into one trace and summarizes it', () => {
    const store = new TraceStore();
    store.addSpans([
      span(1, 'b', { parent: 'a', start: 10, end: 40, error: true, resource: otherResource }),
      span(1, 'a', { start: 0, end: 100, name: 'place-order' }),
      span(1, 'c', { parent: 'a', start: 50, end: 120 }),
    ]);
    expect(store.traceCount).toBe(1);
    expect(store.getSummary(traceId(1))).toEqual({
      traceId: traceId(1),
      rootSpanName: 'place-order',
      serviceName: 'shop',
      startTimeUnixNano: '1700000000000000000',
      endTimeUnixNano: '1700000000000120000',
      durationMicros: 120,
      spanCount: 3,
      errorCount: 1,
      hasRoot: true,
    });
  });

  it('keeps one resource and scope table entry per distinct value', () => {
    const store = new TraceStore();
    store.addSpans([span(1, 'a'), span(1, 'b', { parent: 'a', resource: otherResource })]);
    store.addSpans([
      span(1, 'c', { parent: 'a', resource: { attributes: [...resource.attributes] } }),
    ]);
    const trace = store.getTrace(traceId(1))!;
    expect(trace.resources).toHaveLength(2);
    expect(trace.scopes).toHaveLength(1);
    expect(trace.spans.map((s) => s.resourceIndex)).toEqual([0, 1, 0]);
  });

  it('names the earliest span as root while the real root has not arrived', () => {
    const store = new TraceStore();
    store.addSpans([
      span(1, 'c', { parent: 'a', start: 50 }),
      span(1, 'b', { parent: 'a', start: 10, name: 'early' }),
    ]);
    expect(store.getSummary(traceId(1))).toMatchObject({ rootSpanName: 'early', hasRoot: false });
    store.addSpans([span(1, 'a', { start: 0, name: 'place-order' })]);
    expect(store.getSummary(traceId(1))).toMatchObject({
      rootSpanName: 'place-order',
      hasRoot: true,
    });
  });

  it('ignores a span it already holds', () => {
    const store = new TraceStore();
    const listener = vi.fn();
    store.addSpans([span(1, 'a')]);
    store.subscribe(listener);
    store.addSpans([span(1, 'a')]);
    expect(store.getSummary(traceId(1))?.spanCount).toBe(1);
    expect(listener).not.toHaveBeenCalled();
  });
});

describe('TraceStore bounds', () => {
  it('drops the oldest traces first and counts them', () => {
    const store = new TraceStore({ maxTraces: 3 });
    for (let n = 1; n <= 5; n++) store.addSpans([span(n, 'a', { start: n })]);
    expect(store.traceCount).toBe(3);
    expect(store.droppedTraceCount).toBe(2);
    expect(store.getTrace(traceId(1))).toBeUndefined();
    expect(store.getTrace(traceId(2))).toBeUndefined();
    expect(store.listTraces().map((t) => t.traceId)).toEqual([traceId(5), traceId(4), traceId(3)]);
  });

  it('defaults to 10,000 traces and refuses a bound below 1', () => {
    expect(new TraceStore().maxTraces).toBe(10_000);
    expect(() => new TraceStore({ maxTraces: 0 })).toThrow(/at least 1/);
  });

  it('adds spans to a trace it holds without dropping anything', () => {
    const store = new TraceStore({ maxTraces: 2 });
    store.addSpans([span(1, 'a'), span(2, 'a')]);
    store.addSpans([span(1, 'b', { parent: 'a' })]);
    expect(store.droppedTraceCount).toBe(0);
    expect(store.getSummary(traceId(1))?.spanCount).toBe(2);
  });
});

describe('TraceStore.listTraces', () => {
  it('lists newest first and honours the limit', () => {
    const store = new TraceStore();
    store.addSpans([
      span(1, 'a', { start: 30 }),
      span(2, 'a', { start: 10 }),
      span(3, 'a', { start: 20 }),
    ]);
    expect(store.listTraces().map((t) => t.traceId)).toEqual([traceId(1), traceId(3), traceId(2)]);
    expect(store.listTraces(2).map((t) => t.traceId)).toEqual([traceId(1), traceId(3)]);
  });
});

describe('TraceStore.subscribe', () => {
  it('notifies once per batch with changed and removed trace ids, until unsubscribed', () => {
    const store = new TraceStore({ maxTraces: 2 });
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    store.addSpans([span(1, 'a'), span(1, 'b', { parent: 'a' }), span(2, 'a')]);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenLastCalledWith({
      changedTraceIds: [traceId(1), traceId(2)],
      removedTraceIds: [],
    });
    store.addSpans([span(3, 'a')]);
    expect(listener).toHaveBeenLastCalledWith({
      changedTraceIds: [traceId(3)],
      removedTraceIds: [traceId(1)],
    });
    unsubscribe();
    store.addSpans([span(4, 'a')]);
    expect(listener).toHaveBeenCalledTimes(2);
  });
});
