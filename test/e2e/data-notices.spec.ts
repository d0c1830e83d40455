// An order book with a line the app cannot read and an append a crash cut short: the app starts,
// says so in the window (naming the file and line), and places orders as usual.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { placeOrders } from './order-flow-steps';
import { startWebHost } from './web-host-fixture';

test('problems in the order book are shown by name, can be dismissed, and orders still work', async ({
  page,
}) => {
  const host = await startWebHost([], {}, (dataDir) =>
    writeFile(path.join(dataDir, 'order-book.jsonl'), 'not json\n{"id":"cut sh'),
  );
  try {
    const book = path.join(host.dataDir, 'order-book.jsonl');
    await page.goto(host.pageUrl);
    const notices = page.getByRole('status', { name: 'Data file notices' });
    await expect(notices).toContainText(`${book}, line 1: not a JSON order; kept as it is`);
    await expect(notices).toContainText(`${book}, line 2: an unfinished last line`);
    await expect(notices).toContainText(`moved to ${book}.unfinished-`);
    await placeOrders(page, 1);
    await notices.getByRole('button', { name: 'Dismiss' }).click();
    await expect(notices).toHaveCount(0);
  } finally {
    await host.stop();
  }
});
