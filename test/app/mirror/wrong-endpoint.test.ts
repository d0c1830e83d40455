// A wrong endpoint must show up as the matching status and message, and never stop the app.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OrderOptions } from '../../../app/contract';
import { createSpanlightCore, type SpanlightCore } from '../../../app/spanlight-core';
import { freePort } from '../../helpers/jaeger';
import { makeTempDir } from '../../helpers/temp-dir';

const ok: OrderOptions = { paymentDeclined: false, emailServerDown: false, slowDatabase: false };
const fastRetries = {
  scheduledDelayMillis: 20,
  initialRetryDelayMillis: 200,
  maxRetryDelayMillis: 500,
};

describe('JaegerMirror with a wrong endpoint', () => {
  let core: SpanlightCore | undefined;
  let server: Server | undefined;
  const cleanups: (() => Promise<void>)[] = [];

  afterEach(async () => {
    await core?.close();
    core = undefined;
    if (server) {
      // A server that never answers keeps its connections open: end them, or close() waits on them.
      server.closeAllConnections();
      await new Promise((resolve) => server!.close(resolve));
    }
    server = undefined;
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  async function start(env: NodeJS.ProcessEnv): Promise<SpanlightCore> {
    const temp = await makeTempDir();
    cleanups.push(temp.cleanup);
    core = await createSpanlightCore({
      dataDir: temp.dir,
      env: { OTEL_EXPORTER_OTLP_TIMEOUT: '1000', ...env },
      mirrorOptions: { tuning: fastRetries },
    });
    await core.commands.updateSettings({ mirrorEnabled: true });
    return core;
  }

  async function answering(status: number): Promise<string> {
    server = createServer((request, response) => {
      request.resume();
      request.on('end', () => response.writeHead(status).end(`no traces here (${status})`));
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`;
  }

  async function expectFailing(app: SpanlightCore, lastError: string | RegExp) {
    await vi.waitFor(
      async () => {
        const status = await app.commands.getMirrorStatus({});
        expect(status.state).toBe('failing');
        expect(status.lastError).toMatch(lastError);
        expect(status.counts).toEqual({ exported: 0, failed: 6, dropped: 0, queued: 0 });
      },
      { timeout: 8_000, interval: 50 },
    );
  }

  it('reports a closed port as connection refused, with when it retries', async () => {
    const port = await freePort();
    const app = await start({
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `http://127.0.0.1:${port}/v1/traces`,
    });
    const placed = await app.commands.placeOrder(ok);
    expect(placed.status).toBe('ok');
    await expectFailing(app, `connection refused at 127.0.0.1:${port}`);
    const { retryAt, lastErrorAt } = await app.commands.getMirrorStatus({});
    expect(Date.parse(retryAt!)).toBeGreaterThan(Date.parse(lastErrorAt!));
  });

  it('reports an HTTP 404 with the status and the endpoint', async () => {
    const endpoint = await answering(404);
    const app = await start({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: endpoint });
    await app.commands.placeOrder(ok);
    await expectFailing(app, `HTTP 404 Not Found from ${endpoint}: no traces here (404)`);
  });

  it('reports an HTTP 500 with the status and the endpoint', async () => {
    const endpoint = await answering(500);
    const app = await start({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: endpoint });
    await app.commands.placeOrder(ok);
    await expectFailing(app, `HTTP 500 Internal Server Error from ${endpoint}`);
  });

  it('fails every span with the reason when the environment gives a URL that is not one', async () => {
    const app = await start({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'not a url' });
    expect((await app.commands.getSettings({})).notices).toContain(
      'The Jaeger endpoint from OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is unusable: "not a url" is not a URL (expected e.g. http://localhost:4318/v1/traces)',
    );
    expect((await app.commands.placeOrder(ok)).status).toBe('ok');
    await expectFailing(
      app,
      '"not a url" is not a URL (expected e.g. http://localhost:4318/v1/traces)',
    );
  });

  it('refuses a URL that is not one from the user and keeps the previous endpoint', async () => {
    const app = await start({});
    await app.commands.updateSettings({ endpoint: 'http://127.0.0.1:9/v1/traces' });
    await expect(app.commands.updateSettings({ endpoint: 'localhost 4318' })).rejects.toThrow(
      'The endpoint was not changed: "localhost 4318" is not a URL',
    );
    await expect(app.commands.updateSettings({ endpoint: 'ftp://example.com/' })).rejects.toThrow(
      'is not an http or https URL',
    );
    const { settings, mirror } = await app.commands.getSettings({});
    expect(settings.mirror.endpoint).toBe('http://127.0.0.1:9/v1/traces');
    expect(mirror.endpoint).toBe('http://127.0.0.1:9/v1/traces');
    expect((await app.commands.getMirrorStatus({})).endpoint).toBe('http://127.0.0.1:9/v1/traces');
  });

  it('sends the headers from OTEL_EXPORTER_OTLP_HEADERS, then the ones saved in the settings', async () => {
    const received: Record<string, string | string[] | undefined>[] = [];
    server = createServer((request, response) => {
      received.push(request.headers);
      request.resume();
      request.on('end', () => response.writeHead(200).end('{}'));
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`;
    const app = await start({
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint.replace('/v1/traces', ''),
      OTEL_EXPORTER_OTLP_HEADERS: 'x-tenant=from%20env',
    });
    // The six spans of an order may leave in one batch or two: check every request.
    await app.commands.placeOrder(ok);
    await vi.waitFor(async () =>
      expect(await app.commands.getMirrorStatus({})).toMatchObject({
        state: 'sending',
        counts: { exported: 6, failed: 0, dropped: 0, queued: 0 },
      }),
    );
    expect(received.length).toBeGreaterThan(0);
    for (const headers of received) {
      expect(headers['x-tenant']).toBe('from env');
      expect(headers['content-type']).toBe('application/json');
    }

    const sentBefore = received.length;
    await app.commands.updateSettings({ headers: { 'x-tenant': 'from settings', 'x-other': '1' } });
    await app.commands.placeOrder(ok);
    await vi.waitFor(async () =>
      expect((await app.commands.getMirrorStatus({})).counts.exported).toBe(12),
    );
    expect(received.length).toBeGreaterThan(sentBefore);
    for (const headers of received.slice(sentBefore)) {
      expect(headers).toMatchObject({ 'x-tenant': 'from settings', 'x-other': '1' });
    }
  });

  it('keeps placing orders quickly while the endpoint never answers', async () => {
    // A server that accepts the connection and never responds: the worst case for a blocking exporter.
    server = createServer(() => undefined);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`;
    const app = await start({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: endpoint });
    const started = Date.now();
    for (let i = 0; i < 20; i++) await app.commands.placeOrder(ok);
    // An exporter that blocked would take the 1 s timeout per order (20 s); these take ~30 ms each.
    expect(Date.now() - started).toBeLessThan(10_000);
    await vi.waitFor(
      async () =>
        expect((await app.commands.getMirrorStatus({})).lastError).toBe(
          'no answer from 127.0.0.1:' + new URL(endpoint).port + ' within 1000 ms',
        ),
      { timeout: 8_000, interval: 100 },
    );
    server.closeAllConnections();
  });
});
