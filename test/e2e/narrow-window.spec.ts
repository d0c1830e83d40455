// At the desktop window's minimum width (720 px, main/electron/main-window.ts) the toolbar stays
// one row: what does not fit moves into its "More" menu, where every control is on screen and on
// one line, and the Jaeger settings and receiver panels open on screen too.
import type { Locator, Page } from '@playwright/test';
import { placeOrders } from './order-flow-steps';
import { shown, traceTools, windowToolbar } from './toolbar-steps';
import { expectOneRow } from './viewer-layout-steps';
import { expect, test } from './web-host-fixture';

const MIN_WINDOW = { width: 720, height: 600 };

async function expectInsideViewport(page: Page, locator: Locator): Promise<void> {
  const box = await locator.boundingBox();
  expect(box, 'the element is laid out').not.toBeNull();
  const { width } = page.viewportSize()!;
  expect(box!.x, 'left edge on screen').toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, 'right edge on screen').toBeLessThanOrEqual(width);
}

test.describe('a narrow window', () => {
  test.use({ viewport: MIN_WINDOW });

  test('the toolbar stays one row; every control is on it or in its More menu, on screen', async ({
    page,
    webHost,
  }) => {
    await page.goto(webHost.pageUrl);
    const toolbar = windowToolbar(page);
    const placeOrder = toolbar.getByRole('button', { name: 'Place order' });
    await expect(placeOrder).toBeVisible();
    // One row: the items' vertical middles line up (an empty status text has no box).
    const middles = await toolbar.locator('[data-toolbar-item]').evaluateAll((items) =>
      items
        .map((item) => item.getBoundingClientRect())
        .filter((box) => box.width > 0)
        .map((box) => Math.round(box.top + box.height / 2)),
    );
    expect(Math.max(...middles) - Math.min(...middles), 'all items on one row').toBeLessThanOrEqual(
      1,
    );
    await expect(toolbar.getByRole('button', { name: 'More ▾' })).toBeVisible();

    const controls = [
      toolbar.getByRole('button', { name: 'Open trace file' }),
      placeOrder,
      toolbar.getByLabel('Payment declined'),
      toolbar.getByLabel('Email server down'),
      toolbar.getByLabel('Slow database'),
      toolbar.getByLabel('Export to Jaeger'),
      toolbar.getByRole('button', { name: 'Jaeger settings' }),
      toolbar.getByRole('button', { name: 'Receiver' }),
      toolbar.getByLabel('Theme'),
    ];
    const oneLine = (await placeOrder.boundingBox())!.height;
    for (const control of controls) {
      await shown(toolbar, control);
      await expectInsideViewport(page, control);
      // A label squeezed onto two lines makes its control taller than a one-line button.
      expect((await control.boundingBox())!.height).toBeLessThanOrEqual(oneLine);
    }
    for (const label of ['Payment declined', 'Email server down', 'Slow database']) {
      const box = await toolbar.getByText(label, { exact: true }).boundingBox();
      expect(box!.height, `"${label}" on one line`).toBeLessThanOrEqual(oneLine);
    }

    await (await shown(toolbar, toolbar.getByRole('button', { name: 'Jaeger settings' }))).click();
    const panel = page.getByRole('region', { name: 'Jaeger export settings' });
    await expect(panel).toBeVisible();
    await expectInsideViewport(page, panel);

    // The receiver's panel takes the Jaeger panel's place (one panel at a time).
    await (await shown(toolbar, toolbar.getByRole('button', { name: 'Receiver' }))).click();
    const receiver = page.getByRole('region', { name: 'OTLP receiver' });
    await expect(receiver).toBeVisible();
    await expect(panel).toHaveCount(0);
    await expectInsideViewport(page, receiver);
  });

  test('the trace tools stay one row with their More menu on screen, also after the window shrinks', async ({
    page,
    webHost,
  }) => {
    // Opened wide first: the list keeps the width it had, so the trace pane gets only its minimum.
    await page.setViewportSize({ width: 1600, height: 900 });
    await page.goto(webHost.pageUrl);
    await placeOrders(page, 1);
    await page.locator('.trace-table tbody tr').first().click();
    const tools = traceTools(page);
    for (const size of [{ width: 1024, height: 768 }, MIN_WINDOW]) {
      await page.setViewportSize(size);
      await expectOneRow(tools, `trace tools at ${size.width} px`);
      const more = tools.getByRole('button', { name: 'More ▾' });
      await expect(more).toBeVisible();
      await expectInsideViewport(page, more);
      for (const name of ['Find in trace', 'Critical path', 'Fold repeats']) {
        const control = await shown(tools, tools.getByLabel(name, { exact: true }));
        await expectInsideViewport(page, control);
      }
    }
  });
});
