// How much the Jaeger mirror costs the app: places orders as fast as it can for a fixed time,
// alternating the "Export to Jaeger" switch off and on in one run against a real Jaeger v2
// (test/helpers/jaeger.ts starts it on loopback ports), and prints JSON.
// Usage: npm run bench:mirror [-- --phase-ms 2000 --rounds 6 --concurrency 4]
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { OrderOptions } from '../../app/contract';
import { percentileOfSorted } from '../../app/search/percentiles';
import { createSpanlightCore, type SpanlightCore } from '../../app/spanlight-core';
import { findJaeger, spanCountOf, startJaeger, type Jaeger } from '../../test/helpers/jaeger';

const SPANS_PER_ORDER = 6;

const ok: OrderOptions = { paymentDeclined: false, emailServerDown: false, slowDatabase: false };

const round3 = (n: number) => Math.round(n * 1000) / 1000;

/**
 * Runs `concurrency` order loops for `millis`; returns each order's latency in ms and the CPU time
 * this process used (the app's own cost, apart from Jaeger's, which shares the machine).
 */
async function placeFor(
  core: SpanlightCore,
  millis: number,
  concurrency: number,
  untilExported = false,
): Promise<Phase> {
  const latencies: number[] = [];
  const traceIds: string[] = [];
  const cpuBefore = process.cpuUsage();
  const startedAt = performance.now();
  const until = startedAt + millis;
  const loop = async () => {
    while (performance.now() < until) {
      const started = performance.now();
      traceIds.push((await core.commands.placeOrder(ok)).traceId);
      latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  // With the mirror on, the phase ends when its spans have left the queue and Jaeger answered:
  // the export work belongs to the phase that caused it.
  if (untilExported) await mirrorQueueDrained(core);
  const elapsedMs = performance.now() - startedAt;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    latencies,
    traceIds,
    elapsedMs,
    userCpuMs: cpu.user / 1000,
    systemCpuMs: cpu.system / 1000,
  };
}

async function mirrorQueueDrained(core: SpanlightCore, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await core.commands.getMirrorStatus({})).counts.queued > 0) {
    if (Date.now() > deadline) throw new Error('the mirror did not drain its queue within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

interface Phase {
  latencies: number[];
  traceIds: string[];
  elapsedMs: number;
  userCpuMs: number;
  systemCpuMs: number;
}

const emptyPhase = (): Phase => ({
  latencies: [],
  traceIds: [],
  elapsedMs: 0,
  userCpuMs: 0,
  systemCpuMs: 0,
});

function collect(into: Phase, phase: Phase) {
  into.latencies.push(...phase.latencies);
  into.traceIds.push(...phase.traceIds);
  into.elapsedMs += phase.elapsedMs;
  into.userCpuMs += phase.userCpuMs;
  into.systemCpuMs += phase.systemCpuMs;
}

/** How many of the traces' spans Jaeger's query API returns (GET /api/v3/traces/{id}). */
async function spansInJaeger(jaeger: Jaeger, traceIds: readonly string[]): Promise<number> {
  let found = 0;
  for (let i = 0; i < traceIds.length; i += 16) {
    const batch = await Promise.all(traceIds.slice(i, i + 16).map((id) => jaeger.getTrace(id)));
    for (const trace of batch) if (trace) found += spanCountOf(trace);
  }
  return found;
}

function summary({ latencies, userCpuMs, systemCpuMs, elapsedMs }: Phase) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    orders: latencies.length,
    elapsedMs: Math.round(elapsedMs),
    ordersPerSecond: round3(latencies.length / (elapsedMs / 1000)),
    p50Ms: round3(percentileOfSorted(sorted, 50)),
    p95Ms: round3(percentileOfSorted(sorted, 95)),
    appCpuMsPerOrder: round3((userCpuMs + systemCpuMs) / latencies.length),
    // System time is mostly the workflow's file I/O and varies a lot between runs; the mirror's
    // own work (serializing, sending) is user time.
    appUserCpuMsPerOrder: round3(userCpuMs / latencies.length),
    appSystemCpuMsPerOrder: round3(systemCpuMs / latencies.length),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'phase-ms': { type: 'string', default: '2000' },
      rounds: { type: 'string', default: '6' },
      concurrency: { type: 'string', default: '4' },
    },
  });
  const phaseMs = Number(values['phase-ms']);
  const rounds = Number(values.rounds);
  const concurrency = Number(values.concurrency);
  const found = findJaeger();
  if ('missing' in found) {
    console.error(`bench:mirror needs Jaeger: ${found.missing}`);
    process.exit(1);
  }
  const jaeger = await startJaeger(found.binary);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'spanlight-bench-mirror-'));
  const core = await createSpanlightCore({
    dataDir,
    env: { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: jaeger.tracesEndpoint },
  });
  try {
    // Warm up both paths (JIT, sockets, files) before measuring.
    await core.commands.updateSettings({ mirrorEnabled: true });
    await placeFor(core, 1000, concurrency);
    await core.commands.updateSettings({ mirrorEnabled: false });
    await placeFor(core, 500, concurrency);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const before = (await core.commands.getMirrorStatus({})).counts;

    const off = emptyPhase();
    const on = emptyPhase();
    const loadBefore = loadavg()[0]!;
    // Off-on, then on-off (ABBA): a drift over the run (a growing order book, a warming JIT, a
    // neighbour's load) then weighs on both sides alike instead of always on the second.
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? [false, true] : [true, false];
      for (const mirrorEnabled of order) {
        await core.commands.updateSettings({ mirrorEnabled });
        collect(
          mirrorEnabled ? on : off,
          await placeFor(core, phaseMs, concurrency, mirrorEnabled),
        );
      }
    }
    const loadAfter = loadavg()[0]!;
    await core.commands.updateSettings({ mirrorEnabled: false });
    await mirrorQueueDrained(core);
    const counts = (await core.commands.getMirrorStatus({})).counts;
    const offSummary = summary(off);
    const onSummary = summary(on);
    // An export counts only once Jaeger has it: every on-phase trace is looked up in its query API
    // (its in-memory store takes a span when it acknowledges the export).
    const spansEndedWhileOn = on.latencies.length * SPANS_PER_ORDER;
    const inJaeger = await spansInJaeger(jaeger, on.traceIds);
    const offInJaeger = await spansInJaeger(jaeger, off.traceIds);
    const mirror = {
      spansEndedWhileOn,
      inJaeger,
      missingInJaeger: spansEndedWhileOn - inJaeger,
      // Spans that ended while off must not be there.
      sentWhileOff: offInJaeger,
      exportedAsCounted: counts.exported - before.exported,
      failed: counts.failed - before.failed,
      dropped: counts.dropped - before.dropped,
      queued: counts.queued,
    };
    const throughputRatio = round3(onSummary.ordersPerSecond / offSummary.ordersPerSecond);
    console.log(
      JSON.stringify(
        {
          benchmark: 'mirror',
          phaseMs,
          rounds,
          concurrency,
          jaeger: 'v2.13.0 (in-memory, loopback)',
          // The machine's 1-minute load average around the measurement: figures are only comparable
          // at similar load (Jaeger and this process share the same cores).
          loadAverage: { before: round3(loadBefore), after: round3(loadAfter) },
          off: offSummary,
          on: onSummary,
          ratio: {
            throughput: throughputRatio,
            p50: round3(onSummary.p50Ms / offSummary.p50Ms),
            p95: round3(onSummary.p95Ms / offSummary.p95Ms),
            appCpuPerOrder: round3(onSummary.appCpuMsPerOrder / offSummary.appCpuMsPerOrder),
            appUserCpuPerOrder: round3(
              onSummary.appUserCpuMsPerOrder / offSummary.appUserCpuMsPerOrder,
            ),
          },
          mirror,
          target: {
            throughputRatioAtLeast: 0.9,
            met:
              throughputRatio >= 0.9 &&
              mirror.dropped === 0 &&
              mirror.failed === 0 &&
              mirror.missingInJaeger === 0 &&
              mirror.sentWhileOff === 0,
          },
        },
        null,
        2,
      ),
    );
  } finally {
    await core.close();
    await jaeger.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
