// How fast Spanlight takes in OTLP: 4 concurrent clients send at least 200,000 spans in batches of
// 512 (the SDKs' default batch) over HTTP protobuf, HTTP JSON and gRPC to a fresh web host (the core
// in its worker, a Chromium window connected to it), and the same load goes to a real Jaeger v2
// (test/helpers/jaeger.ts, OTLP receivers into in-memory storage) in the same run. Prints one JSON
// line per transport: spans/s from the first send until every span is stored (Spanlight answers an
// export only once its spans are in the store; Jaeger: until the last traces are queryable), p50 and
// p99 request latency, the host's peak RSS, and the ratio Spanlight / Jaeger.
//
// The request bodies are encoded before the clock starts (as a real SDK encodes while it waits);
// the senders run on the same machine, so their CPU is part of the figure.
// Usage: npm run bench:ingest [-- --spans 204800 --clients 4 --batch 512
//          --transports http-protobuf,http-json,grpc --no-jaeger --no-browser --in-memory]
//        npm run bench:ingest -- --sender telemetrygen [--telemetrygen-rate 25000 --telemetrygen-seconds 5]
// BENCH_HOST_NODE_ARGS passes Node options to the web host (e.g. --cpu-prof to profile it);
// BENCH_RENDERER_PROFILE=DIR writes a CPU profile of the page per transport (open it in DevTools);
// BENCH_RENDERER_TRACE=DIR writes a Chromium trace of the page per transport (style, layout and
// paint, which the CPU profile counts only as "(program)"; open it in DevTools' Performance panel).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { Agent, request as httpRequest } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { credentials, makeGenericClientConstructor, type Client } from '@grpc/grpc-js';
import { chromium, type Browser } from '@playwright/test';
import type { OtlpSpan, OtlpTraceRequest } from '../../app/model/otlp';
import { OtlpSpanKind, OtlpStatusCode } from '../../app/model/otlp';
import type { ReceiverStatus } from '../../app/model/receiver';
import { EXPORT_METHOD_PATH } from '../../app/receiver/grpc-receiver';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../test/e2e/chromium-launch';
import { findJaeger, startJaeger, type Jaeger } from '../../test/helpers/jaeger';
import { encodeTraceRequest } from '../../test/helpers/otlp-protobuf-writer';
import { threadCpuMs, type ThreadCpu } from '../../test/helpers/process-cpu';

type Transport = 'http-protobuf' | 'http-json' | 'grpc';

