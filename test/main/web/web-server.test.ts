import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSpanlightCore, type SpanlightCore } from '../../../app/spanlight-core';
import { startWebServer, type WebServer } from '../../../main/web/web-server';
import { makeTempDir } from '../../helpers/temp-dir';

describe('startWebServer', () => {
  let core: SpanlightCore;
  let server: WebServer;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const temp = await makeTempDir();
    cleanup = temp.cleanup;
    core = await createSpanlightCore({ dataDir: temp.dir, env: {} });
    server = await startWebServer({ core, staticDir: temp.dir, port: 0 });
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
      headers: { 'content-type': 'application/json', ...headers },
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

  it('answers null for a trace it does not hold', async () => {
    const response = await post('getTrace', JSON.stringify({ traceId: 'f'.repeat(32) }));
    expect(response.status).toBe(200);
    expect(await response.json()).toBeNull();
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
    const response = await fetch(`${server.url}/api/events`, { signal: controller.signal });
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
