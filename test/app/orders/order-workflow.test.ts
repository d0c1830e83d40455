import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSpanlightCore, type SpanlightCore } from '../../../app/spanlight-core';
import type { AppSpan, OrderOptions, TraceDetail } from '../../../app/contract';
import { OtlpSpanKind, OtlpStatusCode, type OtlpKeyValue } from '../../../app/model/otlp';
import { SLOW_DATABASE_DELAY_MS } from '../../../app/orders/order-workflow';
import { makeTempDir } from '../../helpers/temp-dir';

const noFailures: OrderOptions = {
  paymentDeclined: false,
  emailServerDown: false,
  slowDatabase: false,
};

function attributes(list: readonly OtlpKeyValue[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { key, value } of list ?? []) {
    out[key] =
      value?.stringValue ??
      value?.boolValue ??
      value?.doubleValue ??
      (value?.intValue !== undefined ? Number(value.intValue) : undefined);
  }
  return out;
}

function spanNamed(trace: TraceDetail, name: string, kind?: number): AppSpan {
  const span = trace.spans.find((s) => s.name === name && (kind === undefined || s.kind === kind));
  if (!span) throw new Error(`no span ${name} in ${trace.spans.map((s) => s.name).join(', ')}`);
  return span;
}

function durationMs(span: AppSpan): number {
  return Number(BigInt(span.endTimeUnixNano) - BigInt(span.startTimeUnixNano)) / 1e6;
}

