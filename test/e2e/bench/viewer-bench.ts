// npm run bench:viewer -- --spans 1000,10000,100000,1000000 [--path open|upload|both] — how the
// trace viewer holds up on big traces. Per size: writes the synthetic OTLP JSON file (in pieces),
// then for each path starts a fresh web host and gets the trace in: `open` passes the file with
// --open, `upload` picks it with the page's Open button (streamed to the host). Then it opens the
// trace in Chromium (waterfall; flame graph up to 100,000 spans) and prints one JSON line per size
// and path. A command that prints numbers, not a timed test.
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS as TEST_CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium-launch';
import { startWebHost } from '../web-host-fixture';
import { syntheticShape, writeSyntheticTrace } from '../synthetic-trace';
import { percentileOfSorted } from '../../../app/search/percentiles';
import { processCpuMs } from '../../helpers/process-cpu';

// The flags of every test, plus exact heap figures from performance.memory.
const CHROMIUM_ARGS = [...TEST_CHROMIUM_ARGS, '--enable-precise-memory-info'];
const CHROMIUM = CHROMIUM_PATH;

/** `--name value` from the command line, else `fallback`. */
function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}
const sizes = option('spans', process.env.BENCH_SIZES ?? '1000,10000,100000')
  .split(',')
  .map((size) => Number(size.replace(/_/g, '')));
if (sizes.some((size) => !Number.isInteger(size) || size < 1))
  throw new Error('--spans takes a comma-separated list of span counts, such as 1000,100000');
type ImportPath = 'open' | 'upload';
const pathOption = option('path', 'both');
const paths: ImportPath[] =
  pathOption === 'both' ? ['open', 'upload'] : pathOption === 'open' ? ['open'] : ['upload'];
/** The flame graph's figures are measured up to this size (it is not what this bench is about). */
const FLAME_MAX_SPANS = 100_000;

/** The app's own percentile helper (linear interpolation), over unsorted values. */
function percentile(values: readonly number[], p: number): number {
  return percentileOfSorted(
    [...values].sort((a, b) => a - b),
    p,
  );
}
const round = (value: number) => Math.round(value * 10) / 10;

/** VmRSS (now) or VmHWM (peak) of a process, from /proc (Linux). */
async function residentBytes(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1];
  if (kib === undefined) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(kib) * 1024;
}

/** In the page: runs `action`, then resolves once `done()` holds and the next frame is painted. */
function timeUntilPainted(
  page: Page,
  action: 'open' | 'expand' | 'collapse',
): Promise<{ start: number; end: number }> {
  return page.evaluate(
    (which) =>
      new Promise<{ start: number; end: number }>((resolve, reject) => {
        const grid = () => document.querySelector('[role=treegrid][aria-label=Spans]');
        const rowCount = () => grid()?.querySelectorAll('[role=row]').length ?? 0;
        const before = Number(grid()?.getAttribute('aria-rowcount') ?? -1);
        const button = (name: string) =>
          [...document.querySelectorAll('button')].find((b) => b.textContent === name)!;
        const done = () => {
          if (which === 'open') return rowCount() > 0;
          const count = Number(grid()?.getAttribute('aria-rowcount') ?? -1);
          return count !== before && rowCount() > 0;
        };
        const start = performance.now();
        if (which === 'open')
          (document.querySelector('.trace-table tbody tr') as HTMLElement).click();
        else button(which === 'expand' ? 'Expand all' : 'Collapse all').click();
        const timeout = setTimeout(() => reject(new Error(`${which}: no rows after 60 s`)), 60_000);
        const check = () => {
          if (!done()) return requestAnimationFrame(check);
          // A task queued from a frame callback runs after that frame is painted.
          requestAnimationFrame(() =>
            setTimeout(() => {
              clearTimeout(timeout);
              resolve({ start, end: performance.now() });
            }, 0),
          );
        };
        check();
      }),
    action,
  );
}

