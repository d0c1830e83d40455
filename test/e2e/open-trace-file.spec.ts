// Opening trace files in the web UI: the Open button, drag and drop onto the window, and
// `--open` on the web host's command line. A bad file is reported and imports nothing.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import {
  dropFiles,
  failedNotice,
  openButtonShowsTheChosenTrace,
  openedNotice,
  traceFixture,
} from './open-trace-file-steps';
import { spanGrid } from './order-flow-steps';
import { syntheticTrace } from './synthetic-trace';
import { expect, startWebHost, test, type WebHost } from './web-host-fixture';

const fixture = traceFixture;

async function storedTraceCount(page: Page, host: WebHost): Promise<number> {
  const response = await page.request.post(`${host.url}/api/listTraces`, {
    data: {},
    headers: host.authHeaders,
  });
  return ((await response.json()) as { totalTraces: number }).totalTraces;
}

test.describe('opening trace files in the web host', () => {
  test.beforeEach(async ({ page, webHost }) => {
    await page.goto(webHost.pageUrl);
    await expect(page.getByRole('button', { name: 'Open trace file' })).toBeVisible();
  });

  test('the Open button picks a file, opens it and shows its trace', async ({ page }) => {
    await openButtonShowsTheChosenTrace(page);
  });

  test('a 10,000-span file opens through the Open button and is shown', async ({ page }) => {
    const trace = syntheticTrace(10_000);
    await page.getByLabel('Trace files to open').setInputFiles({
      name: 'big.json',
      mimeType: 'application/json',
      buffer: Buffer.from(trace.json),
    });
    await expect(openedNotice(page)).toHaveText('Opened 1 trace, 10,000 spans from big.json');
    const row = page.locator('.trace-table tbody tr').filter({ hasText: trace.rootName });
    await expect(row).toContainText(/10,?000/);
    await expect(
      spanGrid(page).getByRole('gridcell', { name: trace.rootName, exact: true }),
    ).toBeVisible();
  });

  test('dropping files on the window opens them', async ({ page, webHost }) => {
    await dropFiles(page, {
      'dispatch.json': readFileSync(fixture('jaeger-ui-download.json'), 'utf8'),
      'collector.jsonl': readFileSync(fixture('otlp-collector-file-exporter.jsonl'), 'utf8'),
    });
    const status = openedNotice(page);
    await expect(status).toContainText('Opened 2 traces, 4 spans from dispatch.json');
    await expect(status).toContainText('Opened 2 traces, 3 spans from collector.jsonl');
    expect(await storedTraceCount(page, webHost)).toBe(4);
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
    await expect(failedNotice(page)).toHaveText(
      'Could not open bad-span-id.json: resourceSpans[0].scopeSpans[0].spans[1].spanId: expected 16 hex digits, got "not-a-span-id"',
    );
    // The good file beside it still opens; the bad file's valid first span is not stored.
    await expect(openedNotice(page)).toHaveText(
      'Opened 2 traces, 3 spans from otlp-collector-file-exporter.jsonl',
    );
    expect(await storedTraceCount(page, webHost)).toBe(2);
    await expect(page.locator('.trace-table tbody tr').filter({ hasText: 'fine' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Dismiss trace file messages' }).click();
    await expect(failedNotice(page)).toHaveCount(0);
  });

  test('a broken JSON Lines file names the line', async ({ page, webHost }) => {
    await dropFiles(page, { 'broken.jsonl': readFileSync(fixture('bad-line-3.jsonl'), 'utf8') });
    await expect(failedNotice(page)).toContainText(
      'Could not open broken.jsonl, line 3: is not valid JSON',
    );
    expect(await storedTraceCount(page, webHost)).toBe(0);
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
    // Read after the host listens.
    await expect
      .poll(() => host.output())
      .toContain(`Opened ${fixture('otlp-checkout.json')}: 1 trace, 4 spans`);
    await expect
      .poll(() => host.output())
      .toContain(`Opened ${fixture('jaeger-ui-download.json')}: 2 traces, 4 spans`);
    await expect
      .poll(() => host.output())
      .toMatch(/Could not open .*bad-truncated\.json: is not valid JSON/);
    await page.goto(host.pageUrl);
    const rows = page.locator('.trace-table tbody tr');
    await expect(rows).toHaveCount(3);
    await expect(rows.filter({ hasText: 'POST /checkout' })).toHaveCount(1);
    await expect(rows.filter({ hasText: 'HTTP GET /dispatch' })).toHaveCount(1);
  } finally {
    await host.stop();
  }
});
