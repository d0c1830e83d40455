import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppSpan, TraceDetail } from '../../../app/model/trace';
import { createSpanlightCore } from '../../../app/spanlight-core';
import type { TraceStore } from '../../../app/storage/trace-store';
import { memoryTraceStore } from '../../helpers/trace-store';
import { exportTrace, importTraceText, openTraceFiles } from '../../../app/trace-files/trace-files';
import { makeTempDir } from '../../helpers/temp-dir';
import { fixture, fixtureDir } from './fixtures';

const checkoutTraceId = '5b8efff798038103d269b633813fc60c';

async function storeWith(fileName: string): Promise<TraceStore> {
  const store = memoryTraceStore();
  const result = await importTraceText(store, fileName, fixture(fileName));
  if ('error' in result) throw new Error(result.error);
  return store;
}

/** Opens an exported file in a fresh store and returns the trace it holds. */
async function reopen(text: string, traceId: string): Promise<TraceDetail> {
  const store = memoryTraceStore();
  const result = await importTraceText(store, 'exported.json', text);
  if ('error' in result) throw new Error(result.error);
  return store.getTrace(traceId)!;
}

/** A trace as plain spans with their resource and scope inlined, independent of table order. */
function spansOf(trace: TraceDetail) {
  return trace.spans.map(({ resourceIndex, scopeIndex, ...span }: AppSpan) => ({
    span,
    resource: trace.resources[resourceIndex],
    scope: trace.scopes[scopeIndex],
  }));
}

describe('importTraceText', () => {
  it('adds every span of a good file to the store and names its traces', async () => {
    const store = memoryTraceStore();
    const result = await importTraceText(
      store,
      'c.jsonl',
      fixture('otlp-collector-file-exporter.jsonl'),
    );
    expect(result).toEqual({
      fileName: 'c.jsonl',
      format: 'otlp-json-lines',
      traceIds: ['11111111111111111111111111111111', '22222222222222222222222222222222'],
      spanCount: 3,
      duplicateSpanCount: 0,
      warnings: [],
    });
    expect(store.getSummary('11111111111111111111111111111111')).toMatchObject({
      rootSpanName: 'GET /stock',
      serviceName: 'inventory',
      spanCount: 2,
    });
  });

  it('adds nothing of a file with one bad span and says why', async () => {
    const store = memoryTraceStore();
    const changes: unknown[] = [];
    store.subscribe((change) => changes.push(change));
    const result = await importTraceText(store, 'ids.json', fixture('bad-span-id.json'));
    expect(result).toEqual({
      fileName: 'ids.json',
      error:
        'ids.json: resourceSpans[0].scopeSpans[0].spans[1].spanId: expected 16 hex digits, got "not-a-span-id"',
    });
    expect(store.traceCount).toBe(0);
    expect(changes).toEqual([]);
  });

  it('adds nothing of a JSON Lines file whose third line is broken', async () => {
    const store = memoryTraceStore();
    const result = await importTraceText(store, 'c.jsonl', fixture('bad-line-3.jsonl'));
    expect('error' in result && result.error).toMatch(/^c\.jsonl, line 3: /);
    expect(store.traceCount).toBe(0);
  });
});

describe('openTraceFiles', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    temp = await makeTempDir();
    await mkdir(path.join(temp.dir, 'folder.json'));
  });
  afterAll(() => temp.cleanup());

  it('opens each file on its own: bad ones are reported, good ones imported', async () => {
    const store = memoryTraceStore();
    const missing = path.join(temp.dir, 'missing.json');
    const folder = path.join(temp.dir, 'folder.json');
    const good = path.join(fixtureDir, 'jaeger-ui-download.json');
    const bad = path.join(fixtureDir, 'bad-truncated.json');
    const results = await openTraceFiles(store, [missing, folder, good, bad]);
    expect(results[0]).toEqual({ fileName: missing, error: `${missing}: no such file` });
    expect(results[1]).toEqual({ fileName: folder, error: `${folder}: is a folder, not a file` });
    expect(results[2]).toEqual({
      fileName: good,
      format: 'jaeger-json',
      traceIds: ['7c3a1f6e2b8d4c5a9e0f1a2b3c4d5e6f', '000000000000000000f067aa0ba902b7'],
      spanCount: 4,
      duplicateSpanCount: 0,
      warnings: [],
    });
    expect(results[3]).toMatchObject({ fileName: bad });
    expect((results[3] as { error: string }).error).toMatch(
      /bad-truncated\.json: is not valid JSON/,
    );
    expect(store.traceCount).toBe(2);
  });
});

