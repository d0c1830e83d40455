// Benchmarks search over a full store: 10,000 traces of 30 spans (300,000 spans) go straight into
// the core's store; then each kind of filter and the latency table are timed through the core's
// commands (median of several runs), and the scatter chart is timed in Chromium against a web
// server holding those traces. Prints one JSON object.
// Usage: npm run bench:search [-- --traces 10000 --runs 9 --no-browser --in-memory --screenshot FILE.png]
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium-launch';
import type { TraceQuery } from '../../../app/contract';
import { percentileOfSorted } from '../../../app/search/percentiles';
import { createSpanlightCore, type SpanlightCore } from '../../../app/spanlight-core';
import { startWebServer } from '../../../main/web/web-server';
import { SPANS_PER_TRACE, syntheticTrace } from '../../../scripts/bench/synthetic-traces';

const median = (values: number[]) =>
  percentileOfSorted(
    [...values].sort((a, b) => a - b),
    50,
  );
const round = (ms: number) => Math.round(ms * 100) / 100;

async function timeMedian<T>(
  runs: number,
  work: () => Promise<T>,
): Promise<{ ms: number; last: T }> {
  const times: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    last = await work();
    times.push(performance.now() - start);
  }
  return { ms: round(median(times)), last: last! };
}

/** Adds the traces 100 at a time, each batch committed before the next (as imports do). */
async function load(core: SpanlightCore, traces: number): Promise<number> {
  const nowNanos = BigInt(Date.now()) * 1_000_000n;
  const hourNanos = 3_600_000_000_000n;
  const start = performance.now();
  for (let done = 0; done < traces; done += 100) {
    const batch = [];
    for (let i = done; i < Math.min(traces, done + 100); i++) {
      const age = (hourNanos * BigInt(Math.floor(Math.random() * 1_000_000))) / 1_000_000n;
      batch.push(...syntheticTrace(nowNanos - age));
    }
    await core.store.addSpans(batch);
  }
  return performance.now() - start;
}

const FILTERS: Record<string, TraceQuery> = {
  none: {},
  service: { service: 'email-service' },
  spanNameAny: { spanName: 'fraud-check' },
  spanNameRoot: { spanName: 'GET /checkout', spanNameScope: 'root' },
  operation: { service: 'payment-service', spanName: 'authorize-payment' },
  attribute: { attributes: [{ key: 'customer.tier', value: 'gold' }] },
  twoAttributes: {
    attributes: [
      { key: 'customer.tier', value: 'gold' },
      { key: 'http.response.status_code', value: '502' },
    ],
  },
  minDuration: { minDurationMicros: 250_000 },
  durationRange: { minDurationMicros: 100_000, maxDurationMicros: 200_000 },
  errorsOnly: { errorsOnly: true },
  last15Minutes: { startAfterUnixMillis: Date.now() - 15 * 60_000 },
  combined: {
    service: 'payment-service',
    attributes: [{ key: 'cloud.region', value: 'eu-west' }],
    minDurationMicros: 50_000,
    errorsOnly: true,
    startAfterUnixMillis: Date.now() - 30 * 60_000,
  },
};

