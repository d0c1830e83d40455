// The trace store at scale: ingests 1,000,000 spans (one trace of 100,000 spans and ~9,000 traces of
// 100) into a core's store, with the trace database and with --in-memory, then starts a core on the
// database again. Spans arrive as receivers hand them over: batches of 512 from 4 clients at once,
// each awaited until durable. Each phase runs in a fresh Node process, so memory figures are its own.
// Then the same load into a database with a size limit (--evict-limit-mib, default 64) it goes far
// past: spans/s while retention evicts, and the largest size seen. And how long SQLite's
// quick_check and integrity_check take over the full database (the store runs quick_check at start).
// Prints one JSON object.
// Usage: npm run bench:store [-- --spans 1000000 --big-trace 100000 --evict-limit-mib 64]
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { DatabaseSync } from 'node:sqlite';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { IncomingSpan } from '../../app/storage/incoming-span';
import { createSpanlightCore } from '../../app/spanlight-core';
import { spanIdAt } from '../../app/model/outline-span-ids';
import { syntheticTrace } from './synthetic-traces';

const BATCH_SPANS = 512;
const CLIENTS = 4;
const SPANS_PER_TRACE = 100;

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const megabytes = (bytes: number) => round(bytes / 1024 / 1024);

/** Cheap unique ids (crypto's randomBytes would dominate the generator's time). */
function idMaker(seed: number): (bytes: 8 | 16) => string {
  let counter = 0;
  const prefix = seed.toString(16).padStart(8, '0');
  return (bytes) => {
    counter += 1;
    const tail = counter.toString(16).padStart(8, '0');
    return bytes === 8 ? `${prefix}${tail}` : `${prefix}${tail}${prefix}${tail}`;
  };
}

/** The spans, in the batches the clients send, made one round (4 batches) at a time. */
function* rounds(totalSpans: number, bigTrace: number): Generator<IncomingSpan[][]> {
  const id = idMaker(process.pid);
  const now = BigInt(Date.now()) * 1_000_000n;
  // Traces in flight at once, interleaved as an SDK's batch processor sends spans of concurrent
  // requests; the big trace streams in beside them.
  const open: IncomingSpan[][] = [];
  let made = 0;
  let startOffset = 0n;
  const nextTrace = (spans: number) => {
    startOffset += 1_000_000n;
    made += spans;
    return syntheticTrace(now - 3_600_000_000_000n + startOffset, { spans, id });
  };
  const big = bigTrace > 0 ? nextTrace(bigTrace) : undefined;
  if (big) open.push(big);
  for (;;) {
    const round: IncomingSpan[][] = [];
    for (let client = 0; client < CLIENTS; client++) {
      const batch: IncomingSpan[] = [];
      while (batch.length < BATCH_SPANS) {
        while (open.length < 16 && made < totalSpans)
          open.push(nextTrace(Math.min(SPANS_PER_TRACE, totalSpans - made)));
        if (open.length === 0) break;
        for (let i = 0; i < open.length && batch.length < BATCH_SPANS; i++) {
          const trace = open[i]!;
          batch.push(...trace.splice(0, trace === big ? 64 : 8));
          if (trace.length === 0) open.splice(i--, 1);
        }
      }
      if (batch.length > 0) round.push(batch);
    }
    if (round.length === 0) return;
    yield round;
  }
}

async function filesBytes(dir: string): Promise<number> {
  let total = 0;
  for (const name of await readdir(dir)) {
    if (name.startsWith('traces.sqlite')) total += (await stat(path.join(dir, name))).size;
  }
  return total;
}

interface IngestFigures {
  spans: number;
  traces: number;
  storeSeconds: number;
  spansPerSecond: number;
  wallSpansPerSecond: number;
  coreRssAfterIngestMb: number;
  heapUsedAfterIngestMb: number;
}

async function ingestPhase(dataDir: string, inMemory: boolean, spans: number, bigTrace: number) {
  const core = await createSpanlightCore({ dataDir, env: {}, inMemory });
  let storeMs = 0;
  const wallStart = performance.now();
  for (const round of rounds(spans, bigTrace)) {
    const started = performance.now();
    await Promise.all(round.map((batch) => core.store.addSpans(batch)));
    storeMs += performance.now() - started;
  }
  const wallMs = performance.now() - wallStart;
  const stored = core.store.spanCount;
  if (stored !== spans) throw new Error(`stored ${stored} spans of ${spans}`);
  global.gc?.();
  const memory = process.memoryUsage();
  const figures: IngestFigures = {
    spans: stored,
    traces: core.store.traceCount,
    storeSeconds: round(storeMs / 1000, 2),
    spansPerSecond: Math.round(stored / (storeMs / 1000)),
    wallSpansPerSecond: Math.round(stored / (wallMs / 1000)),
    coreRssAfterIngestMb: megabytes(memory.rss),
    heapUsedAfterIngestMb: megabytes(memory.heapUsed),
  };
  await core.close();
  return figures;
}

