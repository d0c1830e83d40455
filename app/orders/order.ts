import { randomBytes, randomInt } from 'node:crypto';

export interface OrderLine {
  readonly sku: string;
  readonly name: string;
  readonly quantity: number;
  readonly unitPriceCents: number;
}

export interface Order {
  readonly id: string;
  readonly customerId: string;
  readonly customerEmail: string;
  readonly lines: readonly OrderLine[];
  readonly totalCents: number;
  readonly placedAt: string;
}

const catalog = [
  { sku: 'TEA-GRN-100', name: 'Green tea, 100 g', unitPriceCents: 650 },
  { sku: 'MUG-STN-350', name: 'Stoneware mug', unitPriceCents: 1450 },
  { sku: 'KTL-GSN-1L', name: 'Gooseneck kettle', unitPriceCents: 4900 },
  { sku: 'FLT-PPR-100', name: 'Paper filters, 100 pcs', unitPriceCents: 399 },
  { sku: 'GRD-BUR-01', name: 'Burr grinder', unitPriceCents: 8900 },
] as const;

/** A new order from the demo shop: one to three catalog items for a random customer. */
export function createSampleOrder(now: Date = new Date()): Order {
  const lineCount = randomInt(1, 4);
  const lines: OrderLine[] = [];
  for (const index of pickDistinct(catalog.length, lineCount)) {
    const item = catalog[index]!;
    lines.push({ ...item, quantity: randomInt(1, 4) });
  }
  const customerNumber = randomInt(1000, 10000);
  return {
    id: `ord-${randomBytes(6).toString('hex')}`,
    customerId: `cust-${customerNumber}`,
    customerEmail: `customer${customerNumber}@example.com`,
    lines,
    totalCents: lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0),
    placedAt: now.toISOString(),
  };
}

export function itemCount(order: Order): number {
  return order.lines.reduce((sum, line) => sum + line.quantity, 0);
}

export function formatCents(cents: number): string {
  return `${(cents / 100).toFixed(2)} EUR`;
}

function pickDistinct(size: number, count: number): number[] {
  const indexes = [...Array(size).keys()];
  for (let i = indexes.length - 1; i > 0; i--) {
    const j = randomInt(0, i + 1);
    [indexes[i], indexes[j]] = [indexes[j]!, indexes[i]!];
  }
  return indexes.slice(0, count);
}
