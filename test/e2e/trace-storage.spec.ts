// Trace storage in the window: the Storage panel's figures and limits, pin and delete from a row's
// menu, "Delete matching" for the filters and "Clear all", each asked first; a damaged database
// said in the window with where the old file went.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { listedTraceCount, placeOrders, setFailure } from './order-flow-steps';
import { closeMore, shown, windowToolbar } from './toolbar-steps';
import { startWebHost } from './web-host-fixture';

const rows = (page: Page) => page.locator('.trace-table tbody tr');
const filters = (page: Page) => page.getByRole('form', { name: 'Filters' });

async function openStorage(page: Page) {
  const toolbar = windowToolbar(page);
  await (await shown(toolbar, toolbar.getByRole('button', { name: /^Storage/ }))).click();
  await closeMore(toolbar);
  return page.getByRole('region', { name: 'Trace storage' });
}

async function placeFailedOrder(page: Page) {
  await setFailure(page, 'Payment declined', true);
  await placeOrders(page, 1);
  await setFailure(page, 'Payment declined', false);
}

test('the Storage panel shows the database and its counts, and a lower trace limit evicts the oldest', async ({
  page,
}) => {
  const host = await startWebHost();
  try {
    await page.goto(host.pageUrl);
    await placeOrders(page, 3);
    const panel = await openStorage(page);
    await expect(panel).toContainText(path.join(host.dataDir, 'traces.sqlite'));
    const figures = panel.getByRole('definition');
    await expect(panel.getByLabel('Storage figures')).toContainText('3 of 10,000');
    await expect(panel.getByLabel('Storage figures')).toContainText('18');
    await expect(figures.first()).toContainText(/KB|MB/);
    await panel.getByLabel('Traces at most').fill('0');
    await expect(panel.getByRole('alert')).toContainText(
      'traces: a whole number from 1 to 100,000',
    );
    await expect(panel.getByRole('button', { name: 'Save limits' })).toBeDisabled();
    const newest = await rows(page).first().getAttribute('data-trace-id');
    await panel.getByLabel('Traces at most').fill('1');
    await panel.getByRole('button', { name: 'Save limits' }).click();
    await expect(rows(page)).toHaveCount(1);
    await expect(rows(page).first()).toHaveAttribute('data-trace-id', newest!);
    await expect(panel.getByLabel('Storage figures')).toContainText('1 of 1');
    await expect(panel.getByLabel('Storage figures')).toContainText('2 traces');
  } finally {
    await host.stop();
  }
});

test('a row’s menu pins and unpins a trace and deletes it after asking', async ({ page }) => {
  const host = await startWebHost();
  try {
    await page.goto(host.pageUrl);
    await placeOrders(page, 2);
    const first = rows(page).first();
    const traceId = (await first.getAttribute('data-trace-id'))!;
    await first.click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Pin (never evicted)' }).click();
    await expect(first.locator('.pin-mark')).toHaveText('pinned');
    // The pin is kept: a reload shows it from the core.
    await page.reload();
    await expect(page.locator(`tr[data-trace-id="${traceId}"] .pin-mark`)).toBeVisible();
    const row = page.locator(`tr[data-trace-id="${traceId}"]`);
    await row.focus();
    await page.keyboard.press('Shift+F10');
    await page.getByRole('menuitem', { name: 'Unpin' }).click();
    await expect(row.locator('.pin-mark')).toHaveCount(0);
    await row.click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Delete trace…' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Delete this trace?' });
    await expect(dialog).toContainText(traceId.slice(0, 8));
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(rows(page)).toHaveCount(2);
    await row.click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Delete trace…' }).click();
    await dialog.getByRole('button', { name: 'Delete trace' }).click();
    await expect(rows(page)).toHaveCount(1);
    await expect(page.locator(`tr[data-trace-id="${traceId}"]`)).toHaveCount(0);
    await expect(page.getByRole('status').filter({ hasText: 'Deleted 1 trace.' })).toBeVisible();
  } finally {
    await host.stop();
  }
});

