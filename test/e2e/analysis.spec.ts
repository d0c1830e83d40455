// The analysis views on an order trace, an N+1 trace with links, and a 100,000-span trace: flame
// graph, statistics, folding, focus and critical path only, backlinks, explain mode. Screenshots
// go to test-results/screenshots/.
import type { Page } from '@playwright/test';
import type { TraceOutline } from '../../app/contract';
import type { WithSpanIdsAsText } from '../../app/model/outline-span-ids';
import { expect, test, type WebHost } from './web-host-fixture';
import {
  analysisTraces,
  LINKED_SPAN_ID,
  N_PLUS_ONE_COUNT,
  ORDERS_TRACE_ID,
  REPORT_TRACE_ID,
} from './analysis-traces';
import { placeOrders, spanGrid } from './order-flow-steps';
import { syntheticTrace } from './synthetic-trace';
import { closeMore, shown, traceTools } from './toolbar-steps';
import { importTraceFile, openTrace, spanRow } from './waterfall-steps';

const SCREENSHOTS = 'test-results/screenshots';
const FLAME_ROW_HEIGHT = 18;

const flame = (page: Page) => page.getByRole('figure', { name: /Flame graph/ });
/** Whether "Reset zoom" (on the trace tools' row or in their "More" menu) can be pressed. */
async function expectResetZoom(page: Page, state: 'enabled' | 'disabled') {
  const tools = traceTools(page);
  const reset = await shown(tools, tools.getByRole('button', { name: 'Reset zoom' }));
  if (state === 'enabled') await expect(reset).toBeEnabled();
  else await expect(reset).toBeDisabled();
  await closeMore(tools);
}
/** A toggle of the trace tools, on their row or in their "More" menu. */
const traceToggle = (page: Page, name: string) =>
  shown(traceTools(page), traceTools(page).getByLabel(name, { exact: true }));
const details = (page: Page) => page.getByRole('region', { name: 'Span details' });

async function openPlacedOrder(page: Page) {
  await placeOrders(page, 1);
  await page.locator('.trace-table tbody tr').first().click();
  await expect(spanGrid(page).getByRole('row')).toHaveCount(6);
}

/** Pixels of the flame graph's canvas that something was drawn on. */
function paintedPixels(page: Page): Promise<number> {
  return page.getByTestId('flame-canvas').evaluate((canvas: HTMLCanvasElement) => {
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted++;
    return painted;
  });
}

/** Where a span is drawn in the flame graph at full zoom: the middle of its bar, page coordinates. */
async function flamePoint(page: Page, host: WebHost, traceId: string, spanId: string) {
  const response = await page.request.post(`${host.url}/api/getTraceOutline`, {
    data: { traceId },
    headers: host.authHeaders,
  });
  // JSON: the span ids come as text (see the web host).
  const outline = (await response.json()) as WithSpanIdsAsText<TraceOutline>;
  const index = outline.spanIds.indexOf(spanId);
  const duration = Math.max(...outline.endUs);
  let depth = 0;
  for (let parent = outline.parents[index]!; parent >= 0; parent = outline.parents[parent]!)
    depth++;
  const box = (await page.getByTestId('flame-canvas').boundingBox())!;
  const middle = (outline.startUs[index]! + outline.endUs[index]!) / 2;
  return {
    x: box.x + (middle / duration) * box.width,
    y: box.y + depth * FLAME_ROW_HEIGHT + FLAME_ROW_HEIGHT / 2,
  };
}

async function spanIdOf(page: Page, name: string): Promise<string> {
  return (await spanRow(page, name).first().getAttribute('data-span-id'))!;
}

