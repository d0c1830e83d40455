// The end-to-end steps of the first slice, shared by the web (Chromium) and Electron specs.
import { expect, type Page } from '@playwright/test';
import { closeMore, shown, windowToolbar } from './toolbar-steps';

export type FailureOption = 'Payment declined' | 'Email server down' | 'Slow database';

/** Ticks or clears one of "Inject failures" (on the toolbar or in its "More" menu, then closed). */
export async function setFailure(page: Page, option: FailureOption, on: boolean): Promise<void> {
  const toolbar = windowToolbar(page);
  await (await shown(toolbar, toolbar.getByLabel(option))).setChecked(on);
  await closeMore(toolbar);
}

/** How many traces the list holds: its aria-rowcount (rows are in the page only near the view). */
export function listedTraceCount(page: Page): Promise<number> {
  return page.evaluate(() => {
    const table = document.querySelector('.trace-table');
    return table ? Number(table.getAttribute('aria-rowcount')) - 1 : 0;
  });
}

export async function placeOrders(page: Page, count: number): Promise<void> {
  const before = await listedTraceCount(page);
  for (let i = 0; i < count; i++) await page.getByRole('button', { name: 'Place order' }).click();
  await expect.poll(() => listedTraceCount(page)).toBe(before + count);
  // And the list shows them (the rows near its view are in the page).
  await expect(page.locator('.trace-table tbody tr').first()).toBeVisible();
}

export async function threeOrdersAreListed(page: Page): Promise<void> {
  await expect(page.getByText('No traces yet')).toBeVisible();
  await placeOrders(page, 3);
  const rows = page.locator('.trace-table tbody tr');
  for (let i = 0; i < 3; i++) {
    await expect(rows.nth(i)).toContainText('place-order');
    await expect(rows.nth(i)).toContainText('order-service');
    await expect(rows.nth(i).locator('td.cell-spans')).toHaveText('6');
  }
  await expect(page.getByText('3 traces')).toBeVisible();
}

/** The waterfall (a treegrid named "Spans", one row per span). */
export function spanGrid(page: Page) {
  return page.getByRole('treegrid', { name: 'Spans' });
}

/** The trace's event list (a table named "Events"), on its tab below the waterfall. */
export async function openEventList(page: Page) {
  await page.getByRole('tab', { name: /^Events/ }).click();
  return page.getByRole('table', { name: 'Events' });
}

export async function openedTraceShowsSpansAndEvents(page: Page): Promise<void> {
  await placeOrders(page, 1);
  await page.locator('.trace-table tbody tr').first().click();
  const spans = spanGrid(page);
  await expect(spans.getByRole('row')).toHaveCount(6);
  for (const name of [
    'place-order',
    'authorize-payment',
    'INSERT orders',
    'send confirmation-email',
  ]) {
    await expect(spans.getByRole('gridcell', { name, exact: true })).toBeVisible();
  }
  await expect(
    spans.getByRole('gridcell', { name: 'GET /orders/{id}/confirmation', exact: true }),
  ).toHaveCount(2);
  const events = await openEventList(page);
  for (const name of ['order.validated', 'payment.authorized', 'email.queued']) {
    await expect(events.getByRole('cell', { name, exact: true })).toBeVisible();
  }
  await expect(events).toContainText('payment.authorization_code');
}

export async function declinedPaymentIsMarkedFailed(page: Page): Promise<void> {
  await setFailure(page, 'Payment declined', true);
  await placeOrders(page, 1);
  const row = page.locator('.trace-table tbody tr').first();
  await expect(row).toHaveClass(/failed/);
  await expect(row.locator('td.cell-errors')).toHaveText('2');
  await row.click();
  const spans = spanGrid(page);
  await expect(spans.locator('[role=row].status-error')).toHaveCount(2);
  await expect(spans).toContainText('card declined');
  const events = await openEventList(page);
  await expect(events.getByRole('cell', { name: 'exception', exact: true })).toHaveCount(2);
}