interface EvictionFigures {
  spans: number;
  limitMb: number;
  storeSeconds: number;
  spansPerSecond: number;
  /** The largest size seen after a round: pages in use (what the limit applies to), and on disk. */
  peakUsedMb: number;
  peakFileMb: number;
  finalUsedMb: number;
  finalFileMb: number;
  keptTraces: number;
  keptSpans: number;
  evictedTraces: number;
}

async function evictionPhase(dataDir: string, spans: number, bigTrace: number, limitMib: number) {
  await mkdir(dataDir, { recursive: true });
  await writeFile(
    path.join(dataDir, 'settings.json'),
    JSON.stringify({ retention: { maxDatabaseMiB: limitMib } }),
  );
  const core = await createSpanlightCore({ dataDir, env: {} });
  let storeMs = 0;
  let peakUsed = 0;
  let peakFile = 0;
  let rounds_ = 0;
  for (const round of rounds(spans, bigTrace)) {
    const started = performance.now();
    await Promise.all(round.map((batch) => core.store.addSpans(batch)));
    storeMs += performance.now() - started;
    // stats() reads the file's size: sampled, off the clock.
    if (++rounds_ % 8 === 0) {
      const stats = core.store.stats();
      peakUsed = Math.max(peakUsed, stats.usedBytes);
      peakFile = Math.max(peakFile, stats.fileBytes);
    }
  }
  const stats = core.store.stats();
  const figures: EvictionFigures = {
    spans,
    limitMb: limitMib,
    storeSeconds: round(storeMs / 1000, 2),
    spansPerSecond: Math.round(spans / (storeMs / 1000)),
    peakUsedMb: megabytes(Math.max(peakUsed, stats.usedBytes)),
    peakFileMb: megabytes(Math.max(peakFile, stats.fileBytes)),
    finalUsedMb: megabytes(stats.usedBytes),
    finalFileMb: megabytes(stats.fileBytes),
    keptTraces: stats.traceCount,
    keptSpans: stats.spanCount,
    evictedTraces: stats.droppedTraceCount,
  };
  await core.close();
  return figures;
}

/** Milliseconds of PRAGMA quick_check and integrity_check over the database. */
function checkTimes(dataDir: string) {
  const db = new DatabaseSync(path.join(dataDir, 'traces.sqlite'));
  const time = (pragma: string) => {
    const started = performance.now();
    const result = db.prepare(`PRAGMA ${pragma}`).all();
    if (JSON.stringify(result) !== JSON.stringify([{ [pragma]: 'ok' }]))
      throw new Error(`${pragma}: ${JSON.stringify(result)}`);
    return round(performance.now() - started);
  };
  // Each twice, alternating: the first run reads the file from disk, the second from the cache.
  const quick = [time('quick_check')];
  const integrity = [time('integrity_check')];
  quick.push(time('quick_check'));
  integrity.push(time('integrity_check'));
  const figures = { quickCheckMs: quick, integrityCheckMs: integrity };
  db.close();
  return figures;
}

async function reopenPhase(dataDir: string, bigTraceSpans: number) {
  const started = performance.now();
  const core = await createSpanlightCore({ dataDir, env: {} });
  const coreReadyMs = performance.now() - started;
  const page = await core.commands.listTraces({ limit: 200 });
  const firstPageMs = performance.now() - started;
  const afterStart = process.memoryUsage();
  const filtered = performance.now();
  const errors = await core.commands.listTraces({ limit: 200, query: { errorsOnly: true } });
  const filteredMs = performance.now() - filtered;
  const attributeFilter = async (key: string, value: string) => {
    const t = performance.now();
    const result = await core.commands.listTraces({
      limit: 200,
      query: { attributes: [{ key, value }] },
    });
    return { ms: round(performance.now() - t), matchedTraces: result.matchedTraces };
  };
  const goldTier = await attributeFilter('customer.tier', 'gold');
  // A value no trace has (the generator's order.id is one value a run: its ids share their start).
  const noTrace = await attributeFilter('order.id', 'ord-none');
  const latencyStart = performance.now();
  await core.commands.getLatencyByOperation({});
  const latencyMs = performance.now() - latencyStart;

  const big = core.store.listTraces().find((trace) => trace.spanCount === bigTraceSpans);
  let openBig: Record<string, number> | undefined;
  if (big) {
    let t = performance.now();
    const outline = await core.commands.getTraceOutline({ traceId: big.traceId });
    const outlineMs = performance.now() - t;
    if (outline?.parents.length !== bigTraceSpans) throw new Error('outline incomplete');
    const spanId = spanIdAt(outline, Math.floor(bigTraceSpans * 0.7))!;
    t = performance.now();
    const span = await core.commands.getSpan({ traceId: big.traceId, spanId });
    const spanMs = performance.now() - t;
    if (span?.span.spanId !== spanId) throw new Error('span not found');
    t = performance.now();
    await core.commands.findSpans({ traceId: big.traceId, query: 'fraud' });
    const findMs = performance.now() - t;
    openBig = {
      spans: bigTraceSpans,
      outlineMs: round(outlineMs),
      spanDetailsMs: round(spanMs),
      findMs: round(findMs),
    };
  }
  const figures = {
    coreReadyMs: round(coreReadyMs),
    firstListPageMs: round(firstPageMs),
    listedTraces: page.totalTraces,
    coreRssAfterStartMb: megabytes(afterStart.rss),
    heapUsedAfterStartMb: megabytes(afterStart.heapUsed),
    errorsOnlyListMs: round(filteredMs),
    errorTraces: errors.matchedTraces,
    /** customer.tier=gold (about a third of the traces), and a value no trace has. */
    goldTierFilter: goldTier,
    missingValueFilter: noTrace,
    latencyTableMs: round(latencyMs),
    openBigTrace: openBig,
    coreRssAfterOpenMb: megabytes(process.memoryUsage().rss),
  };
  await core.close();
  return figures;
}

