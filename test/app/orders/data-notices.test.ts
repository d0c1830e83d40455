import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSampleOrder } from '../../../app/orders/order';
import { createSpanlightCore } from '../../../app/spanlight-core';
import { makeTempDir } from '../../helpers/temp-dir';

describe('getDataNotices', () => {
  let dataDir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir: dataDir, cleanup } = await makeTempDir());
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await cleanup();
  });

  it('is empty for a fresh data directory', async () => {
    const core = await createSpanlightCore({ dataDir, env: {} });
    try {
      expect(await core.commands.getDataNotices({})).toEqual({ notices: [] });
    } finally {
      await core.close();
    }
  });

  it('names the order book lines it could not read and the unfinished append it moved aside, and orders still work', async () => {
    const book = path.join(dataDir, 'order-book.jsonl');
    const good = createSampleOrder();
    await writeFile(book, `${JSON.stringify(good)}\nnot json\n{"id":"x","total`);
    const core = await createSpanlightCore({ dataDir, env: {} });
    try {
      const { notices } = await core.commands.getDataNotices({});
      expect(notices).toHaveLength(2);
      expect(notices[0]).toBe(`${book}, line 2: not a JSON order; kept as it is`);
      expect(notices[1]).toMatch(
        new RegExp(
          `^${book.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, line 3: an unfinished last line`,
        ),
      );
      const placed = await core.commands.placeOrder({
        paymentDeclined: false,
        emailServerDown: false,
        slowDatabase: false,
      });
      const lines = (await readFile(book, 'utf8')).split('\n');
      expect(lines.slice(0, 2)).toEqual([JSON.stringify(good), 'not json']);
      expect(JSON.parse(lines[2]!).id).toBe(placed.orderId);
    } finally {
      await core.close();
    }
  });
});