const { values: options } = parseArgs({
  options: {
    spans: { type: 'string', default: '204800' },
    clients: { type: 'string', default: '4' },
    batch: { type: 'string', default: '512' },
    'spans-per-trace': { type: 'string', default: '32' },
    transports: { type: 'string', default: 'http-protobuf,http-json,grpc' },
    'no-jaeger': { type: 'boolean', default: false },
    'no-browser': { type: 'boolean', default: false },
    /** The web host keeps traces in SQLite's in-memory database instead of a database file. */
    'in-memory': { type: 'boolean', default: false },
    sender: { type: 'string', default: 'node' },
    /** telemetrygen: traces a second per worker (each of 2 spans), and for how long. */
    'telemetrygen-rate': { type: 'string', default: '25000' },
    'telemetrygen-seconds': { type: 'string', default: '5' },
  },
});
const telemetrygenRate = Number(options['telemetrygen-rate']);
const telemetrygenSeconds = Number(options['telemetrygen-seconds']);
const totalSpans = Number(options.spans);
const clients = Number(options.clients);
const batchSize = Number(options.batch);
const spansPerTrace = Number(options['spans-per-trace']);
const transports = options.transports.split(',') as Transport[];

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? NaN;
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** Batches of distinct spans: traces of `spansPerTrace` spans, 5 attributes each, an event on 1 in 4. */
function makeRequests(runId: number): { requests: OtlpTraceRequest[]; lastTraceIds: string[] } {
  const requests: OtlpTraceRequest[] = [];
  const traceIds: string[] = [];
  const base = 1_700_000_000_000_000_000n;
  let spanNumber = 0;
  for (let sent = 0; sent < totalSpans; sent += batchSize) {
    const spans: OtlpSpan[] = [];
    for (let i = 0; i < batchSize && sent + i < totalSpans; i++, spanNumber++) {
      const traceNumber = Math.floor(spanNumber / spansPerTrace);
      const inTrace = spanNumber % spansPerTrace;
      const traceId = `${hex(runId, 8)}${hex(traceNumber, 24)}`;
      if (inTrace === 0) traceIds.push(traceId);
      const start = base + BigInt(traceNumber) * 1_000_000_000n + BigInt(inTrace) * 1_000_000n;
      spans.push({
        traceId,
        spanId: hex(spanNumber + 1, 16),
        ...(inTrace > 0 && { parentSpanId: hex(spanNumber - inTrace + 1, 16) }),
        name: inTrace === 0 ? 'GET /checkout' : `SELECT orders ${inTrace % 8}`,
        kind: inTrace === 0 ? OtlpSpanKind.SERVER : OtlpSpanKind.CLIENT,
        startTimeUnixNano: start.toString(),
        endTimeUnixNano: (start + 800_000n).toString(),
        attributes: [
          { key: 'http.request.method', value: { stringValue: 'GET' } },
          { key: 'url.path', value: { stringValue: '/checkout' } },
          { key: 'http.response.status_code', value: { intValue: '200' } },
          { key: 'db.system', value: { stringValue: 'postgresql' } },
          { key: 'order.id', value: { stringValue: `order-${traceNumber}` } },
        ],
        ...(spanNumber % 4 === 0 && {
          events: [
            {
              timeUnixNano: (start + 100_000n).toString(),
              name: 'cache.miss',
              attributes: [{ key: 'cache.key', value: { stringValue: `k${spanNumber}` } }],
            },
          ],
        }),
        status: { code: spanNumber % 50 === 0 ? OtlpStatusCode.ERROR : OtlpStatusCode.UNSET },
      });
    }
    requests.push({
      resourceSpans: [
        {
          resource: {
            attributes: [
              {
                key: 'service.name',
                value: { stringValue: `bench-service-${requests.length % 5}` },
              },
              { key: 'service.version', value: { stringValue: '1.0.0' } },
              { key: 'host.name', value: { stringValue: 'bench-host' } },
            ],
          },
          scopeSpans: [{ scope: { name: 'bench', version: '0.1' }, spans }],
        },
      ],
    });
  }
  return { requests, lastTraceIds: traceIds.slice(-8) };
}

interface Sender {
  send(body: Buffer): Promise<void>;
  close(): void;
}

function httpSender(url: string, contentType: string): Sender {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  return {
    send: (body) =>
      new Promise((resolve, reject) => {
        const req = httpRequest(
          url,
          {
            method: 'POST',
            agent,
            headers: { 'content-type': contentType, 'content-length': body.length },
          },
          (res) => {
            res.resume();
            res.on('end', () =>
              res.statusCode === 200
                ? resolve()
                : reject(new Error(`${url} answered ${res.statusCode}`)),
            );
          },
        );
        req.on('error', reject);
        req.end(body);
      }),
    close: () => agent.destroy(),
  };
}

const passThrough = (bytes: Buffer) => bytes;
const RawTraceClient = makeGenericClientConstructor(
  {
    Export: {
      path: EXPORT_METHOD_PATH,
      requestStream: false,
      responseStream: false,
      requestSerialize: passThrough,
      requestDeserialize: passThrough,
      responseSerialize: passThrough,
      responseDeserialize: passThrough,
    },
  },
  'TraceService',
);

function grpcSender(address: string, index: number): Sender {
  // One channel per client, as separate SDK processes would have.
  const client = new RawTraceClient(address, credentials.createInsecure(), {
    'grpc.max_send_message_length': 64 * 1024 * 1024,
    'grpc.channel_id': index,
  }) as unknown as Client & {
    Export(body: Buffer, callback: (error: Error | null) => void): void;
  };
  return {
    send: (body) =>
      new Promise((resolve, reject) =>
        client.Export(body, (error) => (error ? reject(error) : resolve())),
      ),
    close: () => client.close(),
  };
}

