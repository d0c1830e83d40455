import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DatabaseTraceStore } from '../../../app/storage/database-trace-store';
import type { StoreChange } from '../../../app/storage/trace-store';
import type { IncomingSpan } from '../../../app/storage/incoming-span';
import { MAX_CHUNK_SPANS } from '../../../app/storage/span-chunk';
import { MAX_VALUE_DEPTH } from '../../../app/model/any-value-depth';
import { attributeValueText } from '../../../app/model/attribute-text';
import {
  OtlpStatusCode,
  type OtlpAnyValue,
  type OtlpResource,
  type OtlpScope,
} from '../../../app/model/otlp';
import { traceEventAttributes, traceOutline } from '../../../app/viewer/trace-outline';
import { makeTempDir } from '../../helpers/temp-dir';
import { backendFor, storeModes, type StoreMode } from '../../helpers/trace-store';
import { encodeTraceRequest } from '../../helpers/otlp-protobuf-writer';
import { everyFieldRequest } from '../otlp/otlp-fixtures';
import { readOtlpProtobufRequest, readSpanMessages } from '../../../app/otlp/otlp-protobuf-reader';
import { normalizeIncomingSpans } from '../../../app/otlp/normalize-incoming-spans';
import type { StorageBackend } from '../../../app/storage/storage-backend';
import { spanIdsOf } from '../../../app/model/outline-span-ids';

const resource: OtlpResource = {
  attributes: [{ key: 'service.name', value: { stringValue: 'shop' } }],
};
const otherResource: OtlpResource = {
  attributes: [{ key: 'service.name', value: { stringValue: 'mailer' } }],
};
const scope: OtlpScope = { name: 'test-scope' };

/** The trace ids a change names (its other fields are built on demand). */
function idsOf({ changedTraceIds, removedTraceIds }: StoreChange) {
  return { changedTraceIds, removedTraceIds };
}

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

