import { mkdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OtlpSpanKind, type SpanDetail } from '../../../app/contract';
import { MAX_VALUE_DEPTH } from '../../../app/model/any-value-depth';
import { attributeValueText } from '../../../app/model/attribute-text';
import {
  decodeTypedArrayFrame,
  TYPED_ARRAY_FRAME_TYPE,
} from '../../../app/model/typed-array-frame';
import { createSpanlightCore, type SpanlightCore } from '../../../app/spanlight-core';
import { startWebServer, type WebServer } from '../../../main/web/web-server';
import { deepAnyValue } from '../../helpers/deep-values';
import { makeTempDir } from '../../helpers/temp-dir';
import { spanIdsOf } from '../../../app/model/outline-span-ids';

const TOKEN = 'test-token-0123456789abcdef';
const AUTHORIZATION = `Bearer ${TOKEN}`;

describe('startWebServer', () => {
  let core: SpanlightCore;
  let server: WebServer;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const temp = await makeTempDir();
    cleanup = temp.cleanup;
    core = await createSpanlightCore({ dataDir: temp.dir, env: {} });
    server = await startWebServer({ core, staticDir: temp.dir, port: 0, token: TOKEN });
  });
  afterAll(async () => {
    await server.close();
    await core.close();
    await cleanup();
  });

  const post = (command: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/api/${command}`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', authorization: AUTHORIZATION, ...headers },
    });

  it('listens on 127.0.0.1 only', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers a command with its JSON result', async () => {
    const placed = await post('placeOrder', '{"paymentDeclined":false}');
    expect(placed.status).toBe(200);
    const { traceId, status } = (await placed.json()) as { traceId: string; status: string };
    expect(status).toBe('ok');
    const list = (await (await post('listTraces', '{}')).json()) as {
      traces: { traceId: string }[];
    };
    expect(list.traces.map((t) => t.traceId)).toContain(traceId);
    const trace = (await (await post('getTrace', JSON.stringify({ traceId }))).json()) as {
      spans: unknown[];
    };
    expect(trace.spans).toHaveLength(6);
  });

  it('answers an outline as a typed-array frame to the page, and as JSON lists to anyone else', async () => {
    const { traceId } = (await (await post('placeOrder', '{"paymentDeclined":false}')).json()) as {
      traceId: string;
    };
    const body = JSON.stringify({ traceId });
    const expected = (await core.commands.getTraceOutline({ traceId }))!;

    const framed = await post('getTraceOutline', body, {
      accept: `${TYPED_ARRAY_FRAME_TYPE}, application/json`,
    });
    expect(framed.headers.get('content-type')).toBe(TYPED_ARRAY_FRAME_TYPE);
    const outline = decodeTypedArrayFrame(await framed.arrayBuffer());
    expect(outline).toEqual(expected);
    expect(outline.startUs).toBeInstanceOf(Float64Array);

    const json = await post('getTraceOutline', body);
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    const listed = (await json.json()) as Record<string, unknown>;
    expect(listed.parents).toEqual(Array.from(expected.parents));
    expect(listed.startUs).toEqual(Array.from(expected.startUs));
    expect(listed.spanIds).toEqual(spanIdsOf(expected));
    expect(listed).not.toHaveProperty('spanIdHalves');
  });

  it('answers 404 for a trace or span it does not hold', async () => {
    const traceId = 'f'.repeat(32);
    for (const command of ['getTrace', 'getTraceOutline', 'getTraceEventAttributes']) {
      const response = await post(command, JSON.stringify({ traceId }));
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({
        error: `trace ${traceId} is not in the store`,
        notFound: true,
      });
    }
    const span = await post('getSpan', JSON.stringify({ traceId, spanId: 'a'.repeat(16) }));
    expect(span.status).toBe(404);
    expect(((await span.json()) as { error: string }).error).toBe(
      `span ${'a'.repeat(16)} of trace ${traceId} is not in the store`,
    );
    const exported = await post('exportTrace', JSON.stringify({ traceId, format: 'otlp-json' }));
    expect(exported.status).toBe(404);
    expect(await exported.json()).toEqual({ error: `trace ${traceId} is not in the store` });
  });

  it('answers 404 for an unknown command', async () => {
    const response = await post('dropDatabase', '{}');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'unknown command "dropDatabase"' });
  });

  it('answers 400 with a message for malformed JSON and for an invalid request', async () => {
    const malformed = await post('listTraces', '{"limit": 3');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: string }).error).toMatch(
      /^the request body is not valid JSON/,
    );
    const invalid = await post('placeOrder', '{"paymentDeclined":"yes"}');
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({ error: '"paymentDeclined" must be true or false' });
    const notObject = await post('listTraces', '[1,2]');
    expect(notObject.status).toBe(400);
  });

  it('answers 405 to a command sent with GET', async () => {
    const response = await fetch(`${server.url}/api/listTraces`);
    expect(response.status).toBe(405);
  });

  it('refuses commands from another origin and requests for another host', async () => {
    const crossSite = await post('placeOrder', '{}', { origin: 'http://evil.example' });
    expect(crossSite.status).toBe(403);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${server.url}/api/listTraces`,
        { method: 'POST', headers: { host: 'rebound.example' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(403);
  });

  it('streams tracesChanged events over server-sent events', async () => {
    const controller = new AbortController();
    const response = await fetch(`${server.url}/api/events`, {
      signal: controller.signal,
      headers: { authorization: AUTHORIZATION },
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body!.getReader();
    const placed = (await (await post('placeOrder', '{}')).json()) as { traceId: string };
    let text = '';
    const decoder = new TextDecoder();
    while (!text.includes(placed.traceId)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
    controller.abort();
    const frame = text.split('\n\n').find((part) => part.includes(placed.traceId))!;
    expect(frame).toMatch(/^event: tracesChanged\ndata: /);
    const payload = JSON.parse(frame.split('data: ')[1]!) as {
      changedTraceIds: string[];
      totalTraces: number;
    };
    expect(payload.changedTraceIds).toContain(placed.traceId);
    expect(payload.totalTraces).toBeGreaterThan(0);
  });

  it('refuses to serve files outside its static directory', async () => {
    const response = await fetch(`${server.url}/..%2f..%2fetc%2fpasswd`);
    expect(response.status).toBe(404);
  });
});

/** One raw HTTP exchange, for requests fetch will not make (bad URLs, lying Content-Length). */
function rawRequest(
  url: string,
  options: {
    method?: string;
    path: string;
    headers?: Record<string, string | number>;
    body?: Buffer | string;
    slowBody?: boolean;
  },
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}${options.path}`,
      { method: options.method ?? 'POST', headers: options.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('startWebServer: the API token and status codes', () => {
  let core: SpanlightCore;
  let server: WebServer;
  let cleanup: () => Promise<void>;
  let staticDir: string;

  beforeAll(async () => {
    const temp = await makeTempDir();
    cleanup = temp.cleanup;
    staticDir = path.join(temp.dir, 'renderer');
    await mkdir(staticDir);
    await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>Spanlight</title>');
    core = await createSpanlightCore({ dataDir: temp.dir, env: {} });
    server = await startWebServer({ core, staticDir, port: 0, token: TOKEN });
  });
  afterAll(async () => {
    await server.close();
    await core.close();
    await cleanup();
  });

  const json = { 'content-type': 'application/json' };
  const withToken = { ...json, authorization: AUTHORIZATION };

  it('gives the page address with the token', () => {
    expect(server.pageUrl).toBe(`${server.url}/?token=${TOKEN}`);
  });

  it('answers 401 to a command or the event stream without the right token', async () => {
    for (const authorization of [
      undefined,
      'Bearer wrong',
      `Bearer ${TOKEN}x`,
      TOKEN,
      `Basic ${TOKEN}`,
    ]) {
      const headers = authorization ? { ...json, authorization } : json;
      const command = await fetch(`${server.url}/api/listTraces`, {
        method: 'POST',
        headers,
        body: '{}',
      });
      expect(command.status).toBe(401);
      expect(command.headers.get('www-authenticate')).toBe('Bearer realm="spanlight"');
      expect(((await command.json()) as { error: string }).error).toMatch(/Authorization: Bearer/);
      const events = await fetch(`${server.url}/api/events`, { headers });
      expect(events.status).toBe(401);
      await events.body?.cancel();
    }
    expect(core.store.traceCount).toBe(0);
  });

  it('checks the token before reading the body or running the command', async () => {
    const placed = await fetch(`${server.url}/api/placeOrder`, {
      method: 'POST',
      headers: json,
      body: '{}',
    });
    expect(placed.status).toBe(401);
    expect(core.store.traceCount).toBe(0);
  });

  it('serves the page itself without a token, and tells browsers to send no referrer', async () => {
    const page = await fetch(`${server.url}/?token=${TOKEN}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await page.text()).toContain('<title>Spanlight</title>');
  });

  it('answers 415 to a body that is not JSON, except the bare text importTraceText takes', async () => {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/jsonx',
    ]) {
      const response = await fetch(`${server.url}/api/listTraces`, {
        method: 'POST',
        headers: { authorization: AUTHORIZATION, 'content-type': type },
        body: '{}',
      });
      expect(response.status).toBe(415);
      expect(((await response.json()) as { error: string }).error).toBe(
        `listTraces takes application/json, not "${type}"`,
      );
    }
    const noType = await rawRequest(server.url, {
      path: '/api/listTraces',
      headers: { authorization: AUTHORIZATION, 'content-length': 2 },
      body: '{}',
    });
    expect(noType.status).toBe(415);
    const empty = await rawRequest(server.url, {
      path: '/api/listTraces',
      headers: { authorization: AUTHORIZATION, 'content-length': 0 },
    });
    expect(empty.status).toBe(200);
    const charset = await fetch(`${server.url}/api/listTraces`, {
      method: 'POST',
      headers: { authorization: AUTHORIZATION, 'content-type': 'application/json; charset=utf-8' },
      body: '{}',
    });
    expect(charset.status).toBe(200);
  });

  it('answers 413 at once when the declared size is over the limit, before the body arrives', async () => {
    const response = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        `${server.url}/api/listTraces`,
        { method: 'POST', headers: { ...withToken, 'content-length': 50 * 1024 * 1024 } },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      // Only the headers and a first bit: the answer must not wait for the other 50 MB.
      req.write('{"padding":"');
    });
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body)).toEqual({ error: 'request body larger than 1048576 bytes' });
  });

  it('answers 413 when a body without a declared size grows past the limit', async () => {
    const response = await rawRequest(server.url, {
      path: '/api/listTraces',
      headers: { ...withToken, 'transfer-encoding': 'chunked' },
      body: Buffer.alloc(3 * 1024 * 1024, 'x'),
    });
    expect(response.status).toBe(413);
  });

  it('answers 400 to a malformed URL, Content-Length or body', async () => {
    for (const path of ['/%E0%A4%A', '/api/%E0%A4%A', '/%', '/api/list%ZZ']) {
      const response = await rawRequest(server.url, { method: 'GET', path });
      expect(response.status).toBe(400);
      expect(JSON.parse(response.body)).toEqual({
        error: 'the request URL has a malformed %-escape',
      });
    }
    const badLength = await rawRequest(server.url, {
      path: '/api/listTraces',
      headers: { ...withToken, 'content-length': 'ten' },
      body: '{}',
    });
    expect(badLength.status).toBe(400);
    for (const body of [
      '{',
      '[1,2]',
      '"text"',
      'null x',
      '{"limit":-1}',
      '{"query":{"service":5}}',
    ]) {
      const response = await fetch(`${server.url}/api/listTraces`, {
        method: 'POST',
        headers: withToken,
        body,
      });
      expect(response.status).toBe(400);
    }
  });

  it('answers 405 with the allowed methods', async () => {
    const get = await fetch(`${server.url}/api/listTraces`, { headers: withToken });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const postEvents = await fetch(`${server.url}/api/events`, {
      method: 'POST',
      headers: withToken,
    });
    expect(postEvents.status).toBe(405);
    expect(postEvents.headers.get('allow')).toBe('GET');
    const postPage = await fetch(`${server.url}/index.html`, { method: 'POST' });
    expect(postPage.status).toBe(405);
  });

  it('answers 404 for an unknown path, and 400 for a command only the desktop app can do', async () => {
    expect((await fetch(`${server.url}/nothing-here.js`)).status).toBe(404);
    const save = await fetch(`${server.url}/api/saveTraceToFile`, {
      method: 'POST',
      headers: withToken,
      body: JSON.stringify({ traceId: 'a'.repeat(32) }),
    });
    expect(save.status).toBe(400);
  });

  it('sends a stored value nested 100,000 levels deep with its deep parts cut', async () => {
    const traceId = 'deed'.repeat(8);
    core.store.addSpans([
      {
        span: {
          traceId,
          spanId: 'deed'.repeat(4),
          name: 'deep',
          kind: OtlpSpanKind.INTERNAL,
          startTimeUnixNano: '1700000000000000000',
          endTimeUnixNano: '1700000000000001000',
          attributes: [{ key: 'deep', value: deepAnyValue(100_000) }],
        },
        resource: { attributes: [] },
        scope: { name: 'test' },
      },
    ]);
    const response = await fetch(`${server.url}/api/getSpan`, {
      method: 'POST',
      headers: withToken,
      body: JSON.stringify({ traceId, spanId: 'deed'.repeat(4) }),
    });
    expect(response.status).toBe(200);
    const detail = (await response.json()) as SpanDetail;
    expect(attributeValueText(detail.span.attributes![0]!.value)).toBe(
      `${'['.repeat(MAX_VALUE_DEPTH)}…${']'.repeat(MAX_VALUE_DEPTH)}`,
    );
    const listed = await fetch(`${server.url}/api/listTraces`, {
      method: 'POST',
      headers: withToken,
      body: '{}',
    });
    expect(listed.status).toBe(200);
  });
});
