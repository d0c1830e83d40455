import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OtlpTraceRequest } from '../../../app/model/otlp';
import type { AppSpan, TraceDetail } from '../../../app/model/trace';
import { createSpanlightCore } from '../../../app/spanlight-core';
import type { TraceStore } from '../../../app/storage/trace-store';
import { memoryTraceStore } from '../../helpers/trace-store';
import {
  exportTrace,
  importTraceText,
  openTraceFile,
  openTraceFiles,
} from '../../../app/trace-files/trace-files';
import { encodeTraceRequest } from '../../helpers/otlp-protobuf-writer';
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

describe('openTraceFile of a big OTLP JSON file', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    temp = await makeTempDir();
  });
  afterAll(() => temp.cleanup());

  const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
  /** One request per line, `perLine` spans each, spread over traces of 100 spans. */
  function jsonLines(lines: number, perLine: number, firstTrace = 1): string[] {
    return Array.from({ length: lines }, (_, line) => {
      const spans = Array.from({ length: perLine }, (_, i) => {
        const n = line * perLine + i;
        return {
          traceId: hex(firstTrace + Math.floor(n / 100), 32),
          spanId: hex(n + 1, 16),
          name: `step ${n}`,
          kind: 1,
          startTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(n) * 1000n),
          endTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(n) * 1000n + 500n),
          attributes: [{ key: 'padding', value: { stringValue: 'x'.repeat(300) } }],
        };
      });
      return JSON.stringify({
        resourceSpans: [
          {
            resource: { attributes: [{ key: 'service.name', value: { stringValue: 'big' } }] },
            scopeSpans: [{ scope: { name: 'test' }, spans }],
          },
        ],
      });
    });
  }

  /** Opens `lines` as one file, noting the store's trace count at every progress report. */
  async function open(store: TraceStore, name: string, lines: readonly string[]) {
    const file = path.join(temp.dir, name);
    await writeFile(file, `${lines.join('\n')}\n`);
    const seen: number[] = [];
    const result = await openTraceFile(store, file, name, (_fileName, _bytes, work) =>
      work({
        signal: new AbortController().signal,
        report: () => seen.push(store.traceCount),
        checkCancelled: () => {},
      }),
    );
    return { result, seen };
  }

  it('stores spans while it reads: traces are listed before the file ends', async () => {
    const store = memoryTraceStore();
    // 40 lines of 200 spans, about 3.5 MB: several chunks of 1 MiB.
    const { result, seen } = await open(store, 'big.jsonl', jsonLines(40, 200));
    expect(result).toMatchObject({ spanCount: 8000, duplicateSpanCount: 0 });
    expect(store.traceCount).toBe(80);
    expect(seen.some((count) => count > 0 && count < 80)).toBe(true);
  });

  it('takes out what it stored when a later line is bad, and leaves a stored trace as it was', async () => {
    const store = memoryTraceStore();
    const kept = jsonLines(1, 1, 500)[0]!;
    await importTraceText(store, 'kept.json', kept);
    const before = store.getTrace(hex(500, 32));
    const changes: { changedTraceIds: readonly string[]; removedTraceIds: readonly string[] }[] =
      [];
    store.subscribe((change) => changes.push(change));
    // Good lines (one of them adds to the stored trace), then one whose span id is bad.
    const lines = [...jsonLines(40, 200), jsonLines(1, 5, 500)[0]!.replaceAll(hex(1, 16), 'nope')];
    lines.splice(3, 0, jsonLines(1, 3, 500)[0]!.replaceAll('"spanId":"0', '"spanId":"a'));
    const { result } = await open(store, 'bad-end.jsonl', lines);
    expect('error' in result && result.error).toMatch(/^bad-end\.jsonl, line 42: .*expected/);
    // Its traces were listed while it read, and deleted again.
    expect(changes.some((change) => change.changedTraceIds.length > 0)).toBe(true);
    expect(store.traceCount).toBe(1);
    expect(store.getTrace(hex(500, 32))).toEqual(before);
  });

  it('stores a big scope from its first spans, and reads again a file whose resource changes after them', async () => {
    const spans = JSON.parse(jsonLines(1, 5000)[0]!).resourceSpans[0].scopeSpans[0].spans;
    const resource = { attributes: [{ key: 'service.name', value: { stringValue: 'late' } }] };
    const document = (schemaUrl?: string) =>
      JSON.stringify({
        resourceSpans: [
          {
            resource,
            scopeSpans: [{ scope: { name: 's' }, spans }],
            ...(schemaUrl && { schemaUrl }),
          },
        ],
      });
    const store = memoryTraceStore();
    const { result, seen } = await open(store, 'one.json', [document()]);
    expect(result).toMatchObject({ spanCount: 5000 });
    // One resource, one request: its first traces were stored before the file was all read.
    expect(seen.some((count) => count > 0 && count < 50)).toBe(true);

    const other = memoryTraceStore();
    const { result: again } = await open(other, 'late-schema.json', [document('https://r/2')]);
    expect(again).toMatchObject({ spanCount: 5000, duplicateSpanCount: 0, warnings: [] });
    expect(other.traceCount).toBe(50);
    expect(other.getTrace(hex(1, 32))?.resources).toEqual([
      { ...resource, schemaUrl: 'https://r/2' },
    ]);
  });

  it('adds spans for a trace stored before once the file is read, counting those it had', async () => {
    const store = memoryTraceStore();
    await importTraceText(store, 'first.json', jsonLines(1, 2, 500)[0]!);
    const again = jsonLines(1, 4, 500)[0]!;
    const { result } = await open(store, 'again.jsonl', [again, again]);
    expect(result).toMatchObject({
      traceIds: [hex(500, 32)],
      spanCount: 4,
      duplicateSpanCount: 4,
    });
    expect(store.getSummary(hex(500, 32))?.spanCount).toBe(4);
  });
});