/** Runs one phase in a fresh Node process and returns what it printed. */
function inChild<T>(args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', '--enable-source-maps', process.argv[1]!, ...args],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => (out += text));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`phase ${args.join(' ')} exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1)!) as T);
    });
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      spans: { type: 'string', default: '1000000' },
      'big-trace': { type: 'string', default: '100000' },
      phase: { type: 'string' },
      'data-dir': { type: 'string' },
      'evict-limit-mib': { type: 'string', default: '64' },
    },
  });
  const evictLimitMib = Number(values['evict-limit-mib']);
  const spans = Number(values.spans);
  const bigTrace = Number(values['big-trace']);
  const phase = values.phase;
  if (phase) {
    const dataDir = values['data-dir']!;
    const result =
      phase === 'reopen'
        ? await reopenPhase(dataDir, bigTrace)
        : phase === 'ingest-evict'
          ? await evictionPhase(dataDir, spans, bigTrace, evictLimitMib)
          : await ingestPhase(dataDir, phase === 'ingest-memory', spans, bigTrace);
    console.log(JSON.stringify(result));
    return;
  }

  const benchDir = await mkdtemp(path.join(tmpdir(), 'spanlight-bench-store-'));
  const common = ['--spans', String(spans), '--big-trace', String(bigTrace)];
  try {
    const loadBefore = os.loadavg();
    const memoryDir = path.join(benchDir, 'memory');
    const databaseDir = path.join(benchDir, 'database');
    const inMemory = await inChild<IngestFigures>([
      ...common,
      '--phase',
      'ingest-memory',
      '--data-dir',
      memoryDir,
    ]);
    const database = await inChild<IngestFigures>([
      ...common,
      '--phase',
      'ingest-database',
      '--data-dir',
      databaseDir,
    ]);
    const bytes = await filesBytes(databaseDir);
    const checks = checkTimes(databaseDir);
    const reopened = await inChild<Record<string, unknown>>([
      ...common,
      '--phase',
      'reopen',
      '--data-dir',
      databaseDir,
    ]);
    const eviction = await inChild<EvictionFigures>([
      ...common,
      '--evict-limit-mib',
      String(evictLimitMib),
      '--phase',
      'ingest-evict',
      '--data-dir',
      path.join(benchDir, 'evict'),
    ]);
    console.log(
      JSON.stringify(
        {
          benchmark: 'store',
          spans,
          bigTraceSpans: bigTrace,
          batchSpans: BATCH_SPANS,
          concurrentClients: CLIENTS,
          node: process.version,
          ingest: {
            database,
            inMemory,
            databaseToMemoryRate: round(database.spansPerSecond / inMemory.spansPerSecond, 3),
          },
          databaseMegabytes: megabytes(bytes),
          bytesOnDiskPerSpan: round(bytes / spans),
          restart: reopened,
          startChecks: { databaseMegabytes: megabytes(bytes), ...checks },
          eviction: {
            ...eviction,
            toDatabaseRate: round(eviction.spansPerSecond / database.spansPerSecond, 3),
            underLimit: eviction.peakUsedMb <= evictLimitMib,
          },
          loadAverage: {
            before: loadBefore.map((v) => round(v, 2)),
            after: os.loadavg().map((v) => round(v, 2)),
          },
          targets: {
            spansPerSecond: 200_000,
            databaseToMemoryRate: 0.8,
            firstListPageMs: 1000,
            coreRssAfterStartMb: 250,
          },
        },
        null,
        2,
      ),
    );
  } finally {
    await rm(benchDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