test('"Delete matching" deletes what the filters match, "Clear all" the rest, pinned ones stay', async ({
  page,
}) => {
  const host = await startWebHost();
  try {
    await page.goto(host.pageUrl);
    await placeOrders(page, 2);
    await placeFailedOrder(page);
    await placeFailedOrder(page);
    await expect(rows(page)).toHaveCount(4);
    // Pin one failed order: it survives both deletions.
    const failed = page.locator('.trace-table tbody tr.failed');
    const pinnedId = (await failed.first().getAttribute('data-trace-id'))!;
    await failed.first().click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Pin (never evicted)' }).click();
    await expect(failed.first().locator('.pin-mark')).toBeVisible();

    await filters(page).getByLabel('Errors only').check();
    await expect(rows(page)).toHaveCount(2);
    await page.getByRole('button', { name: 'Delete matching…' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Delete the matching traces?' });
    await expect(dialog).toContainText('The 2 traces the filters match');
    await dialog.getByRole('button', { name: 'Delete matching' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: 'Deleted 1 trace; 1 pinned trace was kept.' }),
    ).toBeVisible();
    await expect(rows(page)).toHaveCount(1);
    await filters(page).getByLabel('Errors only').uncheck();
    await expect(rows(page)).toHaveCount(3);

    await page.getByRole('button', { name: 'Clear all…' }).click();
    const clear = page.getByRole('alertdialog', { name: 'Clear all traces?' });
    await page.keyboard.press('Escape');
    await expect(clear).toHaveCount(0);
    await expect(rows(page)).toHaveCount(3);
    await page.getByRole('button', { name: 'Clear all…' }).click();
    await clear.getByRole('button', { name: 'Clear all' }).click();
    await expect(rows(page)).toHaveCount(1);
    await expect(rows(page).first()).toHaveAttribute('data-trace-id', pinnedId);
  } finally {
    await host.stop();
  }
});

test('a trace database that is not SQLite is moved aside, and the window says where', async ({
  page,
}) => {
  const host = await startWebHost([], {}, (dataDir) =>
    writeFile(path.join(dataDir, 'traces.sqlite'), 'my notes, not a database'),
  );
  try {
    await page.goto(host.pageUrl);
    const notices = page.getByRole('status', { name: 'Data file notices' });
    const file = path.join(host.dataDir, 'traces.sqlite');
    await expect(notices).toContainText(`The trace database ${file} was damaged`);
    await expect(notices).toContainText(`moved to ${file}.corrupt-`);
    await placeOrders(page, 1);
    const panel = await openStorage(page);
    await expect(panel.getByLabel('Storage figures')).toContainText('1 of 10,000');
  } finally {
    await host.stop();
  }
});

// SPANLIGHT_TEST_MAX_DATABASE_PAGES sets SQLite's max_page_count: past it SQLite fails the commit
// with SQLITE_FULL, as on a full disk (a small file system needs root to mount).
test('a full disk is said in the window, the orders still show, and the spans not saved are counted', async ({
  page,
}) => {
  const host = await startWebHost([], { SPANLIGHT_TEST_MAX_DATABASE_PAGES: '40' });
  try {
    await page.goto(host.pageUrl);
    const notices = page.getByRole('status', { name: 'Data file notices' });
    for (let placed = 0; placed < 30 && !(await notices.isVisible()); placed += 5)
      await placeOrders(page, 5);
    await expect(notices).toContainText(
      `The disk is full: the trace database ${path.join(host.dataDir, 'traces.sqlite')} could not take more spans`,
    );
    await expect(notices).toContainText(/\d+ spans? received since (was|were) not saved/);
    const before = await listedTraceCount(page);
    await placeOrders(page, 2);
    await expect.poll(() => listedTraceCount(page)).toBe(before + 2);
    const panel = await openStorage(page);
    await expect(panel.getByLabel('Storage figures')).toContainText(
      /Not saved\s*\d+ spans \(the disk is full\)/,
    );
    await expect(panel).toContainText(
      `The disk is full: the traces saved before stay in ${path.join(host.dataDir, 'traces.sqlite')}; new spans are kept in memory only`,
    );
  } finally {
    await host.stop();
  }
});
