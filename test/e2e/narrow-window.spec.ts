// At the desktop window's minimum width (720 px, main/electron/main-window.ts) the toolbar wraps
// onto more rows instead of squeezing its labels, and the Jaeger settings panel opens on screen.
import type { Locator, Page } from '@playwright/test';
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

  test('every toolbar control is on screen on one line of its own, and the Jaeger panel too', async ({
    page,
    webHost,
  }) => {
    await page.goto(webHost.pageUrl);
    const toolbar = page.getByRole('banner');
    const controls = [
      toolbar.getByRole('button', { name: 'Open trace file' }),
      toolbar.getByRole('button', { name: 'Place order' }),
      toolbar.getByLabel('Payment declined'),
      toolbar.getByLabel('Email server down'),
      toolbar.getByLabel('Slow database'),
      toolbar.getByLabel('Export to Jaeger'),
      toolbar.getByRole('button', { name: 'Jaeger settings' }),
      toolbar.getByLabel('Theme'),
    ];
    await expect(controls[1]!).toBeVisible();
    const placeOrder = await controls[1]!.boundingBox();
    for (const control of controls) {
      await expect(control).toBeVisible();
      await expectInsideViewport(page, control);
      // A label squeezed onto two lines makes its control taller than a one-line button.
      expect((await control.boundingBox())!.height).toBeLessThanOrEqual(placeOrder!.height);
    }
    for (const label of ['Payment declined', 'Email server down', 'Slow database']) {
      const box = await toolbar.getByText(label, { exact: true }).boundingBox();
      expect(box!.height, `"${label}" on one line`).toBeLessThanOrEqual(placeOrder!.height);
    }

    await toolbar.getByRole('button', { name: 'Jaeger settings' }).click();
    const panel = page.getByRole('region', { name: 'Jaeger export settings' });
    await expect(panel).toBeVisible();
    await expectInsideViewport(page, panel);
  });
});
