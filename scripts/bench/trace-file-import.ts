// How fast trace files open: generates a trace of N spans (several services, attributes, events),
// writes it as OTLP JSON, OTLP JSON Lines (1,000 spans a line, as the Collector's file exporter
// batches) and Jaeger JSON, and times importTraceText into an empty store (the trace database in a
// fresh data directory, and SQLite in memory), until the spans are committed and the search index
// (the facts filters and the latency table use) holds them; then the waterfall's outline built from
// the database and the first filtered list; and the same import through the web host's HTTP route
// (the path the web UI's Open button takes).
// Usage: npm run bench:trace-files [-- --spans 100000 --runs 3]
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { request as httpRequest } from 'node:http';
import { parseArgs } from 'node:util';
import type { OtlpSpan, OtlpTraceRequest } from '../../app/model/otlp';
import { traceFileNameHeader } from '../../app/contract';
import { createSpanlightCore } from '../../app/spanlight-core';
import { openTraceStore } from '../../app/storage/open-trace-store';
import { parseTraceFile } from '../../app/trace-files/parse-trace-file';
import { exportTrace, importTraceText } from '../../app/trace-files/trace-files';
import { startWebServer } from '../../main/web/web-server';

const SERVICES = ['frontend', 'checkout', 'payments', 'inventory', 'shipping'];
const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';

/** A tree where span i's parent is (i - 1) / 8: wide and about six levels deep at 100,000. */
function generate(spanCount: number): OtlpTraceRequest {
  const start = 1_732_000_000_000_000_000n;
  const byService: OtlpSpan[][] = SERVICES.map(() => []);
  for (let i = 0; i < spanCount; i++) {
    const spanStart = start + BigInt(i) * 1_000n;
    byService[i % SERVICES.length]!.push({
      traceId: TRACE_ID,
      spanId: (i + 1).toString(16).padStart(16, '0'),
      ...(i > 0 && { parentSpanId: (Math.floor((i - 1) / 8) + 1).toString(16).padStart(16, '0') }),
      name: `operation ${i % 40}`,
      kind: (i % 3) + 1,
      startTimeUnixNano: spanStart.toString(),
      endTimeUnixNano: (spanStart + 250_000n).toString(),
      attributes: [
        { key: 'http.request.method', value: { stringValue: 'GET' } },
        { key: 'http.route', value: { stringValue: `/api/items/${i % 100}` } },
        { key: 'http.response.status_code', value: { intValue: '200' } },
        { key: 'app.item.count', value: { intValue: String(i % 17) } },
        { key: 'app.cache.hit', value: { boolValue: i % 2 === 0 } },
      ],
      events:
        i % 4 === 0
          ? [
              {
                timeUnixNano: (spanStart + 100_000n).toString(),
                name: 'cache lookup',
                attributes: [{ key: 'cache.key', value: { stringValue: `item:${i}` } }],
              },
            ]
          : [],
      status: { code: i % 97 === 0 ? 2 : 0 },
    });
  }
  return {
    resourceSpans: SERVICES.map((service, s) => ({
      resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
      scopeSpans: [{ scope: { name: `${service}-instrumentation` }, spans: byService[s]! }],
    })),
  };
}

function toJsonLines(request: OtlpTraceRequest, spansPerLine: number): string {
  const lines: string[] = [];
  for (const resourceSpans of request.resourceSpans ?? []) {
    const spans = resourceSpans.scopeSpans?.[0]?.spans ?? [];
    for (let i = 0; i < spans.length; i += spansPerLine) {
      const batch = {
        resourceSpans: [
          {
            resource: resourceSpans.resource,
            scopeSpans: [
              {
                scope: resourceSpans.scopeSpans?.[0]?.scope,
                spans: spans.slice(i, i + spansPerLine),
              },
            ],
          },
        ],
      };
      lines.push(JSON.stringify(batch));
    }
  }
  return `${lines.join('\n')}\n`;
}

/** POSTs with node:http (the server's side of the web UI's request) and returns the answer's text. */
/** The web host's API token for this benchmark's servers. */
const API_TOKEN = randomBytes(32).toString('base64url');