/** Sends every body over `clients` concurrent senders; returns wall time and each request's latency. */
async function sendAll(
  transport: Transport,
  bodies: readonly Buffer[],
  makeSender: (index: number) => Sender,
): Promise<{ startedAt: number; endedAt: number; latencies: number[] }> {
  const senders = Array.from({ length: clients }, (_, index) => makeSender(index));
  // Warm each connection with an empty request, so the clock measures sending, not connecting.
  const empty = Buffer.from(transport === 'http-json' ? '{}' : '');
  await Promise.all(senders.map((sender) => sender.send(empty)));
  const latencies: number[] = [];
  let next = 0;
  const startedAt = performance.now();
  await Promise.all(
    senders.map(async (sender) => {
      while (next < bodies.length) {
        const body = bodies[next++]!;
        const sent = performance.now();
        await sender.send(body);
        latencies.push(performance.now() - sent);
      }
    }),
  );
  const endedAt = performance.now();
  for (const sender of senders) sender.close();
  return { startedAt, endedAt, latencies };
}

function senderFor(
  transport: Transport,
  target: { httpUrl: string; grpcAddress: string },
): (index: number) => Sender {
  return (index) => {
    if (transport === 'grpc') return grpcSender(target.grpcAddress, index);
    return httpSender(
      target.httpUrl,
      transport === 'http-json' ? 'application/json' : 'application/x-protobuf',
    );
  };
}

