// A 1,000,000-span trace in the waterfall: rows deep in the trace paint as cleanly as the first
// ones (the scroll range is scaled past what browsers lay out exactly; see scroll-scale.ts).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { orderTree } from '../../renderer/trace-view/span-tree';
import { expect, test } from './web-host-fixture';
import {
  SYNTHETIC_SERVICES,
  syntheticServiceIndex,
  syntheticShape,
  syntheticSpanName,
  writeSyntheticTrace,
  type SyntheticShape,
} from './synthetic-trace';
import { openTrace } from './waterfall-steps';

const SPANS = 1_000_000;
const ROW_HEIGHT = 24;

interface PaintedRow {
  readonly rowIndex: number;
  readonly spanId: string;
  readonly level: number;
  readonly name: string;
  readonly service: string;
  readonly top: number;
  readonly height: number;
  /** The row is what the page shows at its name cell's centre (nothing painted over it). */
  readonly onTop: boolean;
}

/** The spans in the order the waterfall shows them: depth-first, children by start time. */
function expectedOrder(shape: SyntheticShape): Int32Array {
  // Input order is the file's: spans grouped by service, services in order of first appearance.
  const count = shape.parents.length;
  const groups = new Map<number, number[]>();
  for (let i = 0; i < count; i++) {
    const service = syntheticServiceIndex(shape, i);
    const group = groups.get(service);
    if (group) group.push(i);
    else groups.set(service, [i]);
  }
  const fileOrder = Int32Array.from([...groups.values()].flat());
  const positionOf = new Int32Array(count);
  fileOrder.forEach((span, position) => (positionOf[span] = position));
  const parents = new Int32Array(count);
  const starts = new Float64Array(count);
  fileOrder.forEach((span, position) => {
    const parent = shape.parents[span]!;
    parents[position] = parent < 0 ? -1 : positionOf[parent]!;
    starts[position] = shape.starts[span]!;
  });
  const order = new Int32Array(count);
  orderTree(parents, starts).forEach((row, index) => (order[index] = fileOrder[row.inputIndex]!));
  return order;
}

/** Scrolls the waterfall to `fraction` of its range; the rows then inside the viewport. */
function scrollAndRead(page: Page, fraction: number | undefined): Promise<PaintedRow[]> {
  return page.evaluate(async (to) => {
    const grid = document.querySelector('[role=treegrid][aria-label=Spans]') as HTMLElement;
    if (to !== undefined) grid.scrollTop = to * (grid.scrollHeight - grid.clientHeight);
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const box = grid.getBoundingClientRect();
    return [...grid.querySelectorAll<HTMLElement>('[role=row]')]
      .map((row) => {
        const rect = row.getBoundingClientRect();
        const hit = document.elementFromPoint(box.left + 60, rect.top + rect.height / 2);
        return {
          rowIndex: Number(row.getAttribute('aria-rowindex')),
          spanId: row.dataset.spanId ?? '',
          level: Number(row.getAttribute('aria-level')),
          name: row.querySelector('.wf-span-name')?.textContent ?? '',
          service: row.querySelector('.wf-service')?.textContent ?? '',
          top: rect.top - box.top,
          height: rect.height,
          onTop: hit?.closest('[role=row]') === row,
        };
      })
      .filter((row) => row.top >= 0 && row.top + row.height <= box.height)
      .sort((a, b) => a.rowIndex - b.rowIndex);
  }, fraction);
}

function checkRows(rows: readonly PaintedRow[], shape: SyntheticShape, order: Int32Array) {
  expect(rows.length).toBeGreaterThan(10);
  rows.forEach((row, k) => {
    const span = order[row.rowIndex - 1]!;
    expect(row.rowIndex).toBe(rows[0]!.rowIndex + k);
    expect(row.top - rows[0]!.top).toBe(k * ROW_HEIGHT);
    expect(row.height).toBe(ROW_HEIGHT);
    expect(row.onTop).toBe(true);
    expect(row.spanId).toBe((span + 1).toString(16).padStart(16, '0'));
    expect(row.level).toBe(shape.depths[span]! + 1);
    expect(row.name).toBe(syntheticSpanName(span));
    expect(row.service).toBe(SYNTHETIC_SERVICES[syntheticServiceIndex(shape, span)]);
  });
}

test('rows at 10%, 70% and 100% of a 1,000,000-span trace show their spans, one per 24 px', async ({
  page,
  webHost,
}) => {
  test.setTimeout(300_000);
  const shape = syntheticShape(SPANS);
  const dir = await mkdtemp(path.join(tmpdir(), 'spanlight-million-'));
  try {
    const file = path.join(dir, 'million.otlp.json');
    await writeSyntheticTrace(file, shape);
    const response = await page.request.post(`${webHost.url}/api/openTraceFiles`, {
      data: { paths: [file] },
      headers: webHost.authHeaders,
      timeout: 240_000,
    });
    expect(response.ok()).toBe(true);
    expect(((await response.json()) as { files: { error?: string }[] }).files[0]?.error).toBe(
      undefined,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const order = expectedOrder(shape);

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(webHost.pageUrl);
  await expect(page.locator(`tr[data-trace-id="${shape.traceId}"]`)).toBeVisible({
    timeout: 60_000,
  });
  await openTrace(page, shape.traceId);
  const grid = page.getByRole('treegrid', { name: 'Spans' });
  await expect(grid).toHaveAttribute('aria-rowcount', String(SPANS), { timeout: 60_000 });

  checkRows(await scrollAndRead(page, 0), shape, order);
  const atTenth = await scrollAndRead(page, 0.1);
  checkRows(atTenth, shape, order);
  expect(Math.abs(atTenth[0]!.rowIndex - 0.1 * SPANS)).toBeLessThan(100);

  const atSeventy = await scrollAndRead(page, 0.7);
  checkRows(atSeventy, shape, order);
  expect(Math.abs(atSeventy[0]!.rowIndex - 0.7 * SPANS)).toBeLessThan(100);
  // The wheel moves by its own delta, not by the scale's: 240 px are exactly ten rows.
  const box = (await grid.boundingBox())!;
  await page.mouse.move(box.x + 100, box.y + 100);
  await page.mouse.wheel(0, 240);
  await expect
    .poll(async () => (await scrollAndRead(page, undefined))[0]?.rowIndex)
    .toBe(atSeventy[0]!.rowIndex + 10);
  checkRows(await scrollAndRead(page, undefined), shape, order);

  const atEnd = await scrollAndRead(page, 1);
  checkRows(atEnd, shape, order);
  expect(atEnd.at(-1)!.rowIndex).toBe(SPANS);
  await page.screenshot({ path: 'test-results/screenshots/million-span-waterfall-end.png' });
});