/** Chart timings in Chromium: from the list's arrival (a performance mark) to the chart's last DOM change. */
async function chartTimings(core: SpanlightCore, runs: number, screenshot: string | undefined) {
  const server = await startWebServer({
    core,
    staticDir: path.resolve('dist/renderer'),
    port: 0,
    token: randomBytes(32).toString('base64url'),
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.addInitScript(() => {
      const state = { last: 0 };
      (window as unknown as { chartMutations: typeof state }).chartMutations = state;
      new MutationObserver((records) => {
        if (records.some((r) => (r.target as Element).closest?.('.trace-scatter'))) {
          state.last = performance.now();
        }
      }).observe(document, { subtree: true, childList: true, attributes: true });
    });
    await page.goto(server.pageUrl);
    await page.locator('.scatter-point').first().waitFor({ timeout: 60_000 });
    await settle(page);
    if (screenshot) await page.screenshot({ path: screenshot });
    const shownPoints = await page.locator('.scatter-point').count();
    const caption = await page.locator('.chart-caption').innerText();

    const onData: number[] = [];
    const fromClick: number[] = [];
    const onResize: number[] = [];
    const errorsOnly = page.getByRole('form', { name: 'Filters' }).getByLabel('Errors only');
    for (let i = 0; i < runs; i++) {
      // All traces → errors only → all traces again; time the render of the full set.
      await errorsOnly.check();
      await settle(page);
      const clickedAt = await page.evaluate(() => performance.now());
      await errorsOnly.uncheck();
      const { received, last } = await settle(page);
      onData.push(last - received);
      fromClick.push(last - clickedAt);
      // Chart alone: a new width re-plots (and re-thins) every point; the list does not re-render.
      const before = await page.evaluate(() => performance.now());
      await page.setViewportSize({ width: i % 2 ? 1600 : 1500, height: 1000 });
      const resized = await settle(page);
      onResize.push(resized.last - before);
    }
    return {
      chartPointsListed: core.store.traceCount,
      chartPointsDrawn: shownPoints,
      chartCaption: caption,
      chartRenderAfterDataMs: round(median(onData)),
      // A checkbox applies at once (no typing debounce); includes the HTTP round trip of the
      // 10,000 summaries and rendering the list rows.
      filterClickToChartDrawnMs: round(median(fromClick)),
      chartRerenderOnResizeMs: round(median(onResize)),
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

/** Waits until the chart has not changed for 500 ms; returns the last change and the last list arrival. */
async function settle(page: Page): Promise<{ received: number; last: number }> {
  return page.evaluate(
    () =>
      new Promise<{ received: number; last: number }>((resolve) => {
        const state = (window as unknown as { chartMutations: { last: number } }).chartMutations;
        const started = performance.now();
        const check = () => {
          const now = performance.now();
          if (now - Math.max(state.last, started) > 500) {
            const marks = performance.getEntriesByName('spanlight:traces-received');
            resolve({ received: marks.at(-1)?.startTime ?? 0, last: state.last });
          } else setTimeout(check, 50);
        };
        check();
      }),
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      traces: { type: 'string', default: '10000' },
      runs: { type: 'string', default: '9' },
      'no-browser': { type: 'boolean', default: false },
      'in-memory': { type: 'boolean', default: false },
      screenshot: { type: 'string' },
    },
  });
  const traces = Number(values.traces);
  const runs = Number(values.runs);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'spanlight-bench-search-'));
  // The trace database in a fresh data directory, as the app runs; --in-memory for SQLite in memory.
  const core = await createSpanlightCore({
    dataDir,
    env: {},
    maxTraces: traces,
    inMemory: values['in-memory'],
  });
  try {
    const loadMs = await load(core, traces);
    const first = await timeMedian(1, () => core.commands.listTraces({}));
    const serialize = await timeMedian(runs, async () =>
      JSON.stringify(await core.commands.listTraces({})),
    );
    const filterMs: Record<string, number> = {};
    const matched: Record<string, number> = {};
    for (const [name, query] of Object.entries(FILTERS)) {
      const { ms, last } = await timeMedian(runs, () => core.commands.listTraces({ query }));
      filterMs[name] = ms;
      matched[name] = last.matchedTraces;
    }
    const table = await timeMedian(runs, () => core.commands.getLatencyByOperation({}));
    const tableWithHistogram = await timeMedian(runs, () =>
      core.commands.getLatencyByOperation({
        histogramOf: { service: 'payment-service', spanName: 'authorize-payment' },
      }),
    );
    const tableFiltered = await timeMedian(runs, () =>
      core.commands.getLatencyByOperation({ query: FILTERS.attribute }),
    );
    const chart = values['no-browser']
      ? undefined
      : await chartTimings(core, Math.min(runs, 5), values.screenshot);
    console.log(
      JSON.stringify(
        {
          traces: core.store.traceCount,
          spans: core.store.traceCount * SPANS_PER_TRACE,
          store: core.store.location === ':memory:' ? 'SQLite in memory' : 'database file',
          runsPerFigure: runs,
          loadIntoStoreMs: round(loadMs),
          firstListBuildsIndexMs: first.ms,
          listAllAsJsonMs: serialize.ms,
          listAllJsonBytes: serialize.last.length,
          filterMs,
          matchedTraces: matched,
          latencyTableMs: table.ms,
          latencyTableOperations: table.last.operations.length,
          latencyTableWithHistogramMs: tableWithHistogram.ms,
          latencyTableOverFilteredMs: tableFiltered.ms,
          ...chart,
          targets: { filterMs: 50, latencyTableMs: 200, chartRenderMs: 300 },
        },
        null,
        2,
      ),
    );
  } finally {
    await core.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
