// Imports that take a while: a progress bar with Cancel in the page, a console line in the web host.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, startWebHost, test } from './web-host-fixture';
import { syntheticShape, writeSyntheticTrace } from './synthetic-trace';

// About 200 MB: its reading takes seconds, long enough to see the bar and press Cancel.
const SPANS = 300_000;

test.describe('a long trace file import', () => {
  let dir: string;
  let file: string;
  const shape = syntheticShape(SPANS);
  test.beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'spanlight-progress-'));
    file = path.join(dir, 'slow.otlp.json');
    await writeSyntheticTrace(file, shape);
  });
  test.afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('shows how far it is, and Cancel keeps nothing of the file', async ({ page, webHost }) => {
    test.setTimeout(180_000);
    await page.goto(webHost.pageUrl);
    await page.getByLabel('Trace files to open').setInputFiles(file);
    const bar = page.getByRole('progressbar', { name: 'Import of slow.otlp.json' });
    await expect(bar).toBeVisible({ timeout: 60_000 });
    const status = page.getByRole('status', { name: 'Importing slow.otlp.json' });
    await expect(status).toContainText(
      /Importing slow\.otlp\.json: \d+% \(\d+ MB of 2\d\d MB\), [\d,]+ spans/,
    );
    await status.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('alert', { name: 'Trace file errors' })).toContainText(
      'Could not open slow.otlp.json: the import was cancelled; nothing of it was kept',
      { timeout: 60_000 },
    );
    await expect(bar).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole('button', { name: 'Place order' })).toBeVisible();
    await expect(page.locator(`tr[data-trace-id="${shape.traceId}"]`)).toHaveCount(0);
  });

  test('the web host listens at once and prints its progress for --open', async ({ page }) => {
    test.setTimeout(180_000);
    const host = await startWebHost(['--open', file]);
    try {
      await page.goto(host.pageUrl);
      await expect(page.getByRole('button', { name: 'Place order' })).toBeVisible();
      await expect
        .poll(() => host.output(), { timeout: 60_000 })
        .toMatch(/Importing .*slow\.otlp\.json: \d+% \(\d+ MB of 2\d\d MB\), [\d,]+ spans/);
      await expect
        .poll(() => host.output(), { timeout: 120_000 })
        .toContain(`Opened ${file}: 1 trace, 300,000 spans`);
      await expect(page.locator(`tr[data-trace-id="${shape.traceId}"]`)).toHaveCount(1, {
        timeout: 60_000,
      });
    } finally {
      await host.stop();
    }
  });

  test('lists the trace while it loads; opened, it grows in place and keeps its folds', async ({
    page,
  }) => {
    test.setTimeout(240_000);
    const host = await startWebHost(['--open', file]);
    try {
      await page.goto(host.pageUrl);
      const listed = page.locator(`tr[data-trace-id="${shape.traceId}"]`);
      await expect(listed).toHaveCount(1, { timeout: 60_000 });
      expect(host.output()).not.toContain(`Opened ${file}`);
      await listed.click();
      const grid = page.getByRole('treegrid', { name: 'Spans' });
      await expect(grid.getByRole('row').first()).toBeVisible({ timeout: 60_000 });
      const rowCount = async () => Number(await grid.getAttribute('aria-rowcount'));
      const first = await rowCount();
      expect(first).toBeLessThan(SPANS);
      // Fold the first span shown with children below the root, and scroll a little.
      const folded = grid.locator('[role="row"][aria-level="2"][aria-expanded="true"]').first();
      const foldedId = await folded.getAttribute('data-span-id');
      await folded.locator('.wf-toggle').click();
      const foldedRow = grid.locator(`[role="row"][data-span-id="${foldedId}"]`);
      await expect(foldedRow).toHaveAttribute('aria-expanded', 'false');
      await grid.evaluate((element) => (element.scrollTop = 24));
      // The span at the top of the view: the first row shown more than half (rows are placed
      // relative to the scroll position, which past a few million pixels is scaled).
      const topOfView = () =>
        grid.evaluate((element) => {
          const viewTop = element.getBoundingClientRect().top;
          const rows = [...element.querySelectorAll('[role="row"][data-span-id]')]
            .map((row) => ({ row, box: row.getBoundingClientRect() }))
            .filter(({ box }) => box.bottom - box.height / 2 > viewTop)
            .sort((a, b) => a.box.top - b.box.top);
          return rows[0]?.row.getAttribute('data-span-id');
        });
      const top = await topOfView();
      expect(top).toBeTruthy();
      // Rows arrive while the file is read; the fold and the span at the top of the view stay.
      await expect.poll(rowCount, { timeout: 120_000 }).toBeGreaterThan(first);
      await expect
        .poll(() => host.output(), { timeout: 180_000 })
        .toContain(`Opened ${file}: 1 trace, 300,000 spans`);
      await expect(foldedRow).toHaveAttribute('aria-expanded', 'false');
      expect(await topOfView()).toEqual(top);
      // Unfolded, every span of the file is a row.
      await foldedRow.locator('.wf-toggle').click();
      await expect.poll(rowCount, { timeout: 60_000 }).toBe(SPANS);
    } finally {
      await host.stop();
    }
  });
});
