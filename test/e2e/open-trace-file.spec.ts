// Opening trace files in the web UI: the Open button, drag and drop onto the window, and
// `--open` on the web host's command line. A bad file is reported and imports nothing.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { spanGrid } from './order-flow-steps';
import { expect, startWebHost, test } from './web-host-fixture';

const fixtures = path.resolve(__dirname, '..', 'fixtures', 'trace-files');
const fixture = (name: string) => path.join(fixtures, name);

async function storedTraceCount(page: Page, url: string): Promise<number> {
  const response = await page.request.post(`${url}/api/listTraces`, { data: {} });
  return ((await response.json()) as { totalTraces: number }).totalTraces;
}

/** Drags `files` (name → text) over the window and drops them, as a file manager would. */
async function dropFiles(page: Page, files: Record<string, string>): Promise<void> {
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

test.describe('opening trace files in the web host', () => {
  test.beforeEach(async ({ page, webHost }) => {
    await page.goto(webHost.url);
    await expect(page.getByRole('button', { name: 'Open trace file' })).toBeVisible();
  });

  test('the Open button picks a file, opens it and shows its trace', async ({ page }) => {
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Open trace file' }).click();
    const picker = await chooser;
    expect(picker.isMultiple()).toBe(true);
    await picker.setFiles(fixture('otlp-checkout.json'));
    await expect(page.getByRole('status', { name: 'Trace files' })).toContainText(
      'Opened 1 trace, 4 spans from otlp-checkout.json',
    );
    const row = page.locator('.trace-table tbody tr').filter({ hasText: 'POST /checkout' });
    await expect(row).toContainText('frontend');
    // The opened trace is selected: its spans are in the waterfall.
    const spans = spanGrid(page);
    await expect(spans.getByRole('row')).toHaveCount(4);
    for (const name of ['POST /checkout', 'INSERT orders', 'charge card', 'fraud check'])
      await expect(spans.getByRole('gridcell', { name, exact: true })).toBeVisible();
  });

  test('dropping files on the window opens them', async ({ page, webHost }) => {
    await dropFiles(page, {
      'dispatch.json': readFileSync(fixture('jaeger-ui-download.json'), 'utf8'),
      'collector.jsonl': readFileSync(fixture('otlp-collector-file-exporter.jsonl'), 'utf8'),
    });
    const status = page.getByRole('status', { name: 'Trace files' });
    await expect(status).toContainText('Opened 2 traces, 4 spans from dispatch.json');
    await expect(status).toContainText('Opened 2 traces, 3 spans from collector.jsonl');
    expect(await storedTraceCount(page, webHost.url)).toBe(4);
    // The first trace of the first file is shown.
    const spans = spanGrid(page);
    await expect(spans.getByRole('row')).toHaveCount(3);
    await expect(
      spans.getByRole('gridcell', { name: 'HTTP GET /dispatch', exact: true }),
    ).toBeVisible();
  });

  test('a bad file shows what is wrong and imports nothing of it', async ({ page, webHost }) => {
    await page
      .getByLabel('Trace files to open')
      .setInputFiles([fixture('bad-span-id.json'), fixture('otlp-collector-file-exporter.jsonl')]);
    await expect(page.getByRole('alert', { name: 'Trace file errors' })).toHaveText(
      'Could not open bad-span-id.json: resourceSpans[0].scopeSpans[0].spans[1].spanId: expected 16 hex digits, got "not-a-span-id"',
    );
    // The good file beside it still opens; the bad file's valid first span is not stored.
    await expect(page.getByRole('status', { name: 'Trace files' })).toHaveText(
      'Opened 2 traces, 3 spans from otlp-collector-file-exporter.jsonl',
    );
    expect(await storedTraceCount(page, webHost.url)).toBe(2);
    await expect(page.locator('.trace-table tbody tr').filter({ hasText: 'fine' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Dismiss trace file messages' }).click();
    await expect(page.getByRole('alert', { name: 'Trace file errors' })).toHaveCount(0);
  });

  test('a broken JSON Lines file names the line', async ({ page, webHost }) => {
    await dropFiles(page, { 'broken.jsonl': readFileSync(fixture('bad-line-3.jsonl'), 'utf8') });
    await expect(page.getByRole('alert', { name: 'Trace file errors' })).toContainText(
      'Could not open broken.jsonl, line 3: is not valid JSON',
    );
    expect(await storedTraceCount(page, webHost.url)).toBe(0);
  });
});

test('the web host opens the files given with --open, and reports a bad one', async ({ page }) => {
  const host = await startWebHost([
    '--open',
    fixture('otlp-checkout.json'),
    fixture('bad-truncated.json'),
    fixture('jaeger-ui-download.json'),
  ]);
  try {
    expect(host.output()).toContain(`Opened ${fixture('otlp-checkout.json')}: 1 trace, 4 spans`);
    expect(host.output()).toContain(
      `Opened ${fixture('jaeger-ui-download.json')}: 2 traces, 4 spans`,
    );
    expect(host.output()).toMatch(/Could not open .*bad-truncated\.json: is not valid JSON/);
    await page.goto(host.url);
    const rows = page.locator('.trace-table tbody tr');
    await expect(rows).toHaveCount(3);
    await expect(rows.filter({ hasText: 'POST /checkout' })).toHaveCount(1);
    await expect(rows.filter({ hasText: 'HTTP GET /dispatch' })).toHaveCount(1);
  } finally {
    await host.stop();
  }
});
