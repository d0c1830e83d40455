// Traces survive a restart of the web host: they live in the trace database in the data directory
// (with --in-memory, nothing does), and the restarted host lists and opens them.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { placeOrders, setFailure, spanGrid } from './order-flow-steps';
import { startWebHost, type WebHost } from './web-host-fixture';

/** Stops the host cleanly (SIGTERM), keeping its data directory. */
async function stopKeepingData(host: WebHost): Promise<void> {
  const closed = new Promise((resolve) => host.process.once('close', resolve));
  host.process.kill('SIGTERM');
  await closed;
}

test('the traces are back after a restart, and open as before', async ({ page }) => {
  const kept = await mkdtemp(path.join(tmpdir(), 'spanlight-e2e-kept-'));
  const first = await startWebHost();
  const second = { host: undefined as Awaited<ReturnType<typeof startWebHost>> | undefined };
  try {
    await page.goto(first.pageUrl);
    await setFailure(page, 'Payment declined', true);
    await placeOrders(page, 2);
    await stopKeepingData(first);
    expect(first.output()).not.toContain('ExperimentalWarning');
    expect(existsSync(path.join(first.dataDir, 'traces.sqlite'))).toBe(true);
    await cp(first.dataDir, kept, { recursive: true });

    second.host = await startWebHost([], {}, (dataDir) => cp(kept, dataDir, { recursive: true }));
    await page.goto(second.host.pageUrl);
    const rows = page.locator('.trace-table tbody tr');
    await expect(rows).toHaveCount(2);
    await expect(page.getByText('2 traces')).toBeVisible();
    await expect(rows.first()).toHaveClass(/failed/);
    // A declined payment ends the order after its payment span: two spans.
    await expect(rows.first().locator('td.cell-spans')).toHaveText('2');
    await rows.first().click();
    await expect(spanGrid(page).getByRole('row')).toHaveCount(2);
    await expect(spanGrid(page)).toContainText('card declined');
    // New orders join the ones kept.
    await setFailure(page, 'Payment declined', false);
    await placeOrders(page, 1);
    await expect(page.getByText('3 traces')).toBeVisible();
  } finally {
    await first.stop();
    await second.host?.stop();
    await rm(kept, { recursive: true, force: true });
  }
});

test('with --in-memory no trace is written, so the next start has none', async ({ page }) => {
  const kept = await mkdtemp(path.join(tmpdir(), 'spanlight-e2e-kept-'));
  const first = await startWebHost(['--in-memory']);
  try {
    await page.goto(first.pageUrl);
    await placeOrders(page, 1);
    await stopKeepingData(first);
    expect(existsSync(path.join(first.dataDir, 'traces.sqlite'))).toBe(false);
    await cp(first.dataDir, kept, { recursive: true });
  } finally {
    await first.stop();
  }
  // The same data directory (its order book has the order), now with the database.
  const second = await startWebHost([], {}, (dataDir) => cp(kept, dataDir, { recursive: true }));
  try {
    await page.goto(second.pageUrl);
    await expect(page.getByText('No traces yet')).toBeVisible();
  } finally {
    await second.stop();
    await rm(kept, { recursive: true, force: true });
  }
});
