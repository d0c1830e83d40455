// The instrumented order workflow: one "Place order" is one trace.
//
//   place-order                          INTERNAL  (opened by hand)
//   ├── authorize-payment                INTERNAL  (withSpan: the decorator style)
//   ├── INSERT orders                    CLIENT    (opened by hand; appends to the order book)
//   ├── GET /orders/{id}/confirmation    CLIENT    (opened by hand; a real HTTP request)
//   │   └── GET /orders/{id}/confirmation SERVER   (the shop's server, joined via traceparent)
//   └── send confirmation-email          INTERNAL  (withSpan; writes an .eml to the outbox)
import { request as httpRequest } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { randomBytes } from 'node:crypto';
import {
  context,
  defaultTextMapSetter,
  SpanKind,
  SpanStatusCode,
  trace,
  type TextMapPropagator,
  type Tracer,
} from '@opentelemetry/api';
import {
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  ATTR_URL_FULL,
} from '@opentelemetry/semantic-conventions';
import type { OrderOptions, PlaceOrderResult } from '../contract';
import { endWhenSettled, markFailed, withSpan } from '../telemetry/with-span';
import { renderConfirmationEmail, type Outbox } from './confirmation-email';
import { CONFIRMATION_ROUTE, type ConfirmationServer } from './confirmation-server';
import { createSampleOrder, itemCount, type Order } from './order';
import type { OrderBook } from './order-book';

/** Extra latency of INSERT orders when the "slow database" option is on. */
export const SLOW_DATABASE_DELAY_MS = 750;

export class PaymentDeclinedError extends Error {
  override name = 'PaymentDeclinedError';
}
export class EmailServerUnavailableError extends Error {
  override name = 'EmailServerUnavailableError';
}

export interface OrderWorkflowDeps {
  readonly tracer: Tracer;
  readonly propagator: TextMapPropagator;
  readonly orderBook: OrderBook;
  readonly outbox: Outbox;
  readonly confirmationServer: ConfirmationServer;
}

export type PlaceOrder = (options: OrderOptions) => Promise<PlaceOrderResult>;

export function createOrderWorkflow(deps: OrderWorkflowDeps): PlaceOrder {
  const { tracer } = deps;

  // Decorator style: every call of these functions runs in a span of its own.
  const authorizePayment = withSpan(
    tracer,
    'authorize-payment',
    async (span, order: Order, declined: boolean) => {
      span.setAttribute('payment.amount_cents', order.totalCents);
      if (declined) throw new PaymentDeclinedError(`card declined for ${order.customerId}`);
      return `auth-${randomBytes(4).toString('hex')}`;
    },
  );

  const sendConfirmationEmail = withSpan(
    tracer,
    'send confirmation-email',
    async (span, order: Order, pageTitle: string, serverDown: boolean) => {
      span.setAttribute('email.to', order.customerEmail);
      if (serverDown) {
        // Injected failure: the outbox stands in for an SMTP server that is now unreachable.
        throw new EmailServerUnavailableError('email server unavailable: confirmation not sent');
      }
      const file = await deps.outbox.write(
        order.id,
        renderConfirmationEmail(order, pageTitle, new Date()),
      );
      span.addEvent('email.queued', { 'email.to': order.customerEmail, 'email.file': file });
    },
  );

  return (options) => {
    const order = createSampleOrder();
    // Manual style: the root span is opened by hand and made active, so every span below nests in it.
    return tracer.startActiveSpan(
      'place-order',
      {
        kind: SpanKind.INTERNAL,
        attributes: {
          'order.id': order.id,
          'order.item_count': itemCount(order),
          'order.total': order.totalCents / 100,
          'customer.id': order.customerId,
        },
      },
      async (root): Promise<PlaceOrderResult> => {
        const traceId = root.spanContext().traceId;
        try {
          root.addEvent('order.validated', {
            'order.line_count': order.lines.length,
            'order.currency': 'EUR',
          });
          const authorizationCode = await authorizePayment(order, options.paymentDeclined);
          root.addEvent('payment.authorized', {
            'payment.authorization_code': authorizationCode,
            'payment.method': 'card',
          });
          await insertOrder(deps, order, options.slowDatabase);
          const pageTitle = await fetchConfirmationPage(deps, order);
          await sendConfirmationEmail(order, pageTitle, options.emailServerDown);
          root.setStatus({ code: SpanStatusCode.OK });
          return { orderId: order.id, traceId, status: 'ok' };
        } catch (error) {
          markFailed(root, error);
          return {
            orderId: order.id,
            traceId,
            status: 'error',
            errorMessage: (error as Error).message,
          };
        } finally {
          root.end();
        }
      },
    );
  };
}

/** A database call: a CLIENT span named after the operation and the table, as semconv says. */
async function insertOrder(deps: OrderWorkflowDeps, order: Order, slow: boolean): Promise<void> {
  await deps.tracer.startActiveSpan(
    'INSERT orders',
    {
      kind: SpanKind.CLIENT,
      attributes: {
        'db.system.name': 'spanlight.order_book',
        'db.operation.name': 'INSERT',
        'db.collection.name': 'orders',
        'db.namespace': deps.orderBook.filePath,
      },
    },
    (span) =>
      endWhenSettled(span, async () => {
        if (slow) await delay(SLOW_DATABASE_DELAY_MS);
        await deps.orderBook.append(order);
      }),
  );
}

/** An HTTP GET to the shop's own server; the `traceparent` header carries this span's context. */
async function fetchConfirmationPage(deps: OrderWorkflowDeps, order: Order): Promise<string> {
  const url = `${deps.confirmationServer.baseUrl}/orders/${order.id}/confirmation`;
  return deps.tracer.startActiveSpan(
    `GET ${CONFIRMATION_ROUTE}`,
    {
      kind: SpanKind.CLIENT,
      attributes: {
        [ATTR_HTTP_REQUEST_METHOD]: 'GET',
        [ATTR_URL_FULL]: url,
        [ATTR_SERVER_ADDRESS]: '127.0.0.1',
        [ATTR_SERVER_PORT]: deps.confirmationServer.port,
      },
    },
    (span) =>
      endWhenSettled(span, async () => {
        const headers: Record<string, string> = {};
        deps.propagator.inject(
          trace.setSpan(context.active(), span),
          headers,
          defaultTextMapSetter,
        );
        const { statusCode, body } = await httpGet(url, headers);
        span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, statusCode);
        if (statusCode >= 400) throw new Error(`confirmation page answered HTTP ${statusCode}`);
        return /<title>(.*?)<\/title>/.exec(body)?.[1] ?? `Order ${order.id}`;
      }),
  );
}

function httpGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ statusCode: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          statusCode: response.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      response.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