function post(url: string, body: string, fileName: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${API_TOKEN}`,
          'content-type': 'text/plain; charset=utf-8',
          'content-length': Buffer.byteLength(body),
          [traceFileNameHeader]: encodeURIComponent(fileName),
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () =>
          response.statusCode === 200
            ? resolve(text)
            : reject(new Error(`HTTP ${response.statusCode}: ${text}`)),
        );
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (ms: number) => Math.round(ms * 10) / 10;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      spans: { type: 'string', default: '100000' },
      runs: { type: 'string', default: '3' },
    },
  });
  const spanCount = Number(values.spans);
  const runs = Number(values.runs);

  const request = generate(spanCount);
  const files: Record<string, string> = {
    'otlp-json': JSON.stringify(request),
    'otlp-json-lines': toJsonLines(request, 1000),
  };
  const benchDir = await mkdtemp(path.join(tmpdir(), 'spanlight-bench-'));
  const freshDir = (() => {
    let next = 0;
    return () => path.join(benchDir, `data-${next++}`);
  })();
  const seed = (await openTraceStore({ dataDir: freshDir(), inMemory: true })).store;
  await importTraceText(seed, 'seed.json', files['otlp-json']!);
  files['jaeger-json'] = exportTrace(seed, TRACE_ID, 'jaeger-json').text;
  await seed.close();

  const results: Record<string, unknown> = {};
  try {
    for (const [format, text] of Object.entries(files)) {
      const parse: number[] = [];
      const inProcess: number[] = [];
      const inProcessCpu: number[] = [];
      const inMemory: number[] = [];
      const outline: number[] = [];
      const firstQuery: number[] = [];
      const overHttp: number[] = [];
      for (let run = 0; run < runs; run++) {
        let t = performance.now();
        parseTraceFile(`${format}.json`, text);
        parse.push(performance.now() - t);

        // Into the trace database of a fresh data directory: resolves once committed (fsynced).
        const { store } = await openTraceStore({ dataDir: freshDir() });
        t = performance.now();
        const cpu = process.cpuUsage();
        const result = await importTraceText(store, `${format}.json`, text);
        inProcess.push(performance.now() - t);
        const used = process.cpuUsage(cpu);
        inProcessCpu.push((used.user + used.system) / 1000);
        if ('error' in result) throw new Error(result.error);
        if (store.getSummary(TRACE_ID)?.spanCount !== spanCount) throw new Error('spans missing');
        // What a click on the trace costs before any row: its outline, read from the database.
        t = performance.now();
        if (store.getOutline(TRACE_ID)?.parents.length !== spanCount)
          throw new Error('outline incomplete');
        outline.push(performance.now() - t);
        t = performance.now();
        const page = store.queryTraces({
          query: { attributes: [{ key: 'http.route', value: '/api/items/7' }], errorsOnly: true },
        });
        firstQuery.push(performance.now() - t);
        if (page.matchedTraces !== 1) throw new Error('the filter did not find the trace');
        await store.close();

        const memory = (await openTraceStore({ dataDir: freshDir(), inMemory: true })).store;
        t = performance.now();
        await importTraceText(memory, `${format}.json`, text);
        inMemory.push(performance.now() - t);
        await memory.close();

        // The web UI's path: the file's text as the request body (as renderer/api/http-api.ts
        // sends it), answered with the result; a fresh core each run, so every run adds the spans.
        const dataDir = freshDir();
        const core = await createSpanlightCore({ dataDir, env: {} });
        const server = await startWebServer({
          core,
          staticDir: dataDir,
          port: 0,
          token: API_TOKEN,
        });
        t = performance.now();
        const answer = JSON.parse(
          await post(`${server.url}/api/importTraceText`, text, `${format}.json`),
        ) as { spanCount?: number; error?: string };
        overHttp.push(performance.now() - t);
        await server.close();
        await core.close();
        if (answer.spanCount !== spanCount) throw new Error(answer.error ?? 'import failed');
      }
      results[format] = {
        fileMegabytes: round(Buffer.byteLength(text) / 1024 / 1024),
        parseMs: round(median(parse)),
        importIntoStoreMs: round(median(inProcess)),
        // CPU of the whole process (GC threads included): less swayed by other load than wall time.
        importIntoStoreCpuMs: round(median(inProcessCpu)),
        importIntoMemoryStoreMs: round(median(inMemory)),
        outlineFromDatabaseMs: round(median(outline)),
        firstFilteredListMs: round(median(firstQuery)),
        webHostRequestMs: round(median(overHttp)),
      };
    }
  } finally {
    await rm(benchDir, { recursive: true, force: true });
  }
  console.log(
    JSON.stringify(
      {
        benchmark: 'trace-file-import',
        spans: spanCount,
        runs,
        statistic: 'median',
        node: process.version,
        loadAverage: os.loadavg().map((load) => round(load)),
        results,
      },
      null,
      2,
    ),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
