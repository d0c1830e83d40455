// The order book: every placed order, one JSON object per line, in a file in the data directory.
// It is a journal: an order is appended and fsynced before append() resolves, and appends that
// arrive while a write is under way go out together in the next write (one fsync for all of them),
// so placing an order costs the same whether the book holds ten orders or a million.
import { mkdir, open, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Order } from './order';

interface PendingAppend {
  readonly order: Order;
  readonly line: string;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

export class OrderBook {
  private readonly orders = new Map<string, Order>();
  private pending: PendingAppend[] = [];
  private writing = false;
  /** Bytes of whole lines on disk: a failed write is cut back to this, never left half written. */
  private byteLength = 0;
  /** Lines that could not be read as orders; they are kept in the file as they are. */
  readonly problems: string[] = [];

  private constructor(readonly filePath: string) {}

  /**
   * Opens the order book at `filePath`, creating it when missing. A last line without its newline
   * is an append a crash cut short (its order was never confirmed): it is moved to a file next to
   * the book, named in `problems`, so that the book holds only whole lines.
   */
  static async open(filePath: string): Promise<OrderBook> {
    const book = new OrderBook(filePath);
    await mkdir(path.dirname(filePath), { recursive: true });
    let text = '';
    try {
      text = await readFile(filePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const lines = text.split('\n');
    const tail = lines.pop() ?? '';
    lines.forEach((line, index) => book.readLine(line, index + 1));
    book.byteLength = Buffer.byteLength(text, 'utf8');
    if (tail.trim() !== '') await book.repairTail(tail, lines.length + 1);
    return book;
  }

  get size(): number {
    return this.orders.size;
  }

  get(orderId: string): Order | undefined {
    return this.orders.get(orderId);
  }

  /** Appends the order; resolves once its line is on disk (written and fsynced). */
  append(order: Order): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ order, line: `${JSON.stringify(order)}\n`, resolve, reject });
      if (!this.writing) void this.writePending();
    });
  }

  /** Writes everything waiting, one batch at a time, until nothing waits. */
  private async writePending(): Promise<void> {
    this.writing = true;
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      const text = batch.map((entry) => entry.line).join('');
      try {
        await appendDurably(this.filePath, text);
      } catch (error) {
        await truncateDurably(this.filePath, this.byteLength).catch(() => undefined);
        for (const entry of batch) entry.reject(error);
        continue;
      }
      this.byteLength += Buffer.byteLength(text, 'utf8');
      for (const entry of batch) {
        this.orders.set(entry.order.id, entry.order);
        entry.resolve();
      }
    }
    this.writing = false;
  }

  private readLine(line: string, lineNumber: number): void {
    if (line.trim() === '') return;
    let order: Order;
    try {
      order = JSON.parse(line) as Order;
    } catch {
      this.problems.push(`${this.filePath}, line ${lineNumber}: not a JSON order; kept as it is`);
      return;
    }
    if (typeof order?.id === 'string') this.orders.set(order.id, order);
    else
      this.problems.push(
        `${this.filePath}, line ${lineNumber}: an order without an id; kept as it is`,
      );
  }

  /**
   * The book does not end with a newline. A tail that is whole JSON only lost its newline: it is
   * kept and the newline added. Anything else is moved aside, so the next append starts a new line.
   */
  private async repairTail(tail: string, lineNumber: number): Promise<void> {
    if (isJson(tail)) {
      this.readLine(tail, lineNumber);
      await appendDurably(this.filePath, '\n');
      this.byteLength += 1;
      return;
    }
    const aside = `${this.filePath}.unfinished-${Date.now()}`;
    await writeFile(aside, tail, { encoding: 'utf8', flush: true });
    this.byteLength -= Buffer.byteLength(tail, 'utf8');
    await truncateDurably(this.filePath, this.byteLength);
    this.problems.push(
      `${this.filePath}, line ${lineNumber}: an unfinished last line (an append cut short); moved to ${aside}`,
    );
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Appends `text` in one write and fsyncs before resolving. */
async function appendDurably(filePath: string, text: string): Promise<void> {
  const file = await open(filePath, 'a');
  try {
    await file.writeFile(text, 'utf8');
    await file.datasync();
  } finally {
    await file.close();
  }
}

/** Cuts the file back to `byteLength` bytes (never lengthens it) and fsyncs. */
async function truncateDurably(filePath: string, byteLength: number): Promise<void> {
  const file = await open(filePath, 'r+');
  try {
    if ((await file.stat()).size <= byteLength) return;
    await file.truncate(byteLength);
    await file.datasync();
  } finally {
    await file.close();
  }
}