describe('openTraceFile of OTLP protobuf and big Jaeger JSON files', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    temp = await makeTempDir();
  });
  afterAll(() => temp.cleanup());

  const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
  const padding = 'x'.repeat(300);
  /** A request of `resources` ResourceSpans of `perResource` spans, in traces of 100 spans. */
  function request(resources: number, perResource: number): OtlpTraceRequest {
    return {
      resourceSpans: Array.from({ length: resources }, (_, r) => ({
        resource: { attributes: [{ key: 'service.name', value: { stringValue: `svc ${r}` } }] },
        scopeSpans: [
          {
            scope: { name: 'test' },
            spans: Array.from({ length: perResource }, (_, i) => {
              const n = r * perResource + i;
              return {
                traceId: hex(1 + Math.floor(n / 100), 32),
                spanId: hex(n + 1, 16),
                name: `step ${n}`,
                kind: 1,
                startTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(n) * 1000n),
                endTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(n) * 1000n + 500n),
                attributes: [{ key: 'padding', value: { stringValue: padding } }],
              };
            }),
          },
        ],
      })),
    } as OtlpTraceRequest;
  }
  const framed = (...messages: Uint8Array[]) =>
    Buffer.concat(
      messages.flatMap((message) => {
        const length = Buffer.alloc(4);
        length.writeUInt32BE(message.length);
        return [length, Buffer.from(message)];
      }),
    );

  async function open(store: TraceStore, name: string, content: Uint8Array | string) {
    const file = path.join(temp.dir, name);
    await writeFile(file, content);
    const seen: number[] = [];
    const result = await openTraceFile(store, file, name, (_fileName, _bytes, work) =>
      work({
        signal: new AbortController().signal,
        report: () => seen.push(store.traceCount),
        checkCancelled: () => {},
      }),
    );
    return { result, seen };
  }

  it('opens one serialized ExportTraceServiceRequest, storing traces while it reads', async () => {
    const store = memoryTraceStore();
    // 40 ResourceSpans of 200 spans, about 3.3 MB: several chunks of 1 MiB.
    const { result, seen } = await open(store, 'big.pb', encodeTraceRequest(request(40, 200)));
    expect(result).toMatchObject({ format: 'otlp-protobuf', spanCount: 8000, warnings: [] });
    expect(store.traceCount).toBe(80);
    expect(seen.some((count) => count > 0 && count < 80)).toBe(true);
    const trace = store.getTrace(hex(80, 32))!;
    expect(trace.spans).toHaveLength(100);
    expect(trace.resources[0]!.attributes).toContainEqual({
      key: 'service.name',
      value: { stringValue: 'svc 39' },
    });
  });

  it("opens the Collector file exporter's length-prefixed messages", async () => {
    const store = memoryTraceStore();
    const whole = request(4, 50);
    const messages = whole.resourceSpans!.map((resourceSpans) =>
      encodeTraceRequest({ resourceSpans: [resourceSpans] }),
    );
    const { result } = await open(store, 'collector.binpb', framed(...messages));
    expect(result).toMatchObject({
      format: 'otlp-protobuf',
      spanCount: 200,
      traceIds: [hex(1, 32), hex(2, 32)],
    });
  });

  it('keeps nothing of a truncated or bad protobuf file, naming the file and the byte', async () => {
    const store = memoryTraceStore();
    const bytes = encodeTraceRequest(request(40, 200));
    const truncated = bytes.subarray(0, bytes.length - 100);
    const { result, seen } = await open(store, 'cut.pb', truncated);
    expect('error' in result && result.error).toMatch(
      /^cut\.pb: byte [\d,]+: the file ends inside resourceSpans\[39\], which starts at byte [\d,]+ and should hold [\d,]+ bytes \(truncated\?\)$/,
    );
    // It stored traces while it read, and took them out again.
    expect(seen.some((count) => count > 0)).toBe(true);
    expect(store.traceCount).toBe(0);
    const badLater = Buffer.concat([bytes, Uint8Array.from([0x0a, 0x02, 0x12, 0x09])]);
    const bad = await open(store, 'bad.pb', badLater);
    expect('error' in bad.result && bad.result.error).toBe(
      `bad.pb: byte ${(bytes.length + 4).toLocaleString('en-US')}: resourceSpans[40] (from byte ${bytes.length.toLocaleString('en-US')}) is not a valid OTLP ResourceSpans: a field of 9 bytes at byte ${(bytes.length + 4).toLocaleString('en-US')} runs past the end of the ResourceSpans`,
    );
    expect(store.traceCount).toBe(0);
  });

  it('refuses a binary file that is no trace file, naming the byte', async () => {
    const { result } = await open(
      memoryTraceStore(),
      'image.png',
      Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]),
    );
    expect('error' in result && result.error).toMatch(
      /^image\.png: is not JSON: byte 0 starts neither/,
    );
  });

  /** Jaeger UI's download of `traces` traces of `perTrace` spans; processes after the spans. */
  function jaegerDownload(traces: number, perTrace: number): string {
    return JSON.stringify({
      data: Array.from({ length: traces }, (_, t) => ({
        traceID: hex(t + 1, 32),
        spans: Array.from({ length: perTrace }, (_, i) => ({
          traceID: hex(t + 1, 32),
          spanID: hex(t * perTrace + i + 1, 16),
          operationName: `step ${i}`,
          references: [],
          startTime: 1_700_000_000_000_000 + i,
          duration: 5,
          tags: [{ key: 'padding', type: 'string', value: padding }],
          logs: [],
          processID: 'p1',
          warnings: null,
        })),
        processes: { p1: { serviceName: `svc ${t}`, tags: [] } },
        warnings: null,
      })),
      total: 0,
      limit: 0,
      offset: 0,
      errors: null,
    });
  }

  it('reads Jaeger JSON in chunks, one trace object at a time, storing traces while it reads', async () => {
    const store = memoryTraceStore();
    const { result, seen } = await open(store, 'jaeger.json', jaegerDownload(80, 100));
    expect(result).toMatchObject({ format: 'jaeger-json', spanCount: 8000 });
    expect(store.traceCount).toBe(80);
    expect(seen.some((count) => count > 0 && count < 80)).toBe(true);
  });

  it('keeps nothing of a Jaeger file whose last trace is bad, and says where', async () => {
    const store = memoryTraceStore();
    const text = jaegerDownload(80, 100);
    const bad = `${text.slice(0, text.lastIndexOf('"processID":"p1"'))}"processID":"p9"${text.slice(text.lastIndexOf('"processID":"p1"') + 16)}`;
    const { result, seen } = await open(store, 'bad-jaeger.json', bad);
    expect('error' in result && result.error).toBe(
      'bad-jaeger.json: data[79].spans[99].processID: names process "p9", which "processes" does not list',
    );
    expect(seen.some((count) => count > 0)).toBe(true);
    expect(store.traceCount).toBe(0);
  });
});