describe.each(storeModes)('DatabaseTraceStore (%s)', (mode: StoreMode) => {
  let dir: string;
  let cleanup: () => Promise<void>;
  const opened: DatabaseTraceStore[] = [];
  const open = (options: { maxTraces?: number } = {}) => {
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

  describe('outlineColumns', () => {
    it('reads the columns of the chunks after the first skipChunks, at most maxChunks of them', async () => {
      const store = open();
      // One write, one chunk: five chunks of one span each.
      for (const id of ['a', 'b', 'c', 'd', 'e']) await store.addSpans([span(1, id)]);
      const ids = (skip?: number, max?: number) => {
        const read = store.outlineColumns(traceId(1), skip, max)!;
        return [read.chunks, read.columns.spanIds.map((id) => id.trim().replace(/^0+/, ''))];
      };
      expect(ids()).toEqual([5, ['a', 'b', 'c', 'd', 'e']]);
      expect(ids(1, 2)).toEqual([3, ['b', 'c']]);
      expect(ids(3, 10)).toEqual([5, ['d', 'e']]);
      expect(ids(5, 2)).toEqual([5, []]);
      expect(ids(2)).toEqual([5, ['c', 'd', 'e']]);
    });
  });

  describe('addSpans', () => {
    //   a (root, 0..100µs, shop)
    //   ├── b (10..40µs, mailer, ERROR)
    //   └── c (50..120µs)
    it('groups spans into one trace and summarizes it', async () => {
      const store = open();
      await store.addSpans([
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

    it('keeps one resource and scope table entry per distinct value', async () => {
      const store = open();
      await store.addSpans([span(1, 'a'), span(1, 'b', { parent: 'a', resource: otherResource })]);
      await store.addSpans([
        span(1, 'c', { parent: 'a', resource: { attributes: [...resource.attributes] } }),
      ]);
      const trace = store.getTrace(traceId(1))!;
      expect(trace.resources).toHaveLength(2);
      expect(trace.scopes).toHaveLength(1);
      expect(trace.spans.map((s) => s.resourceIndex)).toEqual([0, 1, 0]);
    });

    it('names the earliest span as root while the real root has not arrived', async () => {
      const store = open();
      await store.addSpans([
        span(1, 'c', { parent: 'a', start: 50 }),
        span(1, 'b', { parent: 'a', start: 10, name: 'early' }),
      ]);
      expect(store.getSummary(traceId(1))).toMatchObject({ rootSpanName: 'early', hasRoot: false });
      await store.addSpans([span(1, 'a', { start: 0, name: 'place-order' })]);
      expect(store.getSummary(traceId(1))).toMatchObject({
        rootSpanName: 'place-order',
        hasRoot: true,
      });
    });

    it('ignores a span it already holds', async () => {
      const store = open();
      const listener = vi.fn();
      await store.addSpans([span(1, 'a')]);
      store.subscribe(listener);
      expect(await store.addSpans([span(1, 'a')])).toEqual({
        storedSpans: 0,
        duplicateSpans: 1,
        rejectedSpans: [],
      });
      expect(store.getSummary(traceId(1))?.spanCount).toBe(1);
      expect(listener).not.toHaveBeenCalled();
    });

    it('keeps every field of a span as it came, with its resource and scope', async () => {
      const store = open();
      const full: IncomingSpan = {
        resource: { attributes: resource.attributes, droppedAttributesCount: 2 },
        scope: {
          name: 'lib',
          version: '1.2',
          attributes: [{ key: 'x', value: { boolValue: true } }],
        },
        span: {
          traceId: traceId(7),
          spanId: 'f'.repeat(16),
          parentSpanId: 'e'.repeat(16),
          traceState: 'k=v',
          flags: 257,
          name: 'GET /a',
          kind: 2,
          startTimeUnixNano: '1700000000000000001',
          endTimeUnixNano: '1700000000999999999',
          attributes: [
            { key: 'as-number', value: { intValue: 42 } },
            { key: 'as-text', value: { intValue: '9007199254740993' } },
            { key: 'nan', value: { doubleValue: Number.NaN } },
            { key: 'inf', value: { doubleValue: -Infinity } },
            { key: 'bytes', value: { bytesValue: 'AQID' } },
            { key: 'list', value: { arrayValue: { values: [{ stringValue: 'x' }] } } },
            { key: 'map', value: { kvlistValue: { values: [{ key: 'k', value: {} }] } } },
          ],
          droppedAttributesCount: 1,
          events: [{ timeUnixNano: '1700000000000000005', name: 'e', attributes: [] }],
          droppedEventsCount: 3,
          links: [{ traceId: traceId(8), spanId: '1'.repeat(16), flags: 1 }],
          droppedLinksCount: 4,
          status: { code: 2, message: 'boom' },
        },
      };
      await store.addSpans([full]);
      const { resourceIndex, scopeIndex, ...stored } = store.getTrace(traceId(7))!.spans[0]!;
      expect(stored).toStrictEqual(full.span);
      expect(store.getSpan(traceId(7), 'f'.repeat(16))).toStrictEqual({
        span: { ...full.span, resourceIndex, scopeIndex },
        resource: full.resource,
        scope: full.scope,
      });
    });

    it('keeps a value nested deeper than 64 levels cut there, as the readers cut it', async () => {
      const store = open();
      let deep: OtlpAnyValue = { arrayValue: { values: [] } };
      for (let i = 0; i < 200_000; i++) deep = { arrayValue: { values: [deep] } };
      const deepSpan = span(1, 'b', { parent: 'a' });
      const result = await store.addSpans([
        span(1, 'a'),
        { ...deepSpan, span: { ...deepSpan.span, attributes: [{ key: 'deep', value: deep }] } },
      ]);
      expect(result).toEqual({ storedSpans: 2, duplicateSpans: 0, rejectedSpans: [] });
      const stored = store.getSpan(traceId(1), 'b'.padStart(16, '0'))!.span;
      expect(attributeValueText(stored.attributes![0]!.value)).toBe(
        `${'['.repeat(MAX_VALUE_DEPTH)}…${']'.repeat(MAX_VALUE_DEPTH)}`,
      );
    });

    it('refuses only the span whose value is too deeply nested to store', async () => {
      const store = open();
      // Not an attribute value's shape (the depth limit knows lists and maps): nothing cuts it.
      let deep: Record<string, unknown> = {};
      for (let i = 0; i < 200_000; i++) deep = { nested: deep };
      const bad = span(1, 'b', { parent: 'a' });
      const result = await store.addSpans([
        span(1, 'a'),
        {
          ...bad,
          span: {
            ...bad.span,
            attributes: [{ key: 'deep', value: { bytesValue: deep as never } }],
          },
        },
      ]);
      expect(result.storedSpans).toBe(1);
      expect(result.rejectedSpans).toEqual([
        {
          traceId: traceId(1),
          spanId: 'b'.padStart(16, '0'),
          reason: expect.stringMatching(/nested/),
        },
      ]);
      expect(store.getSummary(traceId(1))?.spanCount).toBe(1);
    });
  });

  it('refuses a span without ids or with unreadable times, and keeps the others', async () => {
    const store = open();
    const good = span(1, 'a');
    const result = await store.addSpans([
      { ...good, span: { ...good.span, spanId: '' } },
      { ...good, span: { ...good.span, startTimeUnixNano: 'soon' } },
      good,
    ]);
    expect(result.storedSpans).toBe(1);
    expect(result.rejectedSpans.map((r) => r.reason)).toEqual([
      'a span needs a span id',
      'start and end must be unix nanoseconds in decimal',
    ]);
    expect(store.spanCount).toBe(1);
  });

  it('refuses spans once closed', async () => {
    const store = open();
    await store.close();
    await expect(store.addSpans([span(1, 'a')])).rejects.toThrow('the trace store is closed');
  });

  describe('bounds', () => {
    it('drops the oldest traces first and counts them', async () => {
      const store = open({ maxTraces: 3 });
      for (let n = 1; n <= 5; n++) await store.addSpans([span(n, 'a', { start: n })]);
      expect(store.traceCount).toBe(3);
      expect(store.droppedTraceCount).toBe(2);
      expect(store.getTrace(traceId(1))).toBeUndefined();
      expect(store.getTrace(traceId(2))).toBeUndefined();
      expect(store.listTraces().map((t) => t.traceId)).toEqual([
        traceId(5),
        traceId(4),
        traceId(3),
      ]);
    });

    it('defaults to 10,000 traces and refuses a bound below 1', async () => {
      const store = open();
      expect(store.maxTraces).toBe(10_000);
      await store.close();
      expect(() => open({ maxTraces: 0 })).toThrow(/at least 1/);
    });

    it('adds spans to a trace it holds without dropping anything', async () => {
      const store = open({ maxTraces: 2 });
      await store.addSpans([span(1, 'a'), span(2, 'a')]);
      await store.addSpans([span(1, 'b', { parent: 'a' })]);
      expect(store.droppedTraceCount).toBe(0);
      expect(store.getSummary(traceId(1))?.spanCount).toBe(2);
    });

    it('drops a trace the same write started, when the write brings more than the bound', async () => {
      const store = open({ maxTraces: 2 });
      const listener = vi.fn();
      store.subscribe(listener);
      await store.addSpans([
        span(1, 'a', { start: 1 }),
        span(2, 'a', { start: 2 }),
        span(3, 'a', { start: 3 }),
      ]);
      expect(store.listTraces().map((t) => t.traceId)).toEqual([traceId(3), traceId(2)]);
      expect(store.droppedTraceCount).toBe(1);
      expect(idsOf(listener.mock.lastCall![0])).toEqual({
        changedTraceIds: [traceId(2), traceId(3)],
        removedTraceIds: [traceId(1)],
      });
    });
  });

  describe('listTraces', () => {
    it('lists newest first and honours the limit', async () => {
      const store = open();
      await store.addSpans([
        span(1, 'a', { start: 30 }),
        span(2, 'a', { start: 10 }),
        span(3, 'a', { start: 20 }),
      ]);
      expect(store.listTraces().map((t) => t.traceId)).toEqual([
        traceId(1),
        traceId(3),
        traceId(2),
      ]);
      expect(store.listTraces(2).map((t) => t.traceId)).toEqual([traceId(1), traceId(3)]);
    });

    it('pages through a query with offset and limit', async () => {
      const store = open();
      for (let n = 1; n <= 5; n++) await store.addSpans([span(n, 'a', { start: n })]);
      const page = store.queryTraces({ offset: 1, limit: 2 });
      expect(page.traces.map((t) => t.traceId)).toEqual([traceId(4), traceId(3)]);
      expect(page.matchedTraces).toBe(5);
    });
  });

  describe('subscribe', () => {
    it('notifies once per write with changed and removed trace ids, until unsubscribed', async () => {
      const store = open({ maxTraces: 2 });
      const listener = vi.fn();
      const unsubscribe = store.subscribe(listener);
      await store.addSpans([span(1, 'a'), span(1, 'b', { parent: 'a' }), span(2, 'a')]);
      expect(listener).toHaveBeenCalledTimes(1);
      const first: StoreChange = listener.mock.lastCall![0];
      expect(idsOf(first)).toEqual({
        changedTraceIds: [traceId(1), traceId(2)],
        removedTraceIds: [],
      });
      // The spans each trace received, as Find in trace looks at them.
      expect(first.findableSpansAdded?.(traceId(1))).toEqual({
        fromSpan: 0,
        spans: [
          expect.objectContaining({
            spanId: 'a'.padStart(16, '0'),
            name: 'span-a',
            service: 'shop',
          }),
          expect.objectContaining({
            spanId: 'b'.padStart(16, '0'),
            name: 'span-b',
            eventNames: [],
          }),
        ],
      });
      expect(first.findableSpansAdded?.(traceId(3))).toBeUndefined();
      await store.addSpans([span(3, 'a')]);
      expect(idsOf(listener.mock.lastCall![0])).toEqual({
        changedTraceIds: [traceId(3)],
        removedTraceIds: [traceId(1)],
      });
      unsubscribe();
      await store.addSpans([span(4, 'a')]);
      expect(listener).toHaveBeenCalledTimes(2);
    });
  });

  describe('group commit', () => {
    it('writes spans added at the same moment in one transaction, resolving each once committed', async () => {
      const backend = backendFor(mode, dir);
      const transaction = vi.spyOn(backend, 'transaction');
      const store = new DatabaseTraceStore(backend);
      opened.push(store);
      const listener = vi.fn();
      store.subscribe(listener);
      const adds = [1, 2, 3].map((n) => store.addSpans([span(n, 'a'), span(n, 'b')]));
      // Nothing is visible before the commit.
      expect(store.traceCount).toBe(0);
      expect(store.getSummary(traceId(1))).toBeUndefined();
      const results = await Promise.all(adds);
      expect(results.map((r) => r.storedSpans)).toEqual([2, 2, 2]);
      expect(transaction).toHaveBeenCalledTimes(1);
      expect(listener).toHaveBeenCalledTimes(1);
      expect(store.traceCount).toBe(3);
      await store.addSpans([span(4, 'a')]);
      expect(transaction).toHaveBeenCalledTimes(2);
    });

    it('answers a write only once the backend says its commit is on disk', async () => {
      const backend = backendFor(mode, dir);
      let release!: () => void;
      const synced = vi
        .spyOn(backend, 'synced')
        .mockImplementationOnce(() => new Promise<void>((resolve) => (release = resolve)));
      const store = new DatabaseTraceStore(backend);
      opened.push(store);
      let answered = false;
      const added = store.addSpans([span(1, 'a')]).then((result) => {
        answered = true;
        return result;
      });
      await vi.waitFor(() => expect(synced).toHaveBeenCalledTimes(1));
      // Committed (readers see it) but not answered until the fsync is done.
      expect(store.getSummary(traceId(1))?.spanCount).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(answered).toBe(false);
      release();
      expect((await added).storedSpans).toBe(1);
    });

    it('rejects the writes of a commit that could not be made durable, naming why', async () => {
      const backend = backendFor(mode, dir);
      vi.spyOn(backend, 'synced').mockRejectedValueOnce(new Error('EIO: i/o error, fdatasync'));
      const store = new DatabaseTraceStore(backend);
      opened.push(store);
      await expect(store.addSpans([span(1, 'a')])).rejects.toThrow(
        'the trace database could not be written to disk: EIO: i/o error, fdatasync',
      );
      // The next write is answered as usual.
      expect((await store.addSpans([span(2, 'a')])).storedSpans).toBe(1);
    });

    it('keeps nothing of a write whose transaction fails and rejects every add in it', async () => {
      const backend = backendFor(mode, dir);
      const store = new DatabaseTraceStore(backend);
      opened.push(store);
      await store.addSpans([span(1, 'a')]);
      const insertChunk = vi.spyOn(backend, 'insertChunk');
      insertChunk.mockImplementationOnce(() => {
        throw new Error('disk I/O error');
      });
      const listener = vi.fn();
      store.subscribe(listener);
      const failed = [
        store.addSpans([span(2, 'a', { name: 'new-name', resource: otherResource })]),
        store.addSpans([span(1, 'b', { parent: 'a' })]),
      ];
      await expect(failed[0]).rejects.toThrow('disk I/O error');
      await expect(failed[1]).rejects.toThrow('disk I/O error');
      expect(listener).not.toHaveBeenCalled();
      expect(store.traceCount).toBe(1);
      expect(store.getSummary(traceId(1))?.spanCount).toBe(1);
      expect(store.facets()).toEqual({ services: ['shop'], spanNames: ['span-a'] });
      // The store goes on, and the spans that failed can be added again.
      await store.addSpans([
        span(2, 'a', { name: 'new-name', resource: otherResource }),
        span(1, 'b', { parent: 'a' }),
      ]);
      expect(store.traceCount).toBe(2);
      expect(store.getTrace(traceId(2))?.resources).toEqual([otherResource]);
      expect(store.facets().spanNames).toEqual(['new-name', 'span-a', 'span-b']);
    });

    it('flush() resolves once everything added before it is committed', async () => {
      const store = open();
      void store.addSpans([span(1, 'a')]);
      await store.flush();
      expect(store.traceCount).toBe(1);
      await store.flush();
    });
  });

  describe('spans that came as protobuf', () => {
    const received = (request = everyFieldRequest) =>
      readOtlpProtobufRequest(encodeTraceRequest(request), {
        tolerant: true,
        keepSpanMessages: true,
      }).spans;
    const openWith = (backend: StorageBackend) => {
      const store = new DatabaseTraceStore(backend);
      opened.push(store);
      return store;
    };
    const storedDetails = (backend: StorageBackend, id: string) => {
      const key = [...backend.traces()].find((row) => row.traceId === id)!.key;
      return backend.chunks(key).map((chunk) => chunk.details);
    };

    it('keeps their own Span messages as details, and gives back every field exactly', async () => {
      const backend = backendFor(mode, dir);
      const store = openWith(backend);
      const spans = received();
      await store.addSpans(spans);
      for (const { span, resource, scope } of spans) {
        const trace = store.getTrace(span.traceId)!;
        const stored = trace.spans.find((item) => item.spanId === span.spanId)!;
        const { resourceIndex, scopeIndex, ...rest } = stored;
        expect(rest).toStrictEqual(span);
        expect(store.getSpan(span.traceId, span.spanId)).toStrictEqual({
          span: { ...span, resourceIndex, scopeIndex },
          resource,
          scope,
        });
      }
      const details = storedDetails(backend, spans[0]!.span.traceId);
      expect(details).toHaveLength(1);
      expect(details[0]).toBeInstanceOf(Uint8Array);
      // Ids, name, kind and times are the chunk's columns: the messages leave out those they begin with.
      const kept = readSpanMessages(details[0] as Uint8Array);
      expect(kept.map(({ traceId, spanId }) => ({ traceId, spanId }))).toEqual(
        spans
          .filter(({ span }) => span.traceId === spans[0]!.span.traceId)
          .map(() => ({ traceId: '', spanId: '' })),
      );
    });

    it('reads them back after a restart', async () => {
      if (mode !== 'database file') return;
      const spans = received();
      await openWith(backendFor(mode, dir)).addSpans(spans);
      await opened.pop()!.close();
      const again = openWith(backendFor(mode, dir));
      const { span } = spans[0]!;
      expect(again.getSpan(span.traceId, span.spanId)!.span).toMatchObject(span);
    });

    it("keeps the end a span was given when it ended before it started, not its message's", async () => {
      const store = openWith(backendFor(mode, dir));
      const [first] = everyFieldRequest.resourceSpans!;
      const backwards = {
        ...first!.scopeSpans![0]!.spans![1]!,
        startTimeUnixNano: '1700000000000000009',
        endTimeUnixNano: '1700000000000000001',
      };
      const request = { resourceSpans: [{ scopeSpans: [{ spans: [backwards] }] }] };
      const normalized = normalizeIncomingSpans(received(request));
      expect(normalized.endBeforeStartCount).toBe(1);
      await store.addSpans(normalized.spans);
      const stored = store.getSpan(backwards.traceId, backwards.spanId)!.span;
      expect(stored.endTimeUnixNano).toBe('1700000000000000009');
      expect(store.getTrace(backwards.traceId)!.spans[0]!.endTimeUnixNano).toBe(
        '1700000000000000009',
      );
    });

    it('reads a trace whose chunks hold JSON and messages alike, for find and event attributes too', async () => {
      const backend = backendFor(mode, dir);
      const store = openWith(backend);
      const [viaMessage] = received();
      const { message, ...asJson } = viaMessage!;
      expect(message).toBeDefined();
      await store.addSpans([asJson]);
      const other = received({
        resourceSpans: [
          {
            scopeSpans: [
              {
                spans: [
                  {
                    ...viaMessage!.span,
                    spanId: '00000000000000aa',
                    events: [
                      {
                        timeUnixNano: '1700000000000000002',
                        name: 'paid',
                        attributes: [{ key: 'amount', value: { intValue: '12' } }],
                      },
                    ],
                  },
                ],
              },
            ],
          },
        ],
      });
      await store.addSpans(other);
      const traceId = viaMessage!.span.traceId;
      const details = storedDetails(backend, traceId);
      expect(details.map((item) => typeof item)).toEqual(['string', 'object']);
      const trace = store.getTrace(traceId)!;
      expect(
        trace.spans.map(({ resourceIndex: _resource, scopeIndex: _scope, ...span }) => span),
      ).toStrictEqual([viaMessage!.span, other[0]!.span]);
      expect(store.getEventAttributes(traceId)).toEqual(traceEventAttributes(trace));
      expect(store.findSpans(traceId, 'paid')).toEqual(['00000000000000aa']);
      expect(store.getOutline(traceId)).toEqual(traceOutline(trace));
    });

    it('writes JSON for a chunk where not every span came with its message', async () => {
      const backend = backendFor(mode, dir);
      const store = openWith(backend);
      const [withMessage, second] = received();
      const { message, ...withoutMessage } = second!;
      expect(message).toBeDefined();
      await store.addSpans([withMessage!, withoutMessage]);
      const traceId = withMessage!.span.traceId;
      expect(storedDetails(backend, traceId).map((item) => typeof item)).toEqual(['string']);
      expect(
        store
          .getTrace(traceId)!
          .spans.map(({ resourceIndex: _resource, scopeIndex: _scope, ...span }) => span),
      ).toStrictEqual([withMessage!.span, withoutMessage.span]);
    });
  });

  describe('one trace', () => {
    it('answers outlines from its columns as the outline of the whole trace', async () => {
      const store = open();
      await store.addSpans([
        span(1, 'a', { start: 0, end: 100 }),
        span(1, 'b', { parent: 'a', start: 5, error: true, resource: otherResource }),
      ]);
      await store.addSpans([span(1, 'c', { parent: 'b', start: 7 })]);
      expect(store.getOutline(traceId(1))).toEqual(traceOutline(store.getTrace(traceId(1))!));
      expect(store.getOutline(traceId(9))).toBeUndefined();
    });

    it('answers event attributes and find from the stored spans as from the whole trace', async () => {
      const store = open();
      const withEvents = span(1, 'a', { name: 'checkout' });
      await store.addSpans([
        {
          ...withEvents,
          span: {
            ...withEvents.span,
            attributes: [{ key: 'user.tier', value: { stringValue: 'Gold' } }],
            events: [
              { timeUnixNano: '1700000000000000001', name: 'retry', attributes: [] },
              {
                timeUnixNano: '1700000000000000002',
                name: 'paid',
                attributes: [{ key: 'amount', value: { intValue: '12' } }],
              },
            ],
          },
        },
        span(1, 'b', { parent: 'a', resource: otherResource }),
      ]);
      const trace = store.getTrace(traceId(1))!;
      expect(store.getEventAttributes(traceId(1))).toEqual(traceEventAttributes(trace));
      expect(store.getEventAttributes(traceId(1))).toEqual(['', 'amount=12']);
      expect(store.findSpans(traceId(1), 'GOLD')).toEqual(['a'.padStart(16, '0')]);
      expect(store.findSpans(traceId(1), 'mailer')).toEqual(['b'.padStart(16, '0')]);
      expect(store.findSpans(traceId(1), 'retry')).toEqual(['a'.padStart(16, '0')]);
      expect(store.findSpans(traceId(9), 'x')).toBeUndefined();
      expect(store.getEventAttributes(traceId(9))).toBeUndefined();
    });

    it('gives link counts and statement shapes in the outline, as the outline of the whole trace', async () => {
      const store = open();
      const withStatement = (id: string, statement: string) => {
        const item = span(1, id, { parent: 'a' });
        return {
          ...item,
          span: {
            ...item.span,
            attributes: [{ key: 'db.statement', value: { stringValue: statement } }],
          },
        };
      };
      const linked = span(1, 'a');
      await store.addSpans([
        {
          ...linked,
          span: {
            ...linked.span,
            links: [
              { traceId: traceId(2), spanId: '1'.repeat(16) },
              { traceId: traceId(3), spanId: '2'.repeat(16) },
            ],
          },
        },
        withStatement('b', "SELECT * FROM t WHERE id = 'x'"),
      ]);
      await store.addSpans([withStatement('c', "SELECT * FROM t WHERE id = 'y'")]);
      const outline = store.getOutline(traceId(1))!;
      expect(outline).toEqual(traceOutline(store.getTrace(traceId(1))!));
      expect(outline.linkCounts).toEqual({ 0: 2 });
      expect(outline.names[outline.statementShapeIndex[2]!]).toBe('SELECT * FROM t WHERE id = ?');
      expect(outline.statementShapeIndex[1]).toBe(outline.statementShapeIndex[2]);
    });

    it('cuts long values in the event attributes to the limit asked for', async () => {
      const store = open();
      const long = 'x'.repeat(3 * 1024);
      const item = span(1, 'a');
      await store.addSpans([
        {
          ...item,
          span: {
            ...item.span,
            events: [
              {
                timeUnixNano: '1700000000000000001',
                name: 'big',
                attributes: [
                  { key: 'body', value: { stringValue: long } },
                  { key: 'n', value: { intValue: '1' } },
                ],
              },
            ],
          },
        },
      ]);
      expect(store.getEventAttributes(traceId(1), 1)).toEqual([
        `body=${'x'.repeat(1024)}… (cut, 3 KiB)  n=1`,
      ]);
      expect(store.getEventAttributes(traceId(1))).toEqual([`body=${long}  n=1`]);
      // The span's details keep it whole.
      const stored = store.getSpan(traceId(1), 'a'.padStart(16, '0'))!.span;
      expect(stored.events![0]!.attributes![0]!.value).toEqual({ stringValue: long });
    });

    it('filters on the whole of a value longer than the index keeps, not on its start', async () => {
      const store = open();
      const long = `${'y'.repeat(100 * 1024)}-end`;
      const item = span(1, 'a');
      await store.addSpans([
        {
          ...item,
          span: { ...item.span, attributes: [{ key: 'payload', value: { stringValue: long } }] },
        },
        span(2, 'a'),
      ]);
      const matching = (value: string) =>
        store.queryTraces({ query: { attributes: [{ key: 'payload', value }] } }).matchedTraces;
      expect(matching(long)).toBe(1);
      expect(matching(`${'y'.repeat(100 * 1024)}-END`)).toBe(0);
      expect(matching('y'.repeat(64 * 1024))).toBe(0);
    });

    it('keeps a resource whose value is nested 100,000 levels deep, cut at 64', async () => {
      const store = open();
      let deep: OtlpAnyValue = { arrayValue: { values: [] } };
      for (let i = 0; i < 100_000; i++) deep = { arrayValue: { values: [deep] } };
      const deepResource: OtlpResource = {
        attributes: [...resource.attributes, { key: 'deep', value: deep }],
      };
      const result = await store.addSpans([span(1, 'a', { resource: deepResource })]);
      expect(result.storedSpans).toBe(1);
      const kept = store.getSpan(traceId(1), 'a'.padStart(16, '0'))!.resource!;
      expect(attributeValueText(kept.attributes[1]!.value)).toBe(
        `${'['.repeat(MAX_VALUE_DEPTH)}…${']'.repeat(MAX_VALUE_DEPTH)}`,
      );
      expect(store.getSummary(traceId(1))?.serviceName).toBe('shop');
    });

    it('spreads a big write over chunks and finds every span again', async () => {
      const store = open();
      const count = MAX_CHUNK_SPANS * 2 + 10;
      const spans = Array.from({ length: count }, (_, i) =>
        span(1, i.toString(16), { parent: i === 0 ? undefined : '0', start: i }),
      );
      await store.addSpans(spans);
      const outline = store.getOutline(traceId(1))!;
      expect(spanIdsOf(outline)).toHaveLength(count);
      expect(outline.parents.filter((p) => p === 0)).toHaveLength(count - 1);
      const last = spans[count - 1]!.span;
      expect(store.getSpan(traceId(1), last.spanId)?.span.name).toBe(last.name);
      expect(store.getTrace(traceId(1))?.spans).toHaveLength(count);
      expect(store.getSpan(traceId(1), 'f'.repeat(16))).toBeUndefined();
    });

    it('deletes whole traces', async () => {
      const store = open();
      await store.addSpans([span(1, 'a'), span(2, 'a', { name: 'only-in-2' })]);
      const listener = vi.fn();
      store.subscribe(listener);
      expect(await store.deleteTraces([traceId(2), traceId(3)])).toBe(1);
      expect(listener).toHaveBeenCalledWith({ changedTraceIds: [], removedTraceIds: [traceId(2)] });
      expect(store.getTrace(traceId(2))).toBeUndefined();
      expect(store.facets().spanNames).toEqual(['span-a']);
      expect(store.droppedTraceCount).toBe(0);
      expect(store.spanCount).toBe(1);
    });
  });
});
