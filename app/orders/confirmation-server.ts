// The shop's own web server on 127.0.0.1: it serves each order's confirmation page and records a
// SERVER span, joined to the caller's trace through the W3C `traceparent` header.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  context,
  defaultTextMapGetter,
  SpanKind,
  SpanStatusCode,
  type Tracer,
} from '@opentelemetry/api';
import type { TextMapPropagator } from '@opentelemetry/api';
import {
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  ATTR_URL_PATH,
  ATTR_URL_SCHEME,
} from '@opentelemetry/semantic-conventions';
import type { OrderBook } from './order-book';
import { formatCents, type Order } from './order';

export const CONFIRMATION_ROUTE = '/orders/{id}/confirmation';
const confirmationPath = /^\/orders\/([A-Za-z0-9-]+)\/confirmation$/;

export interface ConfirmationServer {
  readonly baseUrl: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startConfirmationServer(
  orderBook: OrderBook,
  tracer: Tracer,
  propagator: TextMapPropagator,
): Promise<ConfirmationServer> {
  const server = createServer((request, response) => {
    const parentContext = propagator.extract(
      context.active(),
      request.headers,
      defaultTextMapGetter,
    );
    const match = confirmationPath.exec(new URL(request.url ?? '/', 'http://localhost').pathname);
    const spanName = match ? `${request.method} ${CONFIRMATION_ROUTE}` : `${request.method}`;
    const span = tracer.startSpan(
      spanName,
      {
        kind: SpanKind.SERVER,
        attributes: {
          [ATTR_HTTP_REQUEST_METHOD]: request.method ?? 'GET',
          [ATTR_URL_PATH]: request.url ?? '/',
          [ATTR_URL_SCHEME]: 'http',
          [ATTR_SERVER_ADDRESS]: '127.0.0.1',
          [ATTR_SERVER_PORT]: port(server),
          ...(match ? { [ATTR_HTTP_ROUTE]: CONFIRMATION_ROUTE } : {}),
        },
      },
      parentContext,
    );
    response.on('close', () => {
      span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, response.statusCode);
      // Semantic conventions: a SERVER span is an error for 5xx only.
      if (response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    respond(request, response, match?.[1], orderBook);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const listeningPort = port(server);
  return {
    baseUrl: `http://127.0.0.1:${listeningPort}`,
    port: listeningPort,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function port(server: Server): number {
  return (server.address() as AddressInfo | null)?.port ?? 0;
}

function respond(
  request: IncomingMessage,
  response: ServerResponse,
  orderId: string | undefined,
  orderBook: OrderBook,
): void {
  const order = orderId === undefined ? undefined : orderBook.get(orderId);
  if (request.method !== 'GET' || !order) {
    response.writeHead(request.method !== 'GET' ? 405 : 404, { 'content-type': 'text/plain' });
    response.end(request.method !== 'GET' ? 'method not allowed\n' : 'no such order\n');
    return;
  }
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  response.end(renderConfirmationPage(order));
}

export function confirmationTitle(order: Order): string {
  return `Order ${order.id} confirmed`;
}

function renderConfirmationPage(order: Order): string {
  const rows = order.lines
    .map((line) => `<li>${line.quantity} &times; ${escapeHtml(line.name)}</li>`)
    .join('');
  return `<!doctype html><html><head><title>${confirmationTitle(order)}</title></head><body><h1>${confirmationTitle(order)}</h1><ul>${rows}</ul><p>Total: ${formatCents(order.totalCents)}</p></body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
