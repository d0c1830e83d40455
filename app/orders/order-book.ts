// The order book: every placed order, one JSON object per line, in a file in the data directory.
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { Order } from './order';

export class OrderBook {
  private readonly orders = new Map<string, Order>();
  private contents = '';
  private lastWrite: Promise<void> = Promise.resolve();
  /** Lines that could not be read as orders; they are kept in the file as they are. */
  readonly problems: string[] = [];

  private constructor(readonly filePath: string) {}

  /** Opens the order book at `filePath`, creating it when missing. */
  static async open(filePath: string): Promise<OrderBook> {
    const book = new OrderBook(filePath);
    await mkdir(path.dirname(filePath), { recursive: true });
    let text = '';
    try {
      text = await readFile(filePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    text.split('\n').forEach((line, index) => {
      if (line.trim() === '') return;
      let order: Order;
      try {
        order = JSON.parse(line) as Order;
      } catch {
        book.problems.push(`${filePath}, line ${index + 1}: not a JSON order; kept as it is`);
        return;
      }
      if (typeof order?.id === 'string') book.orders.set(order.id, order);
      else
        book.problems.push(`${filePath}, line ${index + 1}: an order without an id; kept as it is`);
    });
    book.contents = text.endsWith('\n') || text === '' ? text : `${text}\n`;
    return book;
  }

  get size(): number {
    return this.orders.size;
  }

  get(orderId: string): Order | undefined {
    return this.orders.get(orderId);
  }

  /**
   * Appends the order. The whole file is replaced atomically (write a temporary file, fsync,
   * rename), so a crash leaves either the old or the new book, never half a line.
   */
  append(order: Order): Promise<void> {
    // Appends run one after another, so each rewrite includes every earlier order.
    const appended = this.lastWrite.then(async () => {
      const next = `${this.contents}${JSON.stringify(order)}\n`;
      await writeFileAtomic(this.filePath, next, { encoding: 'utf8' });
      this.contents = next;
      this.orders.set(order.id, order);
    });
    this.lastWrite = appended.catch(() => undefined);
    return appended;
  }
}