describe('exportTrace', () => {
  it('names the file after the trace and the format', async () => {
    const store = await storeWith('otlp-checkout.json');
    expect(exportTrace(store, checkoutTraceId, 'otlp-json').fileName).toBe(
      `trace-${checkoutTraceId}.otlp.json`,
    );
    expect(exportTrace(store, checkoutTraceId, 'jaeger-json').fileName).toBe(
      `trace-${checkoutTraceId}.jaeger.json`,
    );
  });

  it('refuses a trace that is not in the store', () => {
    expect(() => exportTrace(memoryTraceStore(), 'f'.repeat(32), 'otlp-json')).toThrow(
      `trace ${'f'.repeat(32)} is not in the store`,
    );
  });

  it('gives back exactly the same trace after an OTLP JSON round trip', async () => {
    const store = await storeWith('otlp-checkout.json');
    const original = store.getTrace(checkoutTraceId)!;
    const exported = exportTrace(store, checkoutTraceId, 'otlp-json');
    expect(await reopen(exported.text, checkoutTraceId)).toEqual(original);
  });

  it('gives back the same spans after a Jaeger JSON round trip of a Jaeger file', async () => {
    const store = await storeWith('jaeger-ui-download.json');
    for (const traceId of [
      '7c3a1f6e2b8d4c5a9e0f1a2b3c4d5e6f',
      '000000000000000000f067aa0ba902b7',
    ]) {
      const original = store.getTrace(traceId)!;
      const exported = exportTrace(store, traceId, 'jaeger-json');
      expect(spansOf(await reopen(exported.text, traceId))).toEqual(spansOf(original));
    }
  });

  it('writes a 64-bit trace id in 16 digits, as Jaeger does', async () => {
    const store = await storeWith('jaeger-ui-download.json');
    const { text } = exportTrace(store, '000000000000000000f067aa0ba902b7', 'jaeger-json');
    const document = JSON.parse(text) as { data: { traceID: string }[] };
    expect(document.data[0]!.traceID).toBe('00f067aa0ba902b7');
  });

  it('keeps through Jaeger JSON what Jaeger can hold, and maps the rest as the translator does', async () => {
    const store = await storeWith('otlp-checkout.json');
    const original = spansOf(store.getTrace(checkoutTraceId)!);
    const exported = exportTrace(store, checkoutTraceId, 'jaeger-json');
    const reopened = spansOf(await reopen(exported.text, checkoutTraceId));
    expect(reopened.map(({ span }) => span.spanId)).toEqual(
      original.map(({ span }) => span.spanId),
    );
    for (const [i, { span, resource, scope }] of reopened.entries()) {
      const before = original[i]!;
      expect(span.parentSpanId).toBe(before.span.parentSpanId);
      expect(span.name).toBe(before.span.name);
      expect(span.kind).toBe(before.span.kind);
      expect(span.startTimeUnixNano).toBe(before.span.startTimeUnixNano);
      expect(span.endTimeUnixNano).toBe(before.span.endTimeUnixNano);
      expect(span.status?.code ?? 0).toBe(before.span.status?.code ?? 0);
      expect(span.status?.message ?? '').toBe(before.span.status?.message ?? '');
      expect(span.events?.map((e) => [e.name, e.timeUnixNano, e.attributes])).toEqual(
        before.span.events?.map((e) => [e.name, e.timeUnixNano, e.attributes]),
      );
      expect(resource!.attributes).toEqual(before.resource!.attributes);
      expect({ name: scope!.name, version: scope!.version }).toEqual({
        name: before.scope!.name,
        version: before.scope!.version,
      });
    }
    // Lists have no Jaeger type: they come back as JSON text. Links lose their own attributes
    // and gain the reference type; W3C trace flags and dropped counts are not kept.
    const insert = reopened.find(({ span }) => span.name === 'INSERT orders')!.span;
    expect(insert.attributes?.at(-1)).toEqual({
      key: 'db.tables',
      value: { stringValue: '["orders","items"]' },
    });
    const fraud = reopened.find(({ span }) => span.name === 'fraud check')!.span;
    expect(fraud.links).toEqual([
      {
        traceId: checkoutTraceId,
        spanId: '0102030405060708',
        attributes: [{ key: 'opentracing.ref_type', value: { stringValue: 'follows_from' } }],
      },
    ]);
    expect(reopened[0]!.span.flags).toBeUndefined();
  });

  it('truncates times to whole microseconds in Jaeger JSON', async () => {
    const store = memoryTraceStore();
    await importTraceText(
      store,
      'ns.json',
      JSON.stringify({
        resourceSpans: [
          {
            scopeSpans: [
              {
                spans: [
                  {
                    traceId: checkoutTraceId,
                    spanId: '1111111111111111',
                    startTimeUnixNano: '1700000000000000999',
                    endTimeUnixNano: '1700000000000002500',
                  },
                ],
              },
            ],
          },
        ],
      }),
    );
    const { text } = exportTrace(store, checkoutTraceId, 'jaeger-json');
    const [span] = (await reopen(text, checkoutTraceId)).spans;
    expect(span!.startTimeUnixNano).toBe('1700000000000000000');
    expect(span!.endTimeUnixNano).toBe('1700000000000001000');
  });
});

describe('an order placed in the app', () => {
  it('survives an OTLP JSON export and open unchanged', async () => {
    const temp = await makeTempDir();
    const core = await createSpanlightCore({ dataDir: temp.dir, env: {} });
    try {
      const { traceId } = await core.commands.placeOrder({
        paymentDeclined: true,
        emailServerDown: false,
        slowDatabase: false,
      });
      const original = core.store.getTrace(traceId)!;
      const exported = await core.commands.exportTrace({ traceId, format: 'otlp-json' });
      expect(await reopen(exported.text, traceId)).toEqual(original);
      const viaJaeger = await core.commands.exportTrace({ traceId, format: 'jaeger-json' });
      const reopened = await reopen(viaJaeger.text, traceId);
      expect(reopened.spans.map((s) => [s.spanId, s.parentSpanId, s.name, s.kind])).toEqual(
        original.spans.map((s) => [s.spanId, s.parentSpanId, s.name, s.kind]),
      );
    } finally {
      await core.close();
      await temp.cleanup();
    }
  });
});