describe('createOrderWorkflow (through placeOrder)', () => {
  let core: SpanlightCore;
  let dataDir: string;
  let cleanup: () => Promise<void>;

  beforeEach(async () => {
    ({ dir: dataDir, cleanup } = await makeTempDir());
    core = await createSpanlightCore({ dataDir, env: {} });
  });
  afterEach(async () => {
    await core.close();
    await cleanup();
  });

  async function placeAndFetch(options: OrderOptions = noFailures) {
    const result = await core.commands.placeOrder(options);
    const trace = await core.commands.getTrace({ traceId: result.traceId });
    if (!trace) throw new Error('trace not in the store');
    return { result, trace };
  }

  //   place-order (INTERNAL)
  //   ├── authorize-payment (INTERNAL)
  //   ├── INSERT orders (CLIENT)
  //   ├── GET /orders/{id}/confirmation (CLIENT)
  //   │   └── GET /orders/{id}/confirmation (SERVER)
  //   └── send confirmation-email (INTERNAL)
  it('records one trace with the exact spans, kinds and parent links', async () => {
    const { result, trace } = await placeAndFetch();
    expect(result.status).toBe('ok');
    expect(core.store.traceCount).toBe(1);
    expect(trace.spans).toHaveLength(6);
    const root = spanNamed(trace, 'place-order');
    const payment = spanNamed(trace, 'authorize-payment');
    const insert = spanNamed(trace, 'INSERT orders');
    const client = spanNamed(trace, 'GET /orders/{id}/confirmation', OtlpSpanKind.CLIENT);
    const server = spanNamed(trace, 'GET /orders/{id}/confirmation', OtlpSpanKind.SERVER);
    const email = spanNamed(trace, 'send confirmation-email');

    expect(root.parentSpanId ?? '').toBe('');
    expect(root.kind).toBe(OtlpSpanKind.INTERNAL);
    for (const child of [payment, insert, client, email])
      expect(child.parentSpanId).toBe(root.spanId);
    expect(server.parentSpanId).toBe(client.spanId);
    expect(insert.kind).toBe(OtlpSpanKind.CLIENT);
    expect(email.kind).toBe(OtlpSpanKind.INTERNAL);
    for (const span of trace.spans) {
      expect(span.traceId).toBe(result.traceId);
      // A successful SERVER span leaves its status unset, as the HTTP semantic conventions say.
      const expected = span.kind === OtlpSpanKind.SERVER ? OtlpStatusCode.UNSET : OtlpStatusCode.OK;
      expect(span.status?.code ?? OtlpStatusCode.UNSET).toBe(expected);
    }
  });

  it('sets the documented attributes and events', async () => {
    const { result, trace } = await placeAndFetch();
    const rootAttributes = attributes(spanNamed(trace, 'place-order').attributes);
    expect(rootAttributes['order.id']).toBe(result.orderId);
    expect(rootAttributes['order.item_count']).toBeGreaterThan(0);
    expect(rootAttributes['order.total']).toBeGreaterThan(0);
    expect(rootAttributes['customer.id']).toMatch(/^cust-\d+$/);
    const rootEvents = spanNamed(trace, 'place-order').events ?? [];
    expect(rootEvents.map((e) => e.name)).toEqual(['order.validated', 'payment.authorized']);
    for (const event of rootEvents) expect(event.attributes?.length).toBeGreaterThan(0);

    expect(attributes(spanNamed(trace, 'INSERT orders').attributes)).toMatchObject({
      'db.system.name': 'spanlight.order_book',
      'db.operation.name': 'INSERT',
      'db.collection.name': 'orders',
    });
    const clientAttributes = attributes(
      spanNamed(trace, 'GET /orders/{id}/confirmation', OtlpSpanKind.CLIENT).attributes,
    );
    expect(clientAttributes).toMatchObject({
      'http.request.method': 'GET',
      'server.address': '127.0.0.1',
      'http.response.status_code': 200,
    });
    expect(clientAttributes['url.full']).toBe(
      `http://127.0.0.1:${clientAttributes['server.port']}/orders/${result.orderId}/confirmation`,
    );
    const serverAttributes = attributes(
      spanNamed(trace, 'GET /orders/{id}/confirmation', OtlpSpanKind.SERVER).attributes,
    );
    expect(serverAttributes).toMatchObject({
      'http.route': '/orders/{id}/confirmation',
      'http.response.status_code': 200,
    });
    expect((spanNamed(trace, 'send confirmation-email').events ?? []).map((e) => e.name)).toEqual([
      'email.queued',
    ]);
  });

  it('names the service order-service, with OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES taking precedence', async () => {
    const { trace } = await placeAndFetch();
    expect(attributes(trace.resources[0]?.attributes)['service.name']).toBe('order-service');
    expect(trace.resources).toHaveLength(1);
    expect(trace.scopes[0]?.name).toBe('spanlight-order-workflow');

    const saved = { ...process.env };
    process.env.OTEL_RESOURCE_ATTRIBUTES =
      'service.name=shop-from-attrs,deployment.environment.name=test';
    const other = await createSpanlightCore({ dataDir, env: {} });
    try {
      const placed = await other.commands.placeOrder(noFailures);
      const otherTrace = await other.commands.getTrace({ traceId: placed.traceId });
      expect(attributes(otherTrace?.resources[0]?.attributes)).toMatchObject({
        'service.name': 'shop-from-attrs',
        'deployment.environment.name': 'test',
      });
      process.env.OTEL_SERVICE_NAME = 'shop-from-name';
      const third = await createSpanlightCore({ dataDir, env: {} });
      const placedThird = await third.commands.placeOrder(noFailures);
      const thirdTrace = await third.commands.getTrace({ traceId: placedThird.traceId });
      await third.close();
      expect(attributes(thirdTrace?.resources[0]?.attributes)['service.name']).toBe(
        'shop-from-name',
      );
    } finally {
      process.env = saved;
      await other.close();
    }
  });

  it('really writes the order to the order book and the email to the outbox', async () => {
    const { result } = await placeAndFetch();
    const book = (await readFile(path.join(dataDir, 'order-book.jsonl'), 'utf8'))
      .trim()
      .split('\n');
    expect(book).toHaveLength(1);
    expect(JSON.parse(book[0]!).id).toBe(result.orderId);
    const email = await readFile(path.join(dataDir, 'outbox', `${result.orderId}.eml`), 'utf8');
    expect(email).toContain(`Subject: Order ${result.orderId} confirmed`);
    expect(email).toContain(`Message-ID: <${result.orderId}@shop.example>`);
  });

  it('gives each order its own trace, also when orders run at the same time', async () => {
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map(() => core.commands.placeOrder(noFailures)),
    );
    expect(new Set(results.map((r) => r.traceId)).size).toBe(5);
    expect(core.store.traceCount).toBe(5);
    for (const r of results)
      expect((await core.commands.getTrace({ traceId: r.traceId }))?.spans).toHaveLength(6);
    const book = (await readFile(path.join(dataDir, 'order-book.jsonl'), 'utf8'))
      .trim()
      .split('\n');
    expect(book.map((line) => JSON.parse(line).id).sort()).toEqual(
      results.map((r) => r.orderId).sort(),
    );
  });

  it('marks a declined payment as ERROR on the payment span and the root, with exception events', async () => {
    const { result, trace } = await placeAndFetch({ ...noFailures, paymentDeclined: true });
    expect(result.status).toBe('error');
    expect(trace.spans.map((s) => s.name).sort()).toEqual(['authorize-payment', 'place-order']);
    for (const name of ['authorize-payment', 'place-order']) {
      const span = spanNamed(trace, name);
      expect(span.status?.code).toBe(OtlpStatusCode.ERROR);
      expect(span.status?.message).toMatch(/card declined/);
      const exception = span.events?.find((e) => e.name === 'exception');
      expect(attributes(exception?.attributes)).toMatchObject({
        'exception.type': 'PaymentDeclinedError',
      });
      expect(attributes(exception?.attributes)['exception.message']).toMatch(/card declined/);
    }
    expect(await readdir(dataDir)).not.toContain('outbox');
    expect(core.store.getSummary(result.traceId)?.errorCount).toBe(2);
  });

  it('marks an email server outage as ERROR on the email span and the root, and writes no email', async () => {
    const { result, trace } = await placeAndFetch({ ...noFailures, emailServerDown: true });
    expect(result.status).toBe('error');
    expect(trace.spans).toHaveLength(6);
    for (const name of ['send confirmation-email', 'place-order']) {
      const span = spanNamed(trace, name);
      expect(span.status?.code).toBe(OtlpStatusCode.ERROR);
      expect(
        attributes(span.events?.find((e) => e.name === 'exception')?.attributes)['exception.type'],
      ).toBe('EmailServerUnavailableError');
    }
    expect(spanNamed(trace, 'INSERT orders').status?.code).toBe(OtlpStatusCode.OK);
    await expect(readFile(path.join(dataDir, 'outbox', `${result.orderId}.eml`))).rejects.toThrow(
      /ENOENT/,
    );
  });

  it('adds latency to INSERT orders for a slow database', async () => {
    const { result, trace } = await placeAndFetch({ ...noFailures, slowDatabase: true });
    expect(result.status).toBe('ok');
    expect(durationMs(spanNamed(trace, 'INSERT orders'))).toBeGreaterThanOrEqual(
      SLOW_DATABASE_DELAY_MS - 1,
    );
    const fast = await placeAndFetch();
    expect(durationMs(spanNamed(fast.trace, 'INSERT orders'))).toBeLessThan(SLOW_DATABASE_DELAY_MS);
  });
});

