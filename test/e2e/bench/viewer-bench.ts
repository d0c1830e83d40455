// npm run bench:viewer — how the trace viewer holds up on big traces. For 1,000 / 10,000 / 100,000
// spans: generates an OTLP JSON file, opens it in a fresh web host (openTraceFiles), shows the trace
// in Chromium (waterfall, then flame graph) and prints one JSON line per size. A command that
// prints numbers, not a timed test.
import { readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS as TEST_CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium-launch';
import { startWebHost } from '../web-host-fixture';
import { syntheticTrace } from '../synthetic-trace';
import { percentileOfSorted } from '../../../app/search/percentiles';

// The flags of every test, plus exact heap figures from performance.memory.
const CHROMIUM_ARGS = [...TEST_CHROMIUM_ARGS, '--enable-precise-memory-info'];
const CHROMIUM = CHROMIUM_PATH;
const sizes = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);

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

async function benchSize(spanCount: number, prebuildOutlines: boolean) {
  const dir = await mkdtemp(path.join(tmpdir(), 'spanlight-bench-'));
  const trace = syntheticTrace(spanCount);
  const file = path.join(dir, `trace-${spanCount}.otlp.json`);
  await writeFile(file, trace.json);
  const host = await startWebHost([], {
    SPANLIGHT_PREBUILD_OUTLINES: prebuildOutlines ? '1' : '0',
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const importStart = performance.now();
    const response = await fetch(`${host.url}/api/openTraceFiles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...host.authHeaders },
      body: JSON.stringify({ paths: [file] }),
    });
    const opened = (await response.json()) as { files: { error?: string; spanCount?: number }[] };
    const importMs = performance.now() - importStart;
    if (!response.ok || opened.files[0]?.error)
      throw new Error(`openTraceFiles failed: ${JSON.stringify(opened)}`);

    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(host.pageUrl);
    await page.locator('.trace-table tbody tr').first().waitFor();
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
    const frames = await scrollFrames(page, 300);
    const collapse = await timeUntilPainted(page, 'collapse');
    const expand = await timeUntilPainted(page, 'expand');
    const flame = await flameFirstDraw(page);
    const zoom = await flameZoomFrames(page, 120);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as {
      usedSize: number;
      totalSize: number;
    };
    // rAF deltas are whole vsync intervals (16.7 ms at 60 Hz) plus timer jitter; a frame that
    // took longer than one and a half intervals missed its vsync.
    const vsync = percentile(frames, 50);
    return {
      spans: spanCount,
      outlinePrebuilt: prebuildOutlines,
      fileMB: round(trace.json.length / 1e6),
      importMs: round(importMs),
      firstPaintMs: round(open.end - open.start),
      firstPaintBreakdownMs: {
        outlineRequestAndTransfer: round(marks['outline-received']! - marks['outline-requested']!),
        buildModel: round(marks['model-built']! - marks['outline-received']!),
        renderAndPaint: round(open.end - marks['model-built']!),
      },
      scrollFrames: frames.length,
      scrollFrameP50Ms: round(percentile(frames, 50)),
      scrollFrameP95Ms: round(percentile(frames, 95)),
      scrollFramesMissingVsync: frames.filter((delta) => delta > vsync * 1.5).length,
      collapseAllMs: round(collapse.end - collapse.start),
      expandAllMs: round(expand.end - expand.start),
      // Tab click until the flame graph's first picture is painted, and that draw alone.
      flameFirstDrawMs: round(flame.ms),
      flameFirstDrawCanvasMs: round(flame.drawMs),
      flameZoomFrames: zoom.frames.length,
      flameZoomFrameP50Ms: round(percentile(zoom.frames, 50)),
      flameZoomFrameP95Ms: round(percentile(zoom.frames, 95)),
      flameZoomFramesMissingVsync: zoom.frames.filter((delta) => delta > vsync * 1.5).length,
      flameDrawP50Ms: round(percentile(zoom.draws, 50)),
      flameDrawP95Ms: round(percentile(zoom.draws, 95)),
      heapUsedMB: round(heap.usedSize / 2 ** 20),
      // The web host's process (the core runs in its worker thread): resident memory with the
      // trace stored, its outline built and shown, as the OS counts it.
      coreRssMB: round((await residentBytes(host.process.pid!)) / 2 ** 20),
      corePeakRssMB: round((await residentBytes(host.process.pid!, 'VmHWM')) / 2 ** 20),
    };
  } finally {
    await browser.close();
    await host.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

// Default: the core builds a big trace's outline as soon as the trace arrives (outlinePrebuilt).
// BENCH_COLD=1 also measures with that turned off, so the outline is built when the trace opens.
async function main() {
  for (const size of sizes) {
    console.log(JSON.stringify(await benchSize(size, true)));
    if (process.env.BENCH_COLD === '1') console.log(JSON.stringify(await benchSize(size, false)));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