/** Types `query` into Find in trace; resolves once the match count is painted. */
function timeFind(page: Page, query: string): Promise<{ ms: number; countText: string }> {
  return page.evaluate(
    (text) =>
      new Promise<{ ms: number; countText: string }>((resolve, reject) => {
        const input = document.querySelector(
          'input[aria-label="Find in trace"]',
        ) as HTMLInputElement;
        const count = () => document.querySelector('[data-testid=find-count]')?.textContent ?? '';
        const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
        const start = performance.now();
        setValue.call(input, text);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        const timeout = setTimeout(() => reject(new Error('find: no answer after 60 s')), 60_000);
        const check = () => {
          if (!/match/.test(count())) return requestAnimationFrame(check);
          requestAnimationFrame(() =>
            setTimeout(() => {
              clearTimeout(timeout);
              resolve({ ms: performance.now() - start, countText: count() });
            }, 0),
          );
        };
        check();
      }),
    query,
  );
}

/** Scrolls the waterfall from top to bottom, a fixed step per frame; the frames' durations. */
function scrollFrames(page: Page, frames: number): Promise<number[]> {
  return page.evaluate(
    (frameCount) =>
      new Promise<number[]>((resolve) => {
        const grid = document.querySelector('[role=treegrid][aria-label=Spans]') as HTMLElement;
        grid.scrollTop = 0;
        const step = Math.max(
          grid.clientHeight / 2,
          (grid.scrollHeight - grid.clientHeight) / frameCount,
        );
        const deltas: number[] = [];
        let last = 0;
        const frame = (now: number) => {
          if (last) deltas.push(now - last);
          last = now;
          if (grid.scrollTop + grid.clientHeight >= grid.scrollHeight - 1) return resolve(deltas);
          grid.scrollTop += step;
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
    frames,
  );
}

/** Clicks the Flame graph tab; resolves once its first picture is drawn and painted. */
function flameFirstDraw(page: Page): Promise<{ ms: number; drawMs: number }> {
  return page.evaluate(
    () =>
      new Promise<{ ms: number; drawMs: number }>((resolve, reject) => {
        const tab = [...document.querySelectorAll('[role=tab]')].find(
          (element) => element.textContent === 'Flame graph',
        ) as HTMLElement;
        const start = performance.now();
        tab.click();
        const timeout = setTimeout(() => reject(new Error('no flame graph after 60 s')), 60_000);
        const drawn = () =>
          performance
            .getEntriesByName('spanlight:flame-first-draw')
            .some((entry) => entry.startTime >= start);
        const check = () => {
          if (!drawn()) return requestAnimationFrame(check);
          requestAnimationFrame(() =>
            setTimeout(() => {
              clearTimeout(timeout);
              const draws = performance
                .getEntriesByName('spanlight:flame-draw')
                .filter((entry) => entry.startTime >= start);
              resolve({ ms: performance.now() - start, drawMs: draws.at(-1)?.duration ?? NaN });
            }, 0),
          );
        };
        check();
      }),
  );
}

/**
 * Zooms the flame graph in and back out with Ctrl + wheel, one wheel step a frame (each ×0.89,
 * so 60 steps in reach 1/1,300 of the trace): the frames' durations and each draw's.
 */
function flameZoomFrames(
  page: Page,
  frames: number,
): Promise<{ frames: number[]; draws: number[] }> {
  return page.evaluate(
    (frameCount) =>
      new Promise<{ frames: number[]; draws: number[] }>((resolve) => {
        const canvas = document.querySelector('[data-testid=flame-canvas]') as HTMLElement;
        const bounds = canvas.getBoundingClientRect();
        const start = performance.now();
        const deltas: number[] = [];
        let last = 0;
        let step = 0;
        const frame = (now: number) => {
          if (last) deltas.push(now - last);
          last = now;
          if (step >= frameCount) {
            const draws = performance
              .getEntriesByName('spanlight:flame-draw')
              .filter((entry) => entry.startTime >= start)
              .map((entry) => entry.duration);
            return resolve({ frames: deltas, draws });
          }
          canvas.dispatchEvent(
            new WheelEvent('wheel', {
              deltaY: step < frameCount / 2 ? -60 : 60,
              ctrlKey: true,
              clientX: bounds.left + bounds.width * 0.37,
              clientY: bounds.top + 30,
              bubbles: true,
              cancelable: true,
            }),
          );
          step++;
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
    frames,
  );
}

/** Samples a process's resident memory every 50 ms until stopped: the largest value seen. */
function startRssSampler(pid: number): () => Promise<number> {
  let peak = 0;
  let done = false;
  const sampler = (async () => {
    while (!done) {
      peak = Math.max(peak, await residentBytes(pid).catch(() => 0));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  return async () => {
    done = true;
    await sampler;
    return peak;
  };
}

async function benchSize(
  spanCount: number,
  file: string,
  fileBytes: number,
  traceId: string,
  via: ImportPath,
  prebuildOutlines: boolean,
) {
  const spawnStart = performance.now();
  const host = await startWebHost(via === 'open' ? ['--open', file] : [], {
    SPANLIGHT_PREBUILD_OUTLINES: prebuildOutlines ? '1' : '0',
  });
  const listeningMs = performance.now() - spawnStart;
  // Before the upload; for --open the import has just begun.
  const baselineRss = await residentBytes(host.process.pid!);
  const stopSampler = startRssSampler(host.process.pid!);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(host.pageUrl);
    await page.getByRole('button', { name: 'Place order' }).waitFor();
    // CPU spent during the import, by the host and by the page (its main thread's tasks): what the
    // page's following of the growing trace costs, less disturbed by a busy machine than time is.
    const pageMetrics = await page.context().newCDPSession(page);
    await pageMetrics.send('Performance.enable');
    const pageTaskSeconds = async () => {
      const { metrics } = (await pageMetrics.send('Performance.getMetrics')) as {
        metrics: { name: string; value: number }[];
      };
      return metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? NaN;
    };
    const cpuAtStart = {
      hostMs: await processCpuMs(host.process.pid!),
      pageSeconds: await pageTaskSeconds(),
    };
    const row = page.locator(`.trace-table tbody tr[data-trace-id="${traceId}"]`);
    // From the start of the import: --open starts it as the host listens, upload when the file is
    // picked. Listed: its row is in the trace list; imported: the host or the page says so.
    const importStart = via === 'open' ? spawnStart + listeningMs : performance.now();
    const imported =
      via === 'open'
        ? (async () => {
            while (!host.output().includes(`Opened ${file}`)) {
              if (host.output().includes(`Could not open ${file}`))
                throw new Error(`--open failed:\n${host.output()}`);
              await new Promise((resolve) => setTimeout(resolve, 20));
            }
            return performance.now();
          })()
        : (async () => {
            await page.getByLabel('Trace files to open').setInputFiles(file);
            await page
              .getByText(/Opened 1 trace|Could not open/)
              .first()
              .waitFor({ timeout: 600_000 });
            const notice = await page
              .getByText(/Opened 1 trace|Could not open/)
              .first()
              .innerText();
            if (notice.startsWith('Could not open')) throw new Error(notice);
            return performance.now();
          })();
    const listed = row
      .first()
      .waitFor({ timeout: 600_000 })
      .then(() => performance.now());
    // As a user would: clicked as soon as it is listed, while the rest is still read.
    const shownWhileImporting = listed.then(async () => {
      await timeUntilPainted(page, 'open');
      return performance.now();
    });
    const [importEnd, listedAt, shownAt] = await Promise.all([
      imported,
      listed,
      shownWhileImporting,
    ]);
    const sampledPeak = await stopSampler();
    const importHostCpuMs = (await processCpuMs(host.process.pid!)) - cpuAtStart.hostMs;
    const importPageBusyMs = ((await pageTaskSeconds()) - cpuAtStart.pageSeconds) * 1000;
    const importMs = importEnd - importStart;
    const listedMs = listedAt - importStart;
    // Then the trace again from the list, fully imported.
    await page.goto(host.pageUrl);
    await row.first().waitFor();

    const open = await timeUntilPainted(page, 'open');
    // Where the time went, from the marks the trace view sets (see use-trace-outline.ts).
    const marks = await page.evaluate(() =>
      Object.fromEntries(
        ['outline-requested', 'outline-received', 'model-built'].map((name) => [
          name,
          performance.getEntriesByName(`spanlight:${name}`).at(-1)?.startTime ?? NaN,
        ]),
      ),
    );
    const domNodes = await page.evaluate(() => document.getElementsByTagName('*').length);
    // The last span's url.path: one match, every span looked at.
    const find = await timeFind(page, `/api/items/${spanCount - 1}`);
    const frames = await scrollFrames(page, 300);
    const collapse = await timeUntilPainted(page, 'collapse');
    const expand = await timeUntilPainted(page, 'expand');
    const flame = spanCount <= FLAME_MAX_SPANS ? await flameFirstDraw(page) : undefined;
    const zoom = flame ? await flameZoomFrames(page, 120) : undefined;
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as {
      usedSize: number;
      totalSize: number;
    };
    // rAF deltas are whole vsync intervals (16.7 ms at 60 Hz) plus timer jitter; a frame that
    // took longer than one and a half intervals missed its vsync.
    const vsync = percentile(frames, 50);
    const pid = host.process.pid!;
    return {
      spans: spanCount,
      path: via,
      outlinePrebuilt: prebuildOutlines,
      fileMB: round(fileBytes / 1e6),
      hostListeningMs: round(listeningMs),
      importMs: round(importMs),
      listedMs: round(listedMs),
      // From the start of the import until the trace's first rows are painted, its row clicked
      // as soon as it was listed (the upload path's "upload → first rows").
      firstRowsMs: round(shownAt - importStart),
      importHostCpuMs: round(importHostCpuMs),
      importPageBusyMs: round(importPageBusyMs),
      firstPaintMs: round(open.end - open.start),
      firstPaintBreakdownMs: {
        outlineRequestAndTransfer: round(marks['outline-received']! - marks['outline-requested']!),
        buildModel: round(marks['model-built']! - marks['outline-received']!),
        renderAndPaint: round(open.end - marks['model-built']!),
      },
      domNodes,
      // Typing a query into Find until its match count is painted.
      findMs: round(find.ms),
      findAnswer: find.countText,
      scrollFrames: frames.length,
      scrollFrameP50Ms: round(percentile(frames, 50)),
      scrollFrameP95Ms: round(percentile(frames, 95)),
      scrollFramesMissingVsync: frames.filter((delta) => delta > vsync * 1.5).length,
      collapseAllMs: round(collapse.end - collapse.start),
      expandAllMs: round(expand.end - expand.start),
      ...(flame && zoom
        ? {
            // Tab click until the flame graph's first picture is painted, and that draw alone.
            flameFirstDrawMs: round(flame.ms),
            flameFirstDrawCanvasMs: round(flame.drawMs),
            flameZoomFrames: zoom.frames.length,
            flameZoomFrameP50Ms: round(percentile(zoom.frames, 50)),
            flameZoomFrameP95Ms: round(percentile(zoom.frames, 95)),
            flameZoomFramesMissingVsync: zoom.frames.filter((delta) => delta > vsync * 1.5).length,
            flameDrawP50Ms: round(percentile(zoom.draws, 50)),
            flameDrawP95Ms: round(percentile(zoom.draws, 95)),
          }
        : {}),
      heapUsedMB: round(heap.usedSize / 2 ** 20),
      // The web host's process (the core runs in its worker thread), as the OS counts it: settled
      // with the trace stored, its outline built and shown; peak over the whole run (VmHWM), and
      // the largest sampled while importing.
      coreRssMB: round((await residentBytes(pid)) / 2 ** 20),
      corePeakRssMB: round((await residentBytes(pid, 'VmHWM')) / 2 ** 20),
      coreImportPeakRssMB: round(sampledPeak / 2 ** 20),
      coreStartRssMB: round(baselineRss / 2 ** 20),
      // What the core holds per span once the trace is stored and shown, over its start.
      coreBytesPerSpan: Math.round(((await residentBytes(pid)) - baselineRss) / spanCount),
    };
  } finally {
    await stopSampler();
    await browser.close();
    await host.stop();
  }
}

// Default: the core builds a big trace's outline as soon as the trace arrives (outlinePrebuilt).
// BENCH_COLD=1 also measures with that turned off, so the outline is built when the trace opens.
async function main() {
  for (const size of sizes) {
    const dir = await mkdtemp(path.join(tmpdir(), 'spanlight-bench-'));
    try {
      const shape = syntheticShape(size);
      const file = path.join(dir, `trace-${size}.otlp.json`);
      const bytes = await writeSyntheticTrace(file, shape);
      for (const via of paths) {
        console.log(JSON.stringify(await benchSize(size, file, bytes, shape.traceId, via, true)));
        if (process.env.BENCH_COLD === '1')
          console.log(
            JSON.stringify(await benchSize(size, file, bytes, shape.traceId, via, false)),
          );
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
