import { expect, test } from './web-host-fixture';
import {
  declinedPaymentIsMarkedFailed,
  openedTraceShowsSpansAndEvents,
  threeOrdersAreListed,
} from './order-flow-steps';

test.describe('order flow in the web host', () => {
  test.beforeEach(async ({ page, webHost }) => {
    await page.goto(webHost.pageUrl);
    await expect(page.getByRole('button', { name: 'Place order' })).toBeVisible();
  });

  test('pressing Place order three times lists three traces', async ({ page }) => {
    await threeOrdersAreListed(page);
  });

  test('opening a trace shows its spans and events', async ({ page }) => {
    await openedTraceShowsSpansAndEvents(page);
  });

  test('a declined payment marks the trace as failed', async ({ page }) => {
    await declinedPaymentIsMarkedFailed(page);
  });

  test('the page runs under the strict Content-Security-Policy without violations', async ({
    page,
    webHost,
  }) => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto(webHost.pageUrl);
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.locator('.trace-table tbody tr').first().click();
    await expect(page.getByRole('treegrid', { name: 'Spans' }).getByRole('row')).toHaveCount(6);
    await page.getByRole('tab', { name: /^Events/ }).click();
    await expect(page.getByRole('table', { name: 'Events' })).toBeVisible();
    expect(violations).toEqual([]);
  });
});
