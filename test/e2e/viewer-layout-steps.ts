// Steps for the layout checks of issue 15: real order traces, what "cut off" and "wrapped" mean
// in the page, and screenshots of each state for review (test-results/screenshots/layout/).
import { expect, type Locator, type Page } from '@playwright/test';
import type { TraceListResult, TraceOutline } from '../../app/contract';
import type { WithSpanIdsAsText } from '../../app/model/outline-span-ids';
import type { WebHost } from './web-host-fixture';

export const LAYOUT_SCREENSHOTS = 'test-results/screenshots/layout';

export async function api<T>(page: Page, host: WebHost, command: string, body: object): Promise<T> {
  const response = await page.request.post(`${host.url}/api/${command}`, {
    data: body,
    headers: { origin: host.url, ...host.authHeaders },
  });
  expect(response.ok(), `${command}: ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

/** Three orders (one declined, one slow, one plain), newest last; their trace ids, oldest first. */
export async function placeThreeOrders(page: Page, host: WebHost): Promise<string[]> {
  const ids: string[] = [];
  for (const options of [{ paymentDeclined: true }, { slowDatabase: true }, {}]) {
    ids.push((await api<{ traceId: string }>(page, host, 'placeOrder', options)).traceId);
  }
  await expect(page.locator('.trace-table tbody tr')).toHaveCount(3);
  return ids;
}

export async function newestTraceId(page: Page, host: WebHost): Promise<string> {
  const list = await api<TraceListResult>(page, host, 'listTraces', { limit: 1 });
  return list.traces[0]!.traceId;
}

/** The span ids of a stored trace by name (names that occur twice: client first, then server). */
export async function spanIdsByName(
  page: Page,
  host: WebHost,
  traceId: string,
): Promise<Map<string, string[]>> {
  // JSON: the span ids come as text (see the web host).
  const outline = await api<WithSpanIdsAsText<TraceOutline>>(page, host, 'getTraceOutline', {
    traceId,
  });
  const byName = new Map<string, string[]>();
  outline.spanIds.forEach((spanId, index) => {
    const name = outline.names[outline.nameIndex[index]!]!;
    byName.set(name, [...(byName.get(name) ?? []), spanId]);
  });
  // The server span is the one whose parent is the other GET span.
  const gets = byName.get('GET /orders/{id}/confirmation');
  if (gets && gets.length === 2) {
    const [first, second] = gets.map((id) => outline.spanIds.indexOf(id));
    if (outline.parents[first!] === second)
      byName.set('GET /orders/{id}/confirmation', gets.reverse());
  }
  return byName;
}

/**
 * Every item of the toolbar sits on one row (their vertical middles line up), none cut off: once the
 * layout has settled (a toolbar fits its items to its width a frame after a resize).
 */
export async function expectOneRow(toolbar: Locator, what: string): Promise<void> {
  await expect(() => expectOneRowNow(toolbar, what)).toPass({ timeout: 2_000 });
}

async function expectOneRowNow(toolbar: Locator, what: string): Promise<void> {
  const { middles, overflows } = await toolbar.evaluate((row) => {
    const items = [...row.querySelectorAll(':scope > [data-toolbar-item], :scope > .toolbar-more')]
      .map((item) => item.getBoundingClientRect())
      .filter((box) => box.width > 0);
    const rowBox = row.getBoundingClientRect();
    return {
      middles: items.map((box) => Math.round(box.top + box.height / 2)),
      overflows: items.filter(
        (box) => box.right > rowBox.right + 0.5 || box.left < rowBox.left - 0.5,
      ).length,
    };
  });
  expect(middles.length, `${what}: has items`).toBeGreaterThan(0);
  expect(Math.max(...middles) - Math.min(...middles), `${what}: one row`).toBeLessThanOrEqual(1);
  expect(overflows, `${what}: no item past its edge`).toBe(0);
}

/**
 * No column of the table is cut off: every header lies inside the visible part of the table's
 * box, shows its whole label, and the table is not wider than its box. Columns left out to fit
 * are named in a "Hidden to fit" note beside the table.
 */
export async function expectNoColumnCutOff(table: Locator, what: string): Promise<void> {
  await expect(table).toBeVisible();
  const report = await table.evaluate((element) => {
    const box = (element.closest('.table-scroll') ?? element.parentElement)!;
    const visible = box.getBoundingClientRect();
    const clipped: string[] = [];
    for (const header of element.querySelectorAll('thead th')) {
      const rect = header.getBoundingClientRect();
      const label = (header.textContent ?? '').trim();
      if (rect.left < visible.left - 0.5 || rect.right > visible.right + 0.5)
        clipped.push(`${label} (outside)`);
      const content = header.querySelector('button') ?? header;
      if (content.scrollWidth > content.clientWidth + 1) clipped.push(`${label} (label cut)`);
    }
    return { clipped, scrolls: box.scrollWidth > box.clientWidth + 1 };
  });
  expect(report.clipped, `${what}: headers cut off`).toEqual([]);
  expect(report.scrolls, `${what}: wider than its box`).toBe(false);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0);
  await page.screenshot({ path: `${LAYOUT_SCREENSHOTS}/${name}.png` });
}

/** Drags a splitter by (dx, dy) pixels. */
export async function dragSplitter(page: Page, splitter: Locator, dx: number, dy: number) {
  const box = (await splitter.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, y + dy / 2, { steps: 3 });
  await page.mouse.move(x + dx, y + dy, { steps: 3 });
  await page.mouse.up();
}

export async function widthOf(locator: Locator): Promise<number> {
  return (await locator.boundingBox())!.width;
}

export async function heightOf(locator: Locator): Promise<number> {
  return (await locator.boundingBox())!.height;
}
