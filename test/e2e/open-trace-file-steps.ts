// Steps for opening trace files, shared by the web (Chromium) and Electron specs.
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { spanGrid } from './order-flow-steps';

const fixtures = path.resolve(__dirname, '..', 'fixtures', 'trace-files');
export const traceFixture = (name: string) => path.join(fixtures, name);

export const openedNotice = (page: Page) => page.getByRole('status', { name: 'Trace files' });
export const failedNotice = (page: Page) => page.getByRole('alert', { name: 'Trace file errors' });

/** Drags `files` (name → text) over the window and drops them, as a file manager would. */
export async function dropFiles(page: Page, files: Record<string, string>): Promise<void> {
  const dataTransfer = await page.evaluateHandle((entries) => {
    const transfer = new DataTransfer();
    for (const [name, text] of entries)
      transfer.items.add(new File([text], name, { type: 'application/json' }));
    return transfer;
  }, Object.entries(files));
  await page.dispatchEvent('main', 'dragenter', { dataTransfer });
  await page.dispatchEvent('main', 'dragover', { dataTransfer });
  await expect(page.getByText('Drop trace files to open them')).toBeVisible();
  await page.dispatchEvent('main', 'drop', { dataTransfer });
  await expect(page.getByText('Drop trace files to open them')).toBeHidden();
}

/** The Open… button opens a file chooser for several files; the chosen file's trace is shown. */
export async function openButtonShowsTheChosenTrace(page: Page): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open trace file' }).click();
  const picker = await chooser;
  expect(picker.isMultiple()).toBe(true);
  await picker.setFiles(traceFixture('otlp-checkout.json'));
  await expect(openedNotice(page)).toContainText('Opened 1 trace, 4 spans from otlp-checkout.json');
  await checkoutTraceIsShown(page);
}

/** otlp-checkout.json's trace is listed and selected: its four spans are in the waterfall. */
export async function checkoutTraceIsShown(page: Page): Promise<void> {
  const row = page.locator('.trace-table tbody tr').filter({ hasText: 'POST /checkout' });
  await expect(row).toContainText('frontend');
  const spans = spanGrid(page);
  await expect(spans.getByRole('row')).toHaveCount(4);
  for (const name of ['POST /checkout', 'INSERT orders', 'charge card', 'fraud check'])
    await expect(spans.getByRole('gridcell', { name, exact: true })).toBeVisible();
}
