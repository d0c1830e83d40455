// The client against stand-ins that answer as a Jaeger (and what may sit in front of one) does:
// the answers are the shapes the real Jaeger v2.13 gave (see test/fixtures/trace-files/jaeger-*);
// the same client against the real Jaeger is jaeger-query-client.jaeger.test.ts.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { JaegerQueryClient } from '../../../app/sources/jaeger-query-client';
import { SourceError } from '../../../app/sources/source-error';
import { startStubServer, type StubServer } from '../../helpers/stub-server';
import { fixture } from '../trace-files/fixtures';

type Route = (request: IncomingMessage, response: ServerResponse, url: URL) => void;

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  response.end(typeof body === 'string' ? body : JSON.stringify(body));
}

const notFoundPage = (response: ServerResponse) => {
  response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  response.end('404 page not found\n');
};

async function failureOf(promise: Promise<unknown>): Promise<SourceError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SourceError) return error;
    throw error;
  }
  throw new Error('expected a SourceError');
}

const TRACE_A = '4bf92f3577b34da6a3ce929d0e0e4736';

describe('JaegerQueryClient', () => {
  let server: StubServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function serve(routes: Record<string, Route>): Promise<StubServer> {
    server = await startStubServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://stub');
      const route = routes[url.pathname] ?? routes['*'];
      if (route) route(request, response, url);
      else notFoundPage(response);
    });
    return server;
  }

  const client = (stub: StubServer, options: { authorization?: string; prefix?: string } = {}) =>
    new JaegerQueryClient({
      baseUrl: `${stub.url}${options.prefix ?? ''}`,
      ...(options.authorization && { authorization: options.authorization }),
      timeoutMs: 5_000,
    });

  it('lists services and operations over api/v3, sorted', async () => {
    const stub = await serve({
      '/api/v3/services': (_q, r) => json(r, 200, { services: ['payments', 'checkout'] }),
      '/api/v3/operations': (_q, r, url) =>
        json(r, 200, {
          operations: [
            { name: 'POST /checkout', spanKind: 'server' },
            { name: `INSERT ${url.searchParams.get('service')}`, spanKind: 'client' },
          ],
        }),
    });
    const jaeger = client(stub);
    expect(await jaeger.services()).toEqual(['checkout', 'payments']);
    expect(jaeger.api).toBe('v3');
    expect(await jaeger.operations('checkout')).toEqual([
      { name: 'INSERT checkout', spanKind: 'client' },
      { name: 'POST /checkout', spanKind: 'server' },
    ]);
  });

  it('takes Jaeger’s {} for no services', async () => {
    const stub = await serve({ '/api/v3/services': (_q, r) => json(r, 200, '{}') });
    expect(await client(stub).services()).toEqual([]);
  });

  it('falls back to the older /api when api/v3 answers 404', async () => {
    const stub = await serve({
      '/api/services': (_q, r) =>
        json(r, 200, { data: ['checkout'], total: 1, limit: 0, offset: 0, errors: null }),
      '/api/operations': (_q, r) =>
        json(r, 200, { data: [{ name: 'GET /cart', spanKind: 'server' }], errors: null }),
    });
    const jaeger = client(stub);
    expect(await jaeger.services()).toEqual(['checkout']);
    expect(jaeger.api).toBe('v2');
    expect(await jaeger.operations('checkout')).toEqual([
      { name: 'GET /cart', spanKind: 'server' },
    ]);
    expect(stub.requests.map((r) => r.url)).toEqual([
      '/api/v3/services',
      '/api/services',
      '/api/services',
      '/api/operations?service=checkout',
    ]);
  });

  it('asks the old UI’s operations route of a Jaeger before /api/operations', async () => {
    const stub = await serve({
      '/api/services': (_q, r) => json(r, 200, { data: ['a b'] }),
      '/api/services/a%20b/operations': (_q, r) => json(r, 200, { data: ['x', 'w'] }),
    });
    expect(await client(stub).operations('a b')).toEqual([
      { name: 'w', spanKind: '' },
      { name: 'x', spanKind: '' },
    ]);
  });

  it('names both URLs that answered 404 when there is no Jaeger API at all', async () => {
    const stub = await serve({});
    const error = await failureOf(client(stub, { prefix: '/tracing' }).services());
    expect(error.kind).toBe('api-not-found');
    expect(error.message).toBe(
      `No Jaeger query API at ${stub.url}/tracing: ${stub.url}/tracing/api/v3/services and ${stub.url}/tracing/api/services both answered 404 Not Found. Check the URL and its path prefix (the base_path Jaeger runs under, e.g. https://example.com/jaeger).`,
    );
  });

  it('says a web page is not a Jaeger query API', async () => {
    const stub = await serve({
      '*': (_q, r) => {
        r.writeHead(200, { 'content-type': 'text/html' });
        r.end('<!doctype html><title>Welcome to nginx!</title>');
      },
    });
    const error = await failureOf(client(stub).services());
    expect(error.kind).toBe('not-jaeger');
    expect(error.message).toBe(
      `${stub.url}/api/v3/services answered with an HTML page instead of JSON: this is not Jaeger's query API. Check the URL and its path prefix (a login page of a proxy in front of Jaeger looks like this too).`,
    );
  });

  it('reads the right path prefix from Jaeger UI’s page when the prefix is wrong', async () => {
    const page = `<!DOCTYPE html>\n<html lang="en">\n    <meta charset="UTF-8">\n    <base href="/jaeger/" data-inject-target="BASE_URL"/>\n    <title>Test Page</title>`;
    const stub = await serve({
      '*': (_q, r) => {
        r.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        r.end(page);
      },
    });
    const error = await failureOf(client(stub, { prefix: '/wrong' }).services());
    expect(error).toMatchObject({
      kind: 'not-jaeger',
      message: `${stub.url}/wrong/api/v3/services answered with Jaeger UI's page instead of its query API: the path prefix is wrong. That Jaeger runs under /jaeger/: use ${stub.url}/jaeger as the URL.`,
    });
  });

  it('says JSON of another API is not Jaeger’s', async () => {
    const stub = await serve({ '*': (_q, r) => json(r, 200, { status: 'UP' }) });
    const error = await failureOf(client(stub).services());
    expect(error.kind).toBe('not-jaeger');
    expect(error.message).toContain("answered JSON that is not Jaeger's");
  });

  describe('a source that wants an Authorization header', () => {
    const guarded = (status: 401 | 403) =>
      serve({
        '*': (request, response) => {
          if (request.headers.authorization === 'Bearer right')
            json(response, 200, { services: [] });
          else json(response, status, 'go away');
        },
      });

    it('says it is missing when the source has none', async () => {
      const stub = await guarded(401);
      const error = await failureOf(client(stub).services());
      expect(error).toMatchObject({
        kind: 'unauthorized',
        message: `127.0.0.1:${stub.port} answered 401 Unauthorized: it needs an Authorization header, and this source has none. Add the Authorization value (such as "Bearer <token>") in the source's settings.`,
      });
    });

    it('says it was not accepted when the source has a wrong one', async () => {
      const stub = await guarded(401);
      const error = await failureOf(client(stub, { authorization: 'Bearer wrong' }).services());
      expect(error.message).toBe(
        `127.0.0.1:${stub.port} answered 401 Unauthorized: it did not accept the Authorization value (wrong or expired?). Check it in the source's settings.`,
      );
      expect(stub.requests[0]!.headers.authorization).toBe('Bearer wrong');
    });

    it('words a 403 too, and works with the right value', async () => {
      const stub = await guarded(403);
      expect((await failureOf(client(stub, { authorization: 'x' }).services())).message).toContain(
        'answered 403 Forbidden: the Authorization value is not allowed to read traces there',
      );
      expect(await client(stub, { authorization: 'Bearer right' }).services()).toEqual([]);
    });
  });

  it('opens a trace by id: the spans of the answer, ready for the store', async () => {
    const stub = await serve({
      '/api/v3/services': (_q, r) => json(r, 200, { services: ['checkout'] }),
      [`/api/v3/traces/${TRACE_A}`]: (_q, r) => json(r, 200, fixture('jaeger-api-v3-trace.json')),
    });
    const remote = await client(stub).getTrace(TRACE_A);
    expect(remote.api).toBe('v3');
    expect(remote.warnings).toEqual([]);
    expect(remote.spans.map(({ span }) => span.name)).toEqual([
      'POST /checkout',
      'INSERT orders',
      'charge card',
    ]);
  });

  it('reads a trace streamed as several {"result"} chunks', async () => {
    const stub = await serve({
      '/api/v3/services': (_q, r) => json(r, 200, { services: [] }),
      '*': (_q, r) => {
        r.writeHead(200, { 'content-type': 'application/x-ndjson' });
        r.end(fixture('jaeger-api-v3-stream.ndjson'));
      },
    });
    const remote = await client(stub).getTrace(TRACE_A);
    expect(remote.spans).toHaveLength(4);
  });

  it('says a trace is not there when Jaeger answers 404 for it, over either API', async () => {
    const v3 = await serve({
      '/api/v3/services': (_q, r) => json(r, 200, { services: [] }),
      '*': (_q, r) => json(r, 404, { error: { httpCode: 404, message: 'No traces found' } }),
    });
    const error = await failureOf(client(v3).getTrace(TRACE_A));
    expect(error).toMatchObject({
      kind: 'trace-not-found',
      message: `127.0.0.1:${v3.port} has no trace ${TRACE_A} (Jaeger answered 404 "No traces found"). It may be older than that Jaeger keeps traces, or in another Jaeger.`,
    });
    await v3.close();
    const v2 = await serve({
      '/api/services': (_q, r) => json(r, 200, { data: [] }),
      '*': (_q, r) => json(r, 404, { data: null, errors: [{ code: 404, msg: 'trace not found' }] }),
    });
    expect((await failureOf(client(v2).getTrace(TRACE_A))).kind).toBe('trace-not-found');
  });

  it('sends a search as api/v3 query parameters, and takes 404 "No traces found" as none', async () => {
    const stub = await serve({
      '/api/v3/services': (_q, r) => json(r, 200, { services: [] }),
      '/api/v3/traces': (_q, r) =>
        json(r, 404, { error: { httpCode: 404, message: 'No traces found' } }),
    });
    const found = await client(stub).searchTraces({
      service: 'checkout',
      operation: 'POST /checkout',
      startAfterUnixMillis: Date.UTC(2026, 0, 2, 3, 4, 5, 600),
      startBeforeUnixMillis: Date.UTC(2026, 0, 2, 4, 4, 5, 600),
      minDurationMicros: 1500,
      maxDurationMicros: 2.5,
      limit: 7,
    });
    expect(found.spans).toEqual([]);
    const sent = new URL(stub.requests[1]!.url, 'http://stub').searchParams;
    expect(Object.fromEntries(sent)).toEqual({
      'query.service_name': 'checkout',
      'query.operation_name': 'POST /checkout',
      'query.start_time_min': '2026-01-02T03:04:05.600Z',
      'query.start_time_max': '2026-01-02T04:04:05.600Z',
      'query.num_traces': '7',
      'query.duration_min': '1500000ns',
      'query.duration_max': '2500ns',
    });
  });

  it('searches with attributes over /api/traces, whose tags Jaeger matches', async () => {
    const stub = await serve({
      '/api/v3/services': (_q, r) => json(r, 200, { services: [] }),
      '/api/traces': (_q, r) => json(r, 200, { data: [], errors: null }),
    });
    await client(stub).searchTraces({
      service: 'checkout',
      attributes: [
        { key: 'customer.tier', value: 'gold' },
        { key: 'http.response.status_code', value: '500' },
      ],
      startAfterUnixMillis: 1_700_000_000_000,
      startBeforeUnixMillis: 1_700_000_360_000,
      limit: 20,
    });
    const sent = new URL(stub.requests[1]!.url, 'http://stub');
    expect(sent.pathname).toBe('/api/traces');
    expect(Object.fromEntries(sent.searchParams)).toEqual({
      service: 'checkout',
      start: '1700000000000000',
      end: '1700000360000000',
      limit: '20',
      tags: '{"customer.tier":"gold","http.response.status_code":"500"}',
    });
  });

  it('quotes Jaeger’s own error message, and says what a 502 from a proxy means', async () => {
    const stub = await serve({
      '/api/v3/services': (_q, r) => json(r, 200, { services: [] }),
      '/api/v3/traces': (_q, r) =>
        json(r, 500, {
          error: {
            httpCode: 500,
            message: 'search depth must be greater than 0 and less than max traces',
          },
        }),
      '*': (_q, r) => {
        r.writeHead(502, { 'content-type': 'text/html' });
        r.end('<html>Bad Gateway</html>');
      },
    });
    const query = { service: 's', startAfterUnixMillis: 0, startBeforeUnixMillis: 1, limit: 1 };
    expect((await failureOf(client(stub).searchTraces(query))).message).toBe(
      `127.0.0.1:${stub.port} answered 500 Internal Server Error: "search depth must be greater than 0 and less than max traces".`,
    );
    expect((await failureOf(client(stub).getTrace(TRACE_A))).message).toBe(
      `127.0.0.1:${stub.port} answered 502 Bad Gateway: an HTML page. A proxy in front of Jaeger could not get an answer from it; try again later.`,
    );
  });

  it('leaves out a span it cannot read and names it, keeping the others', async () => {
    const broken = fixture('jaeger-api-v3-trace.json').replace('"b7ad6b7169203331"', '"xyz"');
    const stub = await serve({
      '/api/v3/services': (_q, r) => json(r, 200, { services: [] }),
      '*': (_q, r) => json(r, 200, broken),
    });
    const remote = await client(stub).getTrace(TRACE_A);
    expect(remote.spans).toHaveLength(2);
    expect(remote.warnings).toEqual([
      'resourceSpans[0].scopeSpans[0].spans[1].spanId: expected 16 hex digits, got "xyz"',
    ]);
  });

  it('says which field of an older API answer it cannot read', async () => {
    const stub = await serve({
      '/api/services': (_q, r) => json(r, 200, { data: [] }),
      '*': (_q, r) =>
        json(r, 200, {
          data: [
            {
              traceID: 'ab',
              spans: [{ traceID: 'ab', spanID: 'zz', processID: 'p1' }],
              processes: { p1: { serviceName: 's' } },
            },
          ],
        }),
    });
    const error = await failureOf(client(stub).getTrace(TRACE_A));
    expect(error.kind).toBe('invalid-answer');
    expect(error.message).toBe(
      `${stub.url}/api/traces/${TRACE_A} answered JSON Spanlight cannot read as traces: data[0].spans[0].spanID: expected up to 16 hex digits, got "zz"`,
    );
  });

  it('lets each request waiting for the first probe of the API be cancelled on its own', async () => {
    // A source that takes requests and never answers: every request waits for the one probe.
    const stub = await serve({ '*': () => undefined });
    const client = new JaegerQueryClient({ baseUrl: stub.url, timeoutMs: 20_000 });
    const services = new AbortController();
    const open = new AbortController();
    const waitingForServices = failureOf(client.services({ signal: services.signal }));
    const waitingForTrace = failureOf(client.getTrace(TRACE_A, { signal: open.signal }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    open.abort();
    expect((await waitingForTrace).kind).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(1_000);
    // The other request still waits for the probe; the probe stops once it is cancelled too.
    const stillWaiting = await Promise.race([
      waitingForServices.then(() => false),
      new Promise((resolve) => setTimeout(() => resolve(true), 200)),
    ]);
    expect(stillWaiting).toBe(true);
    expect(stub.requests).toHaveLength(1);
    services.abort();
    expect((await waitingForServices).kind).toBe('cancelled');
  });
});
