// The trace viewer: waterfall, minimap and zoom, span details, event list, find, critical path,
// keyboard, and screenshots of its look (saved under test-results/screenshots/).
import { expect, test } from './web-host-fixture';
import { placeOrders, setFailure, spanGrid } from './order-flow-steps';
import { syntheticTrace } from './synthetic-trace';
import { shown, traceTools } from './toolbar-steps';
import { importTraceFile, linkedTraces, openTrace, spanRow } from './waterfall-steps';
import type { Page } from '@playwright/test';

const SCREENSHOTS = 'test-results/screenshots';

async function openPlacedOrder(page: Page) {
  await placeOrders(page, 1);
  await page.locator('.trace-table tbody tr').first().click();
  await expect(spanGrid(page).getByRole('row')).toHaveCount(6);
}

/** Drags across `fromFraction`..`toFraction` of an element's width. */
async function dragAcross(page: Page, name: RegExp, fromFraction: number, toFraction: number) {
  const box = (await page.getByRole('group', { name }).boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * fromFraction, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * ((fromFraction + toFraction) / 2), y, { steps: 3 });
  await page.mouse.move(box.x + box.width * toFraction, y, { steps: 3 });
  await page.mouse.up();
}

test.describe('trace viewer', () => {
  test.beforeEach(async ({ page, webHost }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(webHost.pageUrl);
    await expect(page.getByRole('button', { name: 'Place order' })).toBeVisible();
  });

  test('the waterfall of a placed order: ruler, indented rows, bars, events, tooltip, selection', async ({
    page,
  }) => {
    await openPlacedOrder(page);
    const ruler = page.getByRole('group', { name: /Time ruler/ });
    await expect(ruler).toContainText('0 µs');
    await expect(ruler.locator('.ruler-tick')).not.toHaveCount(0);
    await expect(spanRow(page, 'place-order')).toHaveAttribute('aria-level', '1');
    await expect(spanRow(page, 'authorize-payment')).toHaveAttribute('aria-level', '2');
    await expect(
      spanGrid(page)
        .locator('[aria-level="3"]')
        .filter({ hasText: 'GET /orders/{id}/confirmation' }),
    ).toHaveCount(1);
    // One bar per span, in its service's color; the span events are markers on the bars.
    const bars = spanGrid(page).locator('.wf-bar');
    await expect(bars).toHaveCount(6);
    expect(await bars.first().evaluate((bar) => getComputedStyle(bar).backgroundColor)).toMatch(
      /^rgb\(/,
    );
    await expect(spanGrid(page).locator('.wf-event')).not.toHaveCount(0);

    await spanRow(page, 'INSERT orders').locator('.wf-bar').hover();
    const tooltip = page.getByRole('tooltip');
    await expect(tooltip).toContainText('INSERT orders');
    await expect(tooltip).toContainText('order-service');
    await expect(tooltip).toContainText(/Duration\s*[\d.]+ (µs|ms)/);
    await expect(tooltip).toContainText(/Start\s*[\d.]+ (µs|ms)/);

    await spanRow(page, 'INSERT orders').click();
    await expect(spanRow(page, 'INSERT orders')).toHaveAttribute('aria-selected', 'true');
    await expect(spanRow(page, 'INSERT orders')).toHaveClass(/selected/);
    await expect(page.getByRole('region', { name: 'Span details' })).toContainText('INSERT orders');

    await page.mouse.move(0, 0);
    await page.screenshot({ path: `${SCREENSHOTS}/order-waterfall-light.png` });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: `${SCREENSHOTS}/order-waterfall-dark.png` });
  });

  test('the span name column can be resized by dragging its edge or with the arrow keys', async ({
    page,
  }) => {
    await openPlacedOrder(page);
    const nameCell = spanRow(page, 'place-order').getByRole('gridcell').first();
    const before = (await nameCell.boundingBox())!.width;
    const handle = page.getByRole('separator', { name: 'Resize the span name column' });
    const box = (await handle.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + 120, box.y + box.height / 2, { steps: 4 });
    await page.mouse.up();
    await expect
      .poll(async () => (await nameCell.boundingBox())!.width)
      .toBeGreaterThan(before + 100);
    const widened = (await nameCell.boundingBox())!.width;
    await handle.focus();
    await page.keyboard.press('ArrowLeft');
    await expect
      .poll(async () => (await nameCell.boundingBox())!.width)
      .toBeCloseTo(widened - 16, 0);
  });

  test('error spans are marked with their status message', async ({ page }) => {
    await setFailure(page, 'Payment declined', true);
    await placeOrders(page, 1);
    await page.locator('.trace-table tbody tr').first().click();
    const failed = spanRow(page, 'authorize-payment');
    await expect(failed).toHaveClass(/status-error/);
    await expect(failed.locator('.wf-error-mark')).toBeVisible();
    await expect(failed).toContainText('card declined');
  });

  test('spans expand and collapse one by one, all at once and below a depth', async ({ page }) => {
    await openPlacedOrder(page);
    const rows = spanGrid(page).getByRole('row');
    const root = spanRow(page, 'place-order');
    await root.locator('.wf-toggle').click();
    await expect(rows).toHaveCount(1);
    await expect(root).toHaveAttribute('aria-expanded', 'false');
    await root.locator('.wf-toggle').click();
    await expect(rows).toHaveCount(6);

    const tools = traceTools(page);
    await (await shown(tools, tools.getByRole('button', { name: 'Collapse all' }))).click();
    await expect(rows).toHaveCount(1);
    await (await shown(tools, tools.getByRole('button', { name: 'Expand all' }))).click();
    await expect(rows).toHaveCount(6);

    await (await shown(tools, tools.getByLabel('Depth to show'))).fill('2');
    await (await shown(tools, tools.getByRole('button', { name: 'Collapse below' }))).click();
    await expect(rows).toHaveCount(5);
    await expect(spanGrid(page).locator('[aria-level="3"]')).toHaveCount(0);
  });

  test('dragging on the minimap or the ruler zooms; Reset zoom shows the whole trace', async ({
    page,
  }) => {
    await openPlacedOrder(page);
    const ruler = page.getByRole('group', { name: /Time ruler/ });
    // Reset zoom may sit in the tools' More menu, which a drag elsewhere closes.
    const reset = () => shown(traceTools(page), page.getByRole('button', { name: 'Reset zoom' }));
    await expect(await reset()).toBeDisabled();
    const firstLabel = () => ruler.locator('.ruler-label').first().textContent();
    const wholeTraceLabels = await ruler.locator('.ruler-label').allTextContents();

    await dragAcross(page, /Trace overview/, 0.5, 0.75);
    await expect(await reset()).toBeEnabled();
    await expect(page.locator('.minimap-window')).toBeVisible();
    expect(await firstLabel()).not.toBe('0 µs');
    const zoomedLabels = await ruler.locator('.ruler-label').allTextContents();

    await dragAcross(page, /Time ruler/, 0.25, 0.5);
    await expect
      .poll(() => ruler.locator('.ruler-label').allTextContents())
      .not.toEqual(zoomedLabels);

    await (await reset()).click();
    await expect(await reset()).toBeDisabled();
    await expect
      .poll(() => ruler.locator('.ruler-label').allTextContents())
      .toEqual(wholeTraceLabels);
  });

  test('span details show everything about the span, and a link opens the linked span', async ({
    page,
    webHost,
  }) => {
    const traces = linkedTraces();
    await importTraceFile(page, webHost, traces.json);
    await openTrace(page, traces.firstTraceId);
    const details = page.getByRole('region', { name: 'Span details' });

    await spanRow(page, 'reserve stock').click();
    await expect(details.getByRole('heading', { name: 'reserve stock' })).toBeVisible();
    await expect(details).toContainText('Server');
    await expect(details).toContainText('shop');
    await expect(details).toContainText('5.00 ms'); // start offset
    await expect(details).toContainText('35.0 ms'); // duration
    await expect(details.getByLabel('Span attributes')).toContainText('order.id');
    await expect(details.getByLabel('Span attributes')).toContainText('order-2');
    await expect(details.getByLabel('Resource attributes')).toContainText('deployment.environment');
    await expect(details).toContainText('shop-instrumentation 2.1.0');
    const events = details.getByRole('table', { name: 'Span events' });
    await expect(events).toContainText('20.0 ms');
    await expect(events).toContainText('stock.reserved');
    await expect(events).toContainText('SKU-42');

    await spanRow(page, 'charge card').click();
    await expect(details).toContainText('Error: card expired');
    await expect(details).toContainText('payments');
    await expect(details).toContainText('Links (2)');
    await details.getByRole('button', { name: /Open linked span 0+7/ }).click();
    await expect(details.getByRole('alert')).toContainText('is not in the store');

    await details.getByRole('button', { name: /Open linked span 0+9/ }).click();
    await expect(page.locator('.trace-header')).toContainText(traces.secondTraceId);
    await expect(spanRow(page, 'settle payment')).toHaveAttribute('aria-selected', 'true');
    await expect(details.getByRole('heading', { name: 'settle payment' })).toBeVisible();
  });

  test('find matches names, services, attributes and event names; next and previous move through them', async ({
    page,
  }) => {
    await openPlacedOrder(page);
    const find = page.getByLabel('Find in trace');
    const count = page.getByTestId('find-count');

    await find.fill('email.queued'); // an event name
    await expect(count).toHaveText('1 match');
    await expect(spanGrid(page).locator('.matched')).toHaveCount(1);
    await expect(spanRow(page, 'send confirmation-email')).toHaveClass(/matched/);

    await find.fill('order-service'); // the service of every span
    await expect(count).toHaveText('6 matches');

    await find.fill('http.request.method'); // an attribute key
    await expect(count).toHaveText('2 matches');
    await find.fill('GET'); // names and attribute values
    await expect(count).toHaveText(/^\d+ matches$/);
    const matches = Number((await count.textContent())!.split(' ')[0]);
    await expect(spanGrid(page).locator('.matched')).toHaveCount(matches);

    await page.getByRole('button', { name: 'Next match' }).click();
    const selected = spanGrid(page).locator('[aria-selected="true"]');
    await expect(selected).toHaveClass(/matched/);
    await expect(count).toHaveText(`1 of ${matches} matches`);
    await page.getByRole('button', { name: 'Next match' }).click();
    await expect(count).toHaveText(`2 of ${matches} matches`);
    await page.getByRole('button', { name: 'Previous match' }).click();
    await expect(count).toHaveText(`1 of ${matches} matches`);

    await find.fill('no such thing anywhere');
    await expect(count).toHaveText('No matches');
    await expect(spanGrid(page).locator('.matched')).toHaveCount(0);
  });

  test('the critical path is highlighted when switched on', async ({ page }) => {
    await openPlacedOrder(page);
    await expect(spanGrid(page).locator('.wf-critical')).toHaveCount(0);
    await page.getByRole('checkbox', { name: 'Critical path', exact: true }).check();
    await expect(spanGrid(page).locator('.wf-critical')).not.toHaveCount(0);
    await expect(spanRow(page, 'place-order')).toHaveClass(/critical/);
    await page.getByRole('checkbox', { name: 'Critical path', exact: true }).uncheck();
    await expect(spanGrid(page).locator('.wf-critical')).toHaveCount(0);
  });

  test('the keyboard moves the selection, collapses and expands, opens details, finds and clears', async ({
    page,
  }) => {
    await openPlacedOrder(page);
    const rows = spanGrid(page).getByRole('row');
    const selected = spanGrid(page).locator('[aria-selected="true"]');
    await spanRow(page, 'place-order').click();
    await page.getByRole('tab', { name: /^Events/ }).click();
    await spanGrid(page).focus();

    await page.keyboard.press('ArrowDown');
    await expect(selected).toHaveCount(1);
    await expect(spanRow(page, 'authorize-payment')).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowUp');
    await expect(spanRow(page, 'place-order')).toHaveAttribute('aria-selected', 'true');

    await page.keyboard.press('ArrowLeft');
    await expect(rows).toHaveCount(1);
    await page.keyboard.press('ArrowRight');
    await expect(rows).toHaveCount(6);

    await page.keyboard.press('Enter');
    await expect(page.getByRole('tab', { name: 'Span details' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await expect(page.getByRole('region', { name: 'Span details' })).toContainText('place-order');

    await page.keyboard.press('/');
    await expect(page.getByLabel('Find in trace')).toBeFocused();
    await page.keyboard.type('INSERT');
    await expect(page.getByTestId('find-count')).toHaveText('1 match');
    await page.keyboard.press('Escape');
    await expect(page.getByLabel('Find in trace')).toHaveValue('');
    await expect(selected).toHaveCount(0);
    await expect(spanGrid(page)).toBeFocused();
  });

  test('the event list is in time order, filters, and choosing an event selects and shows its span', async ({
    page,
    webHost,
  }) => {
    const trace = syntheticTrace(10_000);
    await importTraceFile(page, webHost, trace.json);
    await openTrace(page, trace.traceId);
    const tools = traceTools(page);
    await (await shown(tools, tools.getByRole('button', { name: 'Collapse all' }))).click();
    await expect(spanGrid(page).getByRole('row')).toHaveCount(1);

    await page.getByRole('tab', { name: /^Events/ }).click();
    const events = page.getByRole('table', { name: 'Events' });
    const offsets = await events.locator('.ev-content [role=row] .ev-offset').allTextContents();
    expect(offsets.length).toBeGreaterThan(5);
    const micros = offsets.map((text) => {
      const [value, unit] = text.split(' ');
      return Number(value) * ({ µs: 1, ms: 1e3, s: 1e6 }[unit!] ?? NaN);
    });
    expect(micros).toEqual([...micros].sort((a, b) => a - b));

    // The last span's events carry cache.key=item-9999 (see synthetic-trace.ts) when it has any;
    // item-999 matches a span near the end of the trace either way.
    await page.getByLabel('Filter events').fill('item-999');
    await expect(page.locator('.event-filter')).toContainText(/\d+ of [\d,]+ events/);
    const chosen = events.locator('.ev-content [role=row]').last();
    const spanName = await chosen.locator('.ev-span').textContent();
    await chosen.click();
    const selected = spanGrid(page).locator('[aria-selected="true"]');
    await expect(selected).toBeInViewport();
    await expect(selected.getByRole('gridcell').first()).toHaveAccessibleName(spanName!);
    expect(Number(await spanGrid(page).getAttribute('aria-rowcount'))).toBeGreaterThan(1);
  });

  test('a 10,000-span trace keeps only the visible rows in the page, scrolls to its end, and breaks no CSP rule', async ({
    page,
    webHost,
  }) => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    const trace = syntheticTrace(10_000);
    await importTraceFile(page, webHost, trace.json);
    await openTrace(page, trace.traceId);
    const grid = spanGrid(page);
    await expect(grid).toHaveAttribute('aria-rowcount', '10000');
    expect(await grid.getByRole('row').count()).toBeLessThan(100);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: `${SCREENSHOTS}/synthetic-10000-light.png` });
    await page.getByRole('checkbox', { name: 'Critical path', exact: true }).check();
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: `${SCREENSHOTS}/synthetic-10000-dark-critical-path.png` });

    await grid.evaluate((element) => (element.scrollTop = element.scrollHeight));
    const lastRow = grid.locator('[role=row]').last();
    await expect(lastRow).toBeInViewport();
    expect(await grid.getByRole('row').count()).toBeLessThan(100);
    // Bars, minimap and tooltips are styled through the CSSOM, which the strict policy allows.
    await lastRow.locator('.wf-bar').hover();
    await expect(page.getByRole('tooltip')).toBeVisible();
    expect(violations).toEqual([]);
  });
});