interface WebHost {
  /** http://127.0.0.1:<port>, for API requests (with the token). */
  readonly url: string;
  /** The page's address with the API token, as the host printed it. */
  readonly pageUrl: string;
  readonly token: string;
  readonly grpcAddress: string;
  readonly httpUrl: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

async function startWebHost(): Promise<WebHost> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'spanlight-bench-ingest-'));
  const child = spawn(
    process.execPath,
    [
      // e.g. BENCH_HOST_NODE_ARGS="--cpu-prof --cpu-prof-dir=.tmp/prof" to profile the host's threads.
      ...(process.env.BENCH_HOST_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      'dist/main/web-host.js',
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--otlp-grpc-port',
      '0',
      '--otlp-http-port',
      '0',
      ...(options['in-memory'] ? ['--in-memory'] : []),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/Spanlight listening on/.test(output)) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}:\n${output}`)));
  });
  const match = (pattern: RegExp) => pattern.exec(output)?.[1] ?? '';
  return {
    url: match(/Spanlight listening on (http:\/\/127\.0\.0\.1:\d+)\//),
    pageUrl: match(/Spanlight listening on (http:\/\/\S+)/),
    token: decodeURIComponent(match(/Spanlight listening on \S+\?token=(\S+)/)),
    grpcAddress: match(/OTLP\/gRPC receiver listening on (\S+)/),
    httpUrl: `${match(/OTLP\/HTTP receiver listening on (\S+)/)}/v1/traces`,
    process: child,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function command<T>(host: WebHost, name: string): Promise<T> {
  const response = await fetch(`${host.url}/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${host.token}` },
    body: '{}',
  });
  return (await response.json()) as T;
}

/** Peak resident set of a process (VmHWM, all its threads), in MB. */
async function peakRssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return round(kb / 1024);
}

/**
 * What the host's threads spent on the load: its CPU per 1,000 spans, and the busiest thread's
 * (the core's worker) share of the wall time — near 100 % means that thread is what limits.
 */
function cpuUse(before: Map<string, ThreadCpu>, after: Map<string, ThreadCpu>, wallMs: number) {
  const threads: { name: string; spent: number }[] = [];
  for (const [tid, { name, ms }] of after)
    threads.push({ name, spent: ms - (before.get(tid)?.ms ?? 0) });
  threads.sort((a, b) => b.spent - a.spent);
  const total = threads.reduce((sum, { spent }) => sum + spent, 0);
  const perThousand = (ms: number) => round((ms / totalSpans) * 1000, 2);
  return {
    hostCpuMsPer1000Spans: perThousand(total),
    busiestThreadPercent: Math.round(((threads[0]?.spent ?? 0) / wallMs) * 100),
    // Where it went, thread by thread, busiest first (the core's worker, the main thread, V8's
    // helpers, libuv's pool); threads that spent nothing are left out.
    threadsCpuMsPer1000Spans: threads
      .filter(({ spent }) => spent > 0)
      .map(({ name, spent }) => `${name} ${perThousand(spent)}`),
  };
}

function summary(totalMs: number, latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    spansPerSecond: Math.round(totalSpans / (totalMs / 1000)),
    seconds: round(totalMs / 1000, 2),
    p50RequestMs: round(percentile(sorted, 50), 2),
    p99RequestMs: round(percentile(sorted, 99), 2),
  };
}

async function runSpanlight(transport: Transport, bodies: Buffer[], browser: Browser | undefined) {
  const host = await startWebHost();
  const page = browser
    ? await browser.newPage({ viewport: { width: 1400, height: 900 } })
    : undefined;
  try {
    if (page) {
      await page.goto(host.pageUrl);
      await page.getByRole('button', { name: 'Place order' }).waitFor();
    }
    const profiling =
      page && process.env.BENCH_RENDERER_PROFILE
        ? await page.context().newCDPSession(page)
        : undefined;
    if (profiling) {
      await profiling.send('Profiler.enable');
      await profiling.send('Profiler.start');
    }
    const traceDir = page && browser && process.env.BENCH_RENDERER_TRACE;
    if (traceDir) {
      await browser.startTracing(page, {
        path: path.join(traceDir, `renderer-${transport}.trace.json`),
        categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'],
      });
    }
    const cpuBefore = await threadCpuMs(host.process.pid!);
    const result = await sendAll(transport, bodies, senderFor(transport, host));
    const cpuAfter = await threadCpuMs(host.process.pid!);
    if (traceDir) await browser.stopTracing();
    if (profiling) {
      const { profile } = await profiling.send('Profiler.stop');
      const file = path.join(
        process.env.BENCH_RENDERER_PROFILE!,
        `renderer-${transport}.cpuprofile`,
      );
      await writeFile(file, JSON.stringify(profile));
    }
    const status = await command<ReceiverStatus>(host, 'getReceiverStatus');
    const counters = transport === 'grpc' ? status.grpc.counters : status.http.counters;
    if (counters.spansAccepted !== totalSpans)
      throw new Error(`Spanlight accepted ${counters.spansAccepted} of ${totalSpans} spans`);
    const list = await command<{ totalTraces: number }>(host, 'listTraces');
    if (page) await page.locator('.trace-table tbody tr').first().waitFor();
    return {
      ...summary(result.endedAt - result.startedAt, result.latencies),
      ...cpuUse(cpuBefore, cpuAfter, result.endedAt - result.startedAt),
      storedTraces: list.totalTraces,
      peakRssMb: await peakRssMb(host.process.pid!),
    };
  } finally {
    await page?.close();
    await host.stop();
  }
}

async function runJaeger(
  jaeger: Jaeger,
  transport: Transport,
  bodies: Buffer[],
  lastTraceIds: readonly string[],
) {
  const target = {
    httpUrl: jaeger.tracesEndpoint,
    grpcAddress: `127.0.0.1:${jaeger.otlpGrpcPort}`,
  };
  const result = await sendAll(transport, bodies, senderFor(transport, target));
  // Jaeger answers before its storage has the spans; count until the last traces are queryable.
  for (const traceId of lastTraceIds) await jaeger.waitForTrace(traceId, spansPerTrace, 60_000);
  const queryableAt = performance.now();
  return summary(queryableAt - result.startedAt, result.latencies);
}

/**
 * telemetrygen (the Collector's load generator, a Go OpenTelemetry SDK) as a second, foreign sender.
 * Unthrottled it outruns its own SDK's span queue (2048) and drops spans before sending, so it runs
 * for a fixed time at a rate per worker; the figure is what Spanlight stored per second of that.
 */
async function runTelemetrygen(transport: Transport) {
  const binary = await new Promise<string>((resolve, reject) =>
    execFile('bash', ['scripts/ensure-telemetrygen.sh'], (error, stdout, stderr) =>
      error ? reject(new Error(stderr || error.message)) : resolve(stdout.trim()),
    ),
  );
  const host = await startWebHost();
  const countersNow = async () => {
    const status = await command<ReceiverStatus>(host, 'getReceiverStatus');
    return transport === 'grpc' ? status.grpc.counters : status.http.counters;
  };
  const accepted = async () => (await countersNow()).spansAccepted;
  try {
    const endpoint = transport === 'grpc' ? host.grpcAddress : new URL(host.httpUrl).host;
    const started = performance.now();
    const log = await new Promise<string>((resolve, reject) =>
      execFile(
        binary,
        [
          'traces',
          '--otlp-endpoint',
          endpoint,
          '--otlp-insecure',
          ...(transport === 'grpc' ? [] : ['--otlp-http']),
          '--workers',
          String(clients),
          '--duration',
          `${telemetrygenSeconds}s`,
          '--rate',
          String(telemetrygenRate),
          // Each trace is a parent and one child span.
          '--child-spans',
          '1',
          '--batch-size',
          String(batchSize),
        ],
        { maxBuffer: 64 * 1024 * 1024 },
        (error, _stdout, stderr) =>
          error ? reject(new Error(stderr || error.message)) : resolve(stderr),
      ),
    );
    const generated =
      2 *
      [...log.matchAll(/traces generated\s+\{"worker": \d+, "traces": (\d+)\}/g)].reduce(
        (sum, match) => sum + Number(match[1]),
        0,
      );
    // Until the last batch is stored: the count stops moving.
    let last = -1;
    let stored = await accepted();
    while (stored !== last) {
      last = stored;
      await new Promise((resolve) => setTimeout(resolve, 200));
      stored = await accepted();
    }
    const seconds = (performance.now() - started - 200) / 1000;
    const { requests, failedRequests } = await countersNow();
    return {
      requests,
      failedRequests,
      sender: 'telemetrygen',
      offeredSpansPerSecond: clients * telemetrygenRate * 2,
      spansGenerated: generated,
      spansStored: stored,
      storedSpansPerSecond: Math.round(stored / seconds),
      seconds: round(seconds, 2),
      peakRssMb: await peakRssMb(host.process.pid!),
    };
  } finally {
    await host.stop();
  }
}

async function main(): Promise<void> {
  if (options.sender === 'telemetrygen') {
    for (const transport of transports.filter((t) => t !== 'http-json'))
      console.log(
        JSON.stringify({
          transport,
          ...(await runTelemetrygen(transport)),
          loadAverage: loadavg().map((n) => round(n, 2)),
        }),
      );
    return;
  }
  const browser = options['no-browser']
    ? undefined
    : await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  const found = options['no-jaeger'] ? undefined : findJaeger();
  if (found && 'missing' in found) console.error(`bench:ingest: no Jaeger run: ${found.missing}`);
  const jaeger =
    found && 'binary' in found ? await startJaeger(found.binary, { otlpGrpc: true }) : undefined;
  try {
    for (const [index, transport] of transports.entries()) {
      const { requests } = makeRequests(index + 1);
      const bodies = requests.map((request) =>
        transport === 'http-json'
          ? Buffer.from(JSON.stringify(request))
          : Buffer.from(encodeTraceRequest(request)),
      );
      const loadBefore = loadavg()[0]!;
      const spanlight = await runSpanlight(transport, bodies, browser);
      // Jaeger gets the same spans under other trace ids (its memory store keeps the earlier runs).
      const forJaeger = makeRequests(100 + index);
      const jaegerBodies = forJaeger.requests.map((request) =>
        transport === 'http-json'
          ? Buffer.from(JSON.stringify(request))
          : Buffer.from(encodeTraceRequest(request)),
      );
      const jaegerResult = jaeger
        ? await runJaeger(jaeger, transport, jaegerBodies, forJaeger.lastTraceIds)
        : undefined;
      console.log(
        JSON.stringify({
          transport,
          spans: totalSpans,
          clients,
          batch: batchSize,
          browser: !!browser,
          spanlight,
          ...(jaegerResult && {
            jaeger: jaegerResult,
            ratio: round(spanlight.spansPerSecond / jaegerResult.spansPerSecond, 3),
          }),
          loadAverage: [round(loadBefore, 2), ...loadavg().map((n) => round(n, 2))],
        }),
      );
    }
  } finally {
    await jaeger?.stop();
    await browser?.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