test.describe('analysis views', () => {
  test.beforeEach(async ({ page, webHost }) => {
    await page.setViewportSize({ width: 1440, height: 1000 });
    await page.goto(webHost.pageUrl);
    await expect(page.getByRole('button', { name: 'Place order' })).toBeVisible();
  });

  test('flame graph of an order: drawn, hover shows total and self time, click selects and zooms, selection is shared', async ({
    page,
    webHost,
  }) => {
    await openPlacedOrder(page);
    const insertId = await spanIdOf(page, 'INSERT orders');
    const emailId = await spanIdOf(page, 'send confirmation-email');
    const traceId = (await page
      .locator('.trace-table tbody tr')
      .first()
      .getAttribute('data-trace-id'))!;
    await page.getByRole('tab', { name: 'Flame graph' }).click();
    await expect(flame(page)).toBeVisible();
    await expect.poll(() => paintedPixels(page)).toBeGreaterThan(1000);

    const point = await flamePoint(page, webHost, traceId, insertId);
    await page.mouse.move(point.x, point.y);
    const tooltip = page.getByRole('tooltip');
    await expect(tooltip).toContainText('INSERT orders');
    await expect(tooltip).toContainText('order-service');
    await expect(tooltip).toContainText(/Total\s*[\d.]+ (µs|ms)/);
    await expect(tooltip).toContainText(/Self\s*[\d.]+ (µs|ms)/);

    await expectResetZoom(page, 'disabled');
    await page.mouse.click(point.x, point.y);
    await expect(flame(page)).toHaveAttribute('data-selected-span', insertId);
    await expect(details(page).getByRole('heading', { name: 'INSERT orders' })).toBeVisible();
    await expectResetZoom(page, 'enabled');
    await page.mouse.move(0, 0);
    await page.screenshot({ path: `${SCREENSHOTS}/order-flame-zoomed.png` });

    // Selected here, selected there; and the other way round.
    await page.getByRole('tab', { name: 'Waterfall' }).click();
    await expect(spanRow(page, 'INSERT orders')).toHaveAttribute('aria-selected', 'true');
    await spanRow(page, 'send confirmation-email').click();
    await page.getByRole('tab', { name: 'Flame graph' }).click();
    await expect(flame(page)).toHaveAttribute('data-selected-span', emailId);
    // Keyboard: ↑ goes to the parent.
    await flame(page).focus();
    await page.keyboard.press('ArrowUp');
    await expect(details(page).getByRole('heading', { name: 'place-order' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expectResetZoom(page, 'disabled');
  });

  test('statistics of an order: by operation and service, self time, sortable, a row filters the waterfall', async ({
    page,
  }) => {
    await openPlacedOrder(page);
    await page.getByRole('tab', { name: 'Statistics' }).click();
    const table = page.getByRole('table', { name: 'Span statistics' });
    const rows = table.locator('tbody tr');
    // Five operations: the client and server GET share service and name.
    await expect(rows).toHaveCount(5);
    const get = rows.filter({ hasText: 'GET /orders/{id}/confirmation' });
    await expect(get.locator('td').nth(1)).toHaveText('2');
    await expect(table.locator('thead')).toContainText('Self % of trace');

    await table.getByRole('button', { name: 'Count' }).click();
    await expect(rows.first()).toContainText('GET /orders/{id}/confirmation');
    await table.getByRole('button', { name: /^Count/ }).click();
    await expect(rows.last()).toContainText('GET /orders/{id}/confirmation');

    await get.click();
    // The two GETs, and their ancestor place-order as context.
    await expect(spanGrid(page).getByRole('row')).toHaveCount(3);
    await expect(spanRow(page, 'place-order')).toHaveClass(/context/);
    await expect(page.getByRole('status', { name: 'View focus' })).toContainText('Only GET');
    await page.getByRole('button', { name: 'Show all spans again' }).click();
    await expect(spanGrid(page).getByRole('row')).toHaveCount(6);

    await page.getByLabel('By service').check();
    await expect(rows).toHaveCount(1);
    await expect(rows.first().locator('td').nth(1)).toHaveText('6');
    await page.screenshot({ path: `${SCREENSHOTS}/order-statistics.png` });
  });

  test('explain mode shows the source lines that made each workflow span, both span styles', async ({
    page,
  }) => {
    await openPlacedOrder(page);
    const explain = page.getByRole('region', { name: 'Span details' }).getByRole('region', {
      name: 'How this span was made',
    });

    await spanRow(page, 'authorize-payment').click();
    await expect(explain).toContainText('Decorator style');
    const workflow = explain.getByRole('list', { name: 'Source of app/orders/order-workflow.ts' });
    await expect(workflow.locator('.explain-line.making')).toContainText('withSpan(');
    await expect(workflow.locator('.explain-line.making').locator('..')).toContainText(
      "'authorize-payment'",
    );
    await expect(
      explain.getByRole('list', { name: 'Source of app/telemetry/with-span.ts' }),
    ).toContainText('tracer.startActiveSpan(name');
    const origins = explain.getByRole('table', { name: /Where its attributes/ });
    await expect(origins.locator('tr', { hasText: 'payment.amount_cents' })).toContainText(
      /order-workflow\.ts:\d+/,
    );

    await spanRow(page, 'INSERT orders').click();
    await expect(explain).toContainText('Manual style');
    await expect(explain.locator('.explain-line.making')).toContainText('startActiveSpan(');
    await expect(explain).toContainText("'INSERT orders'");
    await expect(origins.locator('tr', { hasText: 'db.operation.name' })).toContainText(
      /order-workflow\.ts:\d+/,
    );

    await spanRow(page, 'place-order').click();
    await expect(origins.locator('tr', { hasText: 'event order.validated' })).toContainText(
      /order-workflow\.ts:\d+/,
    );
    // The server span comes from the shop's server, opened by hand with the caller's context.
    await spanGrid(page).locator('[aria-level="3"]').click();
    await expect(
      explain.getByRole('list', { name: 'Source of app/orders/confirmation-server.ts' }),
    ).toContainText('tracer.startSpan(');
    await explain.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOTS}/order-explain.png` });
  });

  test('repeated siblings fold into one row with an N+1 badge, expand on click, and the toggle turns folding off', async ({
    page,
    webHost,
  }) => {
    await importTraceFile(page, webHost, analysisTraces());
    await openTrace(page, ORDERS_TRACE_ID);
    const folded = spanGrid(page).locator('.wf-fold');
    await expect(folded).toHaveCount(1);
    await expect(folded).toContainText(`× ${N_PLUS_ONE_COUNT}`);
    await expect(folded).toContainText('N+1');
    await expect(folded).toContainText('389 ms total · 10.5 ms each');
    const rowCount = () => spanGrid(page).getAttribute('aria-rowcount');
    await expect.poll(rowCount).toBe(String(10));
    await page.mouse.move(0, 0);
    await page.screenshot({ path: `${SCREENSHOTS}/n-plus-one-folded.png` });

    await folded.click();
    await expect.poll(rowCount).toBe(String(10 + N_PLUS_ONE_COUNT - 1));
    await expect(folded).toHaveCount(0);

    await (await traceToggle(page, 'Fold repeats')).uncheck();
    await (await traceToggle(page, 'Fold repeats')).check();
    await expect(folded).toHaveCount(1);
    // Find reaches into a fold: the selected first member is match 1, the next match opens it.
    await page.getByLabel('Find in trace').fill('order_items');
    await expect(page.getByTestId('find-count')).toHaveText(`1 of ${N_PLUS_ONE_COUNT} matches`);
    await expect(folded).toHaveClass(/matched/);
    await page.getByRole('button', { name: 'Next match' }).click();
    await expect(folded).toHaveCount(0);
    await expect(page.getByTestId('find-count')).toHaveText(`2 of ${N_PLUS_ONE_COUNT} matches`);
  });

  test('focus and critical path only narrow the view, compose with find and collapse, and the minimap shows the focus', async ({
    page,
    webHost,
  }) => {
    await importTraceFile(page, webHost, analysisTraces());
    await openTrace(page, ORDERS_TRACE_ID);
    const rows = spanGrid(page).getByRole('row');
    await spanRow(page, 'render page').click();
    await page.getByRole('button', { name: 'Focus on this span' }).click();
    await expect(rows).toHaveCount(5);
    await expect(spanRow(page, 'render page')).toHaveAttribute('aria-level', '2');
    const breadcrumb = page.getByRole('navigation', { name: 'Focus' });
    await expect(breadcrumb).toContainText('Whole trace');
    await expect(breadcrumb).toContainText('GET /orders');
    await expect(page.locator('.minimap-focus')).toBeVisible();
    await expectResetZoom(page, 'enabled');

    // Find counts only what the focus shows.
    await page.getByLabel('Find in trace').fill('render');
    await expect(page.getByTestId('find-count')).toHaveText('1 of 4 matches');
    await page.getByLabel('Find in trace').fill('');

    await (await traceToggle(page, 'Critical path only')).check();
    // fetch avatar ran alongside the rows and decided nothing.
    await expect(spanRow(page, 'fetch avatar')).toHaveCount(0);
    await expect(rows).toHaveCount(4);
    await spanRow(page, 'render page').locator('.wf-toggle').click();
    await expect(rows).toHaveCount(1);
    await spanRow(page, 'render page').locator('.wf-toggle').click();
    await page.mouse.move(0, 0);
    await page.screenshot({ path: `${SCREENSHOTS}/focus-critical-only.png` });

    await breadcrumb.getByRole('button', { name: 'Whole trace' }).click();
    await expect(page.locator('.minimap-focus')).toHaveCount(0);
    // The whole trace's critical path: every span but fetch avatar (the N+1 run still folded).
    await expect(rows).toHaveCount(9);
    await (await traceToggle(page, 'Critical path only')).uncheck();
    await expect(rows).toHaveCount(10);

    // The flame graph shows the focus too.
    await spanRow(page, 'render page').click();
    await page.getByRole('button', { name: 'Focus on this span' }).click();
    await page.getByRole('tab', { name: 'Flame graph' }).click();
    await expect.poll(() => paintedPixels(page)).toBeGreaterThan(500);
  });

  test('backlinks: a span lists the stored spans that link to it, each opens its span, and the waterfall marks links both ways', async ({
    page,
    webHost,
  }) => {
    await importTraceFile(page, webHost, analysisTraces());
    await openTrace(page, ORDERS_TRACE_ID);
    await expect(spanRow(page, 'SELECT orders').locator('.wf-link-mark.incoming')).toBeVisible();
    await expect(
      spanRow(page, 'publish orders.viewed').locator('.wf-link-mark.outgoing'),
    ).toBeVisible();
    await expect(spanRow(page, 'authenticate').locator('.wf-link-mark')).toHaveCount(0);

    await spanRow(page, 'SELECT orders').click();
    const backlinks = details(page).getByRole('region', { name: 'Backlinks' });
    await expect(backlinks).toContainText('Linked from (1)');
    await expect(backlinks).toContainText('reads the same orders');
    await backlinks.getByRole('button', { name: 'Open linking span build report' }).click();
    await expect(page.locator('.trace-header')).toContainText(REPORT_TRACE_ID);
    await expect(spanRow(page, 'build report')).toHaveAttribute('aria-selected', 'true');
    // build report links to SELECT orders and is linked from publish orders.viewed.
    await expect(spanRow(page, 'build report').locator('.wf-link-mark')).toHaveClass(
      /outgoing.*incoming|incoming.*outgoing/,
    );
    await expect(details(page)).toContainText('Links (1)');
    await details(page)
      .getByRole('button', { name: `Open linked span ${LINKED_SPAN_ID}` })
      .click();
    await expect(page.locator('.trace-header')).toContainText(ORDERS_TRACE_ID);
    await expect(spanRow(page, 'SELECT orders')).toHaveAttribute('aria-selected', 'true');
  });

  test('a 100,000-span trace: flame graph, zoom, statistics, focus and critical path only', async ({
    page,
    webHost,
  }) => {
    test.setTimeout(180_000);
    const trace = syntheticTrace(100_000);
    await importTraceFile(page, webHost, trace.json);
    await openTrace(page, trace.traceId);
    const grid = spanGrid(page);
    // No runs of repeated siblings in this trace: nothing folds.
    await expect(grid).toHaveAttribute('aria-rowcount', '100000');

    await page.getByRole('tab', { name: 'Flame graph' }).click();
    await expect.poll(() => paintedPixels(page)).toBeGreaterThan(10_000);
    const box = (await page.getByTestId('flame-canvas').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + FLAME_ROW_HEIGHT * 1.5);
    await expect(page.getByRole('tooltip')).toContainText(/Self\s*[\d.]+ (µs|ms|s)/);
    // Ctrl + wheel zooms around the pointer.
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -400);
    await page.keyboard.up('Control');
    await expectResetZoom(page, 'enabled');
    await page.mouse.click(box.x + box.width * 0.3, box.y + FLAME_ROW_HEIGHT * 1.5);
    await expect(details(page).getByRole('heading', { level: 3 })).toBeVisible();
    await page.mouse.move(0, 0);
    await page.screenshot({ path: `${SCREENSHOTS}/synthetic-100000-flame.png` });

    await page.getByRole('tab', { name: 'Statistics' }).click();
    const statistics = page.getByRole('region', { name: 'Trace statistics' });
    await expect(statistics).toContainText('100,000 spans');
    await page.getByLabel('By service').check();
    await expect(statistics.locator('tbody tr')).toHaveCount(7);
    const counts = await statistics.locator('tbody tr td:nth-child(2)').allTextContents();
    expect(counts.reduce((sum, text) => sum + Number(text.replace(/,/g, '')), 0)).toBe(100_000);

    await page.getByRole('tab', { name: 'Waterfall' }).click();
    await (await traceToggle(page, 'Critical path only')).check();
    await expect
      .poll(async () => Number(await grid.getAttribute('aria-rowcount')))
      .toBeLessThan(10_000);
    await (await traceToggle(page, 'Critical path only')).uncheck();
    await expect(grid).toHaveAttribute('aria-rowcount', '100000');

    // Focus on the root's first child: its subtree only, with the breadcrumb back.
    await grid.getByRole('row').nth(1).click();
    await page.getByRole('tab', { name: 'Span details' }).click();
    await page.getByRole('button', { name: 'Focus on this span' }).click();
    await expect
      .poll(async () => Number(await grid.getAttribute('aria-rowcount')))
      .toBeLessThan(100_000);
    await expect(page.getByRole('navigation', { name: 'Focus' })).toContainText('handle request');
    await page
      .getByRole('navigation', { name: 'Focus' })
      .getByRole('button', { name: 'Whole trace' })
      .click();
    await expect(grid).toHaveAttribute('aria-rowcount', '100000');
  });
});
