import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OrderBook } from '../../../app/orders/order-book';
import { createSampleOrder } from '../../../app/orders/order';
import { makeTempDir } from '../../helpers/temp-dir';

describe('OrderBook', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
  afterEach(() => cleanup());

  it('creates the book on first append and reads it back on reopen', async () => {
    const file = path.join(dir, 'nested', 'order-book.jsonl');
    const book = await OrderBook.open(file);
    const orders = [createSampleOrder(), createSampleOrder()];
    for (const order of orders) await book.append(order);
    const reopened = await OrderBook.open(file);
    expect(reopened.size).toBe(2);
    expect(reopened.get(orders[1]!.id)).toEqual(orders[1]);
  });

  it('keeps every order when appends overlap, and leaves no temporary files', async () => {
    const file = path.join(dir, 'order-book.jsonl');
    const book = await OrderBook.open(file);
    const orders = Array.from({ length: 20 }, () => createSampleOrder());
    await Promise.all(orders.map((order) => book.append(order)));
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    expect(lines.map((line) => JSON.parse(line).id)).toEqual(orders.map((o) => o.id));
    expect(await readdir(dir)).toEqual(['order-book.jsonl']);
  });

  it('keeps lines it cannot read, reports them, and still appends', async () => {
    const file = path.join(dir, 'order-book.jsonl');
    const good = createSampleOrder();
    await writeFile(file, `${JSON.stringify(good)}\n{"id": broken\n{"noId":1}`);
    const book = await OrderBook.open(file);
    expect(book.size).toBe(1);
    expect(book.problems).toEqual([
      `${file}, line 2: not a JSON order; kept as it is`,
      `${file}, line 3: an order without an id; kept as it is`,
    ]);
    const next = createSampleOrder();
    await book.append(next);
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    expect(lines).toEqual([
      JSON.stringify(good),
      '{"id": broken',
      '{"noId":1}',
      JSON.stringify(next),
    ]);
  });

  it('moves an unfinished last line (an append cut short) aside and appends on a new line', async () => {
    const file = path.join(dir, 'order-book.jsonl');
    const good = createSampleOrder();
    const torn = JSON.stringify(createSampleOrder()).slice(0, 40);
    await writeFile(file, `${JSON.stringify(good)}\n${torn}`);
    const book = await OrderBook.open(file);
    expect(book.size).toBe(1);
    expect(book.problems).toHaveLength(1);
    const aside = /moved to (.+)$/.exec(book.problems[0]!)?.[1];
    expect(book.problems[0]).toContain(`${file}, line 2: an unfinished last line`);
    expect(aside).toBeDefined();
    expect(await readFile(aside!, 'utf8')).toBe(torn);
    const next = createSampleOrder();
    await book.append(next);
    const lines = (await readFile(file, 'utf8')).split('\n');
    expect(lines).toEqual([JSON.stringify(good), JSON.stringify(next), '']);
    expect((await OrderBook.open(file)).problems).toEqual([]);
  });

  it('rejects an append it cannot write and keeps the book whole for the next one', async () => {
    const file = path.join(dir, 'order-book.jsonl');
    const book = await OrderBook.open(file);
    const first = createSampleOrder();
    await book.append(first);
    // A directory where the book should be: the write fails whoever runs the test.
    await rm(file);
    await mkdir(file);
    await expect(book.append(createSampleOrder())).rejects.toThrow();
    await rm(file, { recursive: true });
    const next = createSampleOrder();
    await book.append(next);
    expect(book.get(next.id)).toEqual(next);
    expect((await readFile(file, 'utf8')).trim().split('\n')).toEqual([JSON.stringify(next)]);
  });
});
