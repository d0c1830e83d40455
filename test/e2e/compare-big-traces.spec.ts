// Two 250,000-span traces compared: the comparison is made from their outlines, its counts are the
// ones an independent count of span paths gives, and its table renders only the rows near the
// viewport, painting the last one as cleanly as the first (the range is past 4,000,000 px, scaled).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './web-host-fixture';
import {
  syntheticShape,
  syntheticSpanName,
  writeSyntheticTrace,
  type SyntheticShape,
} from './synthetic-trace';

const SPANS = 250_000;
const ROW_HEIGHT = 24;

/**
 * Each span's key: its parent's key, its name and its occurrence among same-named siblings in
 * start order; keys are interned to numbers shared by both traces.
 */
function pathKeys(shape: SyntheticShape, intern: Map<string, number>): Set<number> {
  const count = shape.parents.length;
  const children = new Map<number, number[]>();
  for (let span = 0; span < count; span++) {
    const parent = shape.parents[span]!;
    const siblings = children.get(parent);
    if (siblings) siblings.push(span);
    else children.set(parent, [span]);
  }
  const keys = new Set<number>();
  const pending: [number, number][] = [[-1, -1]];
  while (pending.length > 0) {
    const [span, key] = pending.pop()!;
    const siblings = (children.get(span) ?? []).sort(
      (x, y) =>
        shape.starts[x]! - shape.starts[y]! ||
        syntheticSpanName(x).localeCompare(syntheticSpanName(y)),
    );
    const seen = new Map<string, number>();
    for (const child of siblings) {
      const name = syntheticSpanName(child);
      const occurrence = (seen.get(name) ?? 0) + 1;
      seen.set(name, occurrence);
      const text = `${key}\u0000${name}\u0000${occurrence}`;
      let id = intern.get(text);
      if (id === undefined) intern.set(text, (id = intern.size));
      keys.add(id);
      pending.push([child, id]);
    }
  }
  return keys;
}

interface ShownRow {
  readonly rowIndex: number;
  readonly top: number;
  readonly height: number;
  readonly onTop: boolean;
}

/** Scrolls the comparison to `fraction` of its range; the rows then wholly in its viewport. */
function scrollAndRead(page: Page, fraction: number) {
  return page.evaluate(async (to) => {
    const scroller = document.querySelector('.comparison-scroll') as HTMLElement;
    scroller.scrollTop = to * (scroller.scrollHeight - scroller.clientHeight);
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const box = scroller.getBoundingClientRect();
    const header = scroller.querySelector('thead')!.getBoundingClientRect();
    const rows = [...scroller.querySelectorAll<HTMLElement>('tbody tr[aria-rowindex]')];
    const shown: ShownRow[] = rows
      .map((row) => {
        const rect = row.getBoundingClientRect();
        const hit = document.elementFromPoint(rect.left + 40, rect.top + rect.height / 2);
        return {
          rowIndex: Number(row.getAttribute('aria-rowindex')),
          top: rect.top - box.top,
          height: rect.height,
          onTop: hit?.closest('tr') === row,
        };
      })
      .filter((row) => row.top >= header.height && row.top + row.height <= box.height);
    return { rendered: rows.length, shown };
  }, fraction);
}

function checkRows(rows: readonly ShownRow[]) {
  expect(rows.length).toBeGreaterThan(5);
  rows.forEach((row, k) => {
    expect(row.rowIndex).toBe(rows[0]!.rowIndex + k);
    expect(row.top - rows[0]!.top).toBe(k * ROW_HEIGHT);
    expect(row.height).toBe(ROW_HEIGHT);
    expect(row.onTop).toBe(true);
  });
}

test('two 250,000-span traces compare from their outlines, with the counts of their span paths', async ({
  page,
  webHost,
}) => {
  test.setTimeout(240_000);
  const shapes = [syntheticShape(SPANS, 1), syntheticShape(SPANS, 2)] as const;
  const dir = await mkdtemp(path.join(tmpdir(), 'spanlight-compare-'));
  try {
    const files = await Promise.all(
      shapes.map(async (shape, index) => {
        const file = path.join(dir, `trace-${index}.otlp.json`);
        await writeSyntheticTrace(file, shape);
        return file;
      }),
    );
    const response = await page.request.post(`${webHost.url}/api/openTraceFiles`, {
      data: { paths: files },
      headers: webHost.authHeaders,
      timeout: 180_000,
    });
    expect(response.ok()).toBe(true);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const intern = new Map<string, number>();
  const [keysA, keysB] = shapes.map((shape) => pathKeys(shape, intern)) as [
    Set<number>,
    Set<number>,
  ];
  let matched = 0;
  for (const key of keysA) if (keysB.has(key)) matched += 1;
  const missing = keysA.size - matched;
  const added = keysB.size - matched;
  expect(missing + added).toBeGreaterThan(0);
  const format = (n: number) => n.toLocaleString('en-US');

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(webHost.pageUrl);
  for (const shape of shapes) {
    const row = page.locator(`tr[data-trace-id="${shape.traceId}"]`);
    await expect(row).toBeVisible({ timeout: 60_000 });
    await row.getByRole('checkbox', { name: /^Compare/ }).check();
  }
  await expect(page.locator('.comparison-header')).toContainText(
    `${format(matched)} matched, ${format(added)} added, ${format(missing)} missing`,
    { timeout: 60_000 },
  );
  const table = page.getByRole('table', { name: 'Comparison' });
  await expect(table).toHaveAttribute('aria-rowcount', String(matched + missing + added + 1));
  // The root: in both, named as the spans say.
  await expect(table.locator('tbody tr[aria-rowindex="2"]')).toHaveAttribute(
    'data-path',
    syntheticSpanName(0),
  );

  const atStart = await scrollAndRead(page, 0);
  expect(atStart.rendered).toBeLessThan(100);
  checkRows(atStart.shown);
  expect(atStart.shown[0]!.rowIndex).toBe(2);
  const atMiddle = await scrollAndRead(page, 0.5);
  checkRows(atMiddle.shown);
  const middle = (matched + missing + added) / 2;
  expect(Math.abs(atMiddle.shown[0]!.rowIndex - middle)).toBeLessThan(100);
  const atEnd = await scrollAndRead(page, 1);
  expect(atEnd.rendered).toBeLessThan(100);
  checkRows(atEnd.shown);
  expect(atEnd.shown.at(-1)!.rowIndex).toBe(matched + missing + added + 1);
});