describe('SPANLIGHT_CONSOLE_SPANS', () => {
  it('prints every finished span through the console exporter when set to 1', async () => {
    const { dir, cleanup } = await makeTempDir();
    const printed: unknown[] = [];
    const spy = vi.spyOn(console, 'dir').mockImplementation((item) => void printed.push(item));
    const core = await createSpanlightCore({ dataDir: dir, env: { SPANLIGHT_CONSOLE_SPANS: '1' } });
    try {
      const result = await core.commands.placeOrder(noFailures);
      const names = printed.map((item) => (item as { name: string; traceId: string }).name);
      expect(names.sort()).toEqual(
        [
          'GET /orders/{id}/confirmation',
          'GET /orders/{id}/confirmation',
          'INSERT orders',
          'authorize-payment',
          'place-order',
          'send confirmation-email',
        ].sort(),
      );
      expect(
        printed.every((item) => (item as { traceId: string }).traceId === result.traceId),
      ).toBe(true);
    } finally {
      spy.mockRestore();
      await core.close();
      await cleanup();
    }
  });

  it('prints nothing when not set', async () => {
    const { dir, cleanup } = await makeTempDir();
    const spy = vi.spyOn(console, 'dir').mockImplementation(() => undefined);
    const core = await createSpanlightCore({ dataDir: dir, env: {} });
    try {
      await core.commands.placeOrder(noFailures);
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
      await core.close();
      await cleanup();
    }
  });
});
