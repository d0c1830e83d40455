// The confirmation email, rendered as an RFC 5322 message and dropped into the outbox directory.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { formatCents, type Order } from './order';

export const SHOP_SENDER = 'Spanlight Demo Shop <orders@shop.example>';

export function renderConfirmationEmail(
  order: Order,
  confirmationPageTitle: string,
  sentAt: Date,
): string {
  const lines = order.lines.map(
    (line) =>
      `  ${line.quantity} x ${line.name} (${line.sku})  ${formatCents(line.quantity * line.unitPriceCents)}`,
  );
  return [
    `From: ${SHOP_SENDER}`,
    `To: <${order.customerEmail}>`,
    `Subject: ${confirmationPageTitle}`,
    `Date: ${sentAt.toUTCString()}`,
    `Message-ID: <${order.id}@shop.example>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    `Thank you for your order ${order.id}.`,
    '',
    ...lines,
    '',
    `Total: ${formatCents(order.totalCents)}`,
    '',
  ].join('\r\n');
}

export class Outbox {
  constructor(readonly directory: string) {}

  /** Writes the message as `<order id>.eml` and returns its path. */
  async write(orderId: string, message: string): Promise<string> {
    await mkdir(this.directory, { recursive: true });
    const filePath = path.join(this.directory, `${orderId}.eml`);
    await writeFileAtomic(filePath, message, { encoding: 'utf8' });
    return filePath;
  }
}
