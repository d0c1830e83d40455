// The contract's source commands through the core, each request checked by the contract's schemas
// as a host does: the list (settings.json and --jaeger-url), remote failures as answers, cancel,
// progress, keep a copy. Jaeger itself is played by a stub answering what a real one answered
// (test/fixtures/trace-files/jaeger-*); source-service.jaeger.test.ts runs against the real one.
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  CommandName,
  CommandRequest,
  CommandResponse,
  SpanlightEvent,
} from '../../../app/contract';
import { InvalidRequestError, validateRequest } from '../../../app/contract-validation';
import { NotFoundError } from '../../../app/not-found-error';
import { createSpanlightCore, type SpanlightCore } from '../../../app/spanlight-core';
import { closedPort, startStubServer, type StubServer } from '../../helpers/stub-server';
import { makeTempDir } from '../../helpers/temp-dir';
import { fixture } from '../trace-files/fixtures';
import { spanIdsOf } from '../../../app/model/outline-span-ids';

const TRACE_A = '4bf92f3577b34da6a3ce929d0e0e4736';

describe('the source commands of the core', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let core: SpanlightCore | undefined;
  let stub: StubServer | undefined;
  const events: SpanlightEvent[] = [];

  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
    events.length = 0;
  });
  afterEach(async () => {
    await core?.close();
    core = undefined;
    await stub?.close();
    stub = undefined;
    await cleanup();
  });

  async function open(options: { sources?: { baseUrl: string }[] } = {}): Promise<SpanlightCore> {
    core = await createSpanlightCore({ dataDir: dir, env: {}, ...options });
    core.subscribe((event) => events.push(event));
    return core;
  }

  /** As a host does it: the request checked by the contract's schema, then the command. */
  async function call<C extends CommandName>(name: C, input: unknown): Promise<CommandResponse<C>> {
    const request: CommandRequest<C> = validateRequest(name, input);
    return (core!.commands[name] as (request: CommandRequest<C>) => Promise<CommandResponse<C>>)(
      request,
    );
  }

  /** A stand-in Jaeger: api/v3 with the fixture trace; `silent` paths never answer. */
  async function fakeJaeger(silent: readonly string[] = []): Promise<StubServer> {
    stub = await startStubServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://stub');
      if (silent.includes(url.pathname)) return;
      response.setHeader('content-type', 'text/plain; charset=utf-8');
      if (url.pathname === '/api/v3/services') response.end('{"services":["checkout","payments"]}');
      else if (url.pathname === `/api/v3/traces/${TRACE_A}`)
        response.end(fixture('jaeger-api-v3-trace.json'));
      else if (url.pathname === '/api/v3/traces')
        response.end(fixture('jaeger-api-v3-chunks.json'));
      else {
        response.statusCode = 404;
        response.end('{"error":{"httpCode":404,"message":"No traces found"}}');
      }
    });
    return stub;
  }

  it('adds a source, saves it, and keeps its Authorization value owner-only and to itself', async () => {
    await open();
    expect(await call('listSources', {})).toEqual({ sources: [] });
    const { source, sources } = await call('addSource', {
      baseUrl: 'https://jaeger.example.com/jaeger/',
      authorization: 'Bearer s3cret',
    });
    expect(source).toEqual({
      id: expect.stringMatching(/^jaeger-[0-9a-f]{8}$/),
      name: 'jaeger.example.com/jaeger',
      baseUrl: 'https://jaeger.example.com/jaeger',
      hasAuthorization: true,
      saved: true,
    });
    expect(sources).toEqual([source]);
    const file = path.join(dir, 'settings.json');
    expect(JSON.parse(await readFile(file, 'utf8')).sources).toEqual([
      {
        id: source.id,
        name: 'jaeger.example.com/jaeger',
        baseUrl: 'https://jaeger.example.com/jaeger',
        authorization: 'Bearer s3cret',
      },
    ]);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    // The value never leaves the core.
    const settings = await call('getSettings', {});
    expect(JSON.stringify(settings)).not.toContain('s3cret');
    expect(settings.settings.sources).toEqual([
      {
        id: source.id,
        name: 'jaeger.example.com/jaeger',
        baseUrl: 'https://jaeger.example.com/jaeger',
      },
    ]);
    expect(JSON.stringify(events)).not.toContain('s3cret');
    expect(events.map((event) => event.name)).toContain('sourcesChanged');
    // And it is there at the next start.
    await core!.close();
    await open();
    expect((await call('listSources', {})).sources).toEqual([source]);
  });

  it('refuses a bad URL or Authorization value, naming the field and what is wrong', async () => {
    await open();
    await expect(call('addSource', { baseUrl: 'jaeger:16686' })).rejects.toThrow(
      '"baseUrl" must be a usable Jaeger URL: "jaeger:16686" is not an http or https URL',
    );
    await expect(call('addSource', { baseUrl: 'http://me:pw@jaeger:16686' })).rejects.toThrow(
      'put the credentials in the Authorization value instead',
    );
    await expect(call('addSource', { baseUrl: 'http://jaeger:16686/api/v3' })).rejects.toThrow(
      "ends in /api: give the address Jaeger's UI is at (without /api), e.g. http://jaeger:16686",
    );
    await expect(
      call('addSource', { baseUrl: 'http://jaeger:16686', authorization: 'Bearer a\nb' }),
    ).rejects.toThrow(InvalidRequestError);
    await expect(call('addSource', { baseUrl: 'http://jaeger:16686', name: '  ' })).rejects.toThrow(
      '"name" must be a name of 1 to 200 characters',
    );
    expect(await call('listSources', {})).toEqual({ sources: [] });
  });

  it('changes and removes a source; null removes its Authorization value', async () => {
    await open();
    const { source } = await call('addSource', {
      name: 'Team',
      baseUrl: 'http://jaeger:16686',
      authorization: 'Basic dTpw',
    });
    const renamed = await call('updateSource', {
      sourceId: source.id,
      name: 'Production',
      baseUrl: 'https://prod.example.com/jaeger',
    });
    expect(renamed.source).toMatchObject({
      name: 'Production',
      baseUrl: 'https://prod.example.com/jaeger',
      hasAuthorization: true,
    });
    const cleared = await call('updateSource', { sourceId: source.id, authorization: null });
    expect(cleared.source.hasAuthorization).toBe(false);
    expect(
      JSON.parse(await readFile(path.join(dir, 'settings.json'), 'utf8')).sources[0],
    ).not.toHaveProperty('authorization');
    await expect(call('updateSource', { sourceId: 'nope', name: 'x' })).rejects.toThrow(
      NotFoundError,
    );
    expect(await call('removeSource', { sourceId: source.id })).toEqual({ sources: [] });
    await expect(call('getSourceServices', { sourceId: source.id })).rejects.toThrow(
      'there is no source "' + source.id + '"',
    );
  });

  it('lists the --jaeger-url sources for this run, without saving them', async () => {
    await open({ sources: [{ baseUrl: 'http://127.0.0.1:16686/' }] });
    expect((await call('listSources', {})).sources).toEqual([
      {
        id: 'jaeger-url-1',
        name: '127.0.0.1:16686',
        baseUrl: 'http://127.0.0.1:16686',
        hasAuthorization: false,
        saved: false,
      },
    ]);
    await call('addSource', { baseUrl: 'http://other:16686' });
    const saved = JSON.parse(await readFile(path.join(dir, 'settings.json'), 'utf8'));
    expect(saved.sources.map((s: { baseUrl: string }) => s.baseUrl)).toEqual([
      'http://other:16686',
    ]);
  });

  it('drops only a bad source from settings.json, naming it', async () => {
    await writeFile(
      path.join(dir, 'settings.json'),
      JSON.stringify({
        theme: 'dark',
        sources: [
          { id: 'good', name: 'Good', baseUrl: 'http://good:16686' },
          { id: 'bad', name: 'Bad', baseUrl: 'ftp://bad' },
        ],
      }),
    );
    await open();
    expect((await call('listSources', {})).sources.map((s) => s.id)).toEqual(['good']);
    const { notices, settings } = await call('getSettings', {});
    expect(settings.theme).toBe('dark');
    expect(notices[0]).toContain('"sources[1].baseUrl" must be a usable Jaeger URL');
  });

  it('answers a remote failure as data, naming what is wrong', async () => {
    const port = await closedPort();
    await open({ sources: [{ baseUrl: `http://127.0.0.1:${port}` }] });
    expect(await call('getSourceServices', { sourceId: 'jaeger-url-1' })).toEqual({
      ok: false,
      error: {
        kind: 'unreachable',
        message: `Cannot connect to 127.0.0.1:${port}: nothing is listening there (connection refused). Is Jaeger running, and is ${port} its query port (16686 unless changed)?`,
      },
    });
  });

  it('lists services and operations, and says when the API became known', async () => {
    const jaeger = await fakeJaeger();
    await open({ sources: [{ baseUrl: jaeger.url }] });
    expect(await call('getSourceServices', { sourceId: 'jaeger-url-1' })).toEqual({
      ok: true,
      services: ['checkout', 'payments'],
    });
    expect((await call('listSources', {})).sources[0]!.api).toBe('v3');
    const changed = events.filter((event) => event.name === 'sourcesChanged');
    expect(changed.at(-1)!.payload).toMatchObject({ sources: [{ api: 'v3' }] });
    expect(await call('getSourceOperations', { sourceId: 'jaeger-url-1', service: 'x' })).toEqual({
      ok: false,
      error: expect.objectContaining({ kind: 'server-error' }),
    });
  });

  it('searches the last hour by default, answering summaries newest first', async () => {
    const jaeger = await fakeJaeger();
    await open({ sources: [{ baseUrl: jaeger.url }] });
    const before = Date.now();
    const result = await call('searchSource', {
      sourceId: 'jaeger-url-1',
      query: { service: 'checkout' },
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.api).toBe('v3');
    expect(
      result.traces.map((t) => [t.traceId, t.rootSpanName, t.spanCount, t.errorCount]),
    ).toEqual([
      ['0af7651916cd43dd8448eb211c80319c', 'GET /cart', 1, 0],
      [TRACE_A, 'POST /checkout', 3, 2],
    ]);
    const sent = new URL(jaeger.requests.at(-1)!.url, 'http://stub').searchParams;
    const min = Date.parse(sent.get('query.start_time_min')!);
    const max = Date.parse(sent.get('query.start_time_max')!);
    expect(max - min).toBe(60 * 60 * 1000);
    expect(max).toBeGreaterThanOrEqual(before);
    expect(sent.get('query.num_traces')).toBe('20');
    await expect(
      call('searchSource', { sourceId: 'jaeger-url-1', query: { service: '' } }),
    ).rejects.toThrow(
      '"query.service" must be a service name (Jaeger searches within one service)',
    );
    await expect(
      call('searchSource', { sourceId: 'jaeger-url-1', query: { service: 's', limit: 5000 } }),
    ).rejects.toThrow('"query.limit" must be a whole number from 1 to 1500');
  });

  it('opens a remote trace in the shape of getTrace, reporting progress, and keeps a copy', async () => {
    const jaeger = await fakeJaeger();
    await open({ sources: [{ baseUrl: jaeger.url }] });
    const opened = await call('openRemoteTrace', {
      sourceId: 'jaeger-url-1',
      traceId: TRACE_A.toUpperCase(),
      requestId: 'open-1',
    });
    if (!opened.ok) throw new Error(opened.error.message);
    expect(opened.summary).toMatchObject({
      traceId: TRACE_A,
      rootSpanName: 'POST /checkout',
      spanCount: 3,
    });
    const trace = opened.trace!;
    expect(trace.traceId).toBe(TRACE_A);
    expect(trace.spans.map((span) => span.name)).toEqual([
      'POST /checkout',
      'INSERT orders',
      'charge card',
    ]);
    expect(trace.resources).toHaveLength(2);
    expect(trace.spans.map((span) => span.resourceIndex)).toEqual([0, 0, 1]);
    const progress = events.filter((event) => event.name === 'sourceRequestProgress');
    expect(progress.at(-1)!.payload).toEqual({
      requestId: 'open-1',
      sourceId: 'jaeger-url-1',
      receivedBytes: Buffer.byteLength(fixture('jaeger-api-v3-trace.json')),
      totalBytes: Buffer.byteLength(fixture('jaeger-api-v3-trace.json')),
    });
    expect(await core!.commands.getTrace({ traceId: TRACE_A })).toBeNull();
    const fetches = jaeger.requests.length;
    expect(await call('keepRemoteTrace', { sourceId: 'jaeger-url-1', traceId: TRACE_A })).toEqual({
      ok: true,
      traceId: TRACE_A,
      spanCount: 3,
      warnings: [],
    });
    // From what was opened, not downloaded again.
    expect(jaeger.requests.length).toBe(fetches);
    const kept = (await core!.commands.getTrace({ traceId: TRACE_A }))!;
    expect(kept.spans.map((span) => span.spanId).sort()).toEqual(
      trace.spans.map((span) => span.spanId).sort(),
    );
  });

  it("answers the viewer's commands for a remote trace, fetching it once and holding it", async () => {
    const jaeger = await fakeJaeger();
    await open({ sources: [{ baseUrl: jaeger.url }] });
    const source = 'jaeger-url-1';
    // Opened for the viewer: only its summary crosses; the viewer reads the rest with `source`.
    const opened = await call('openRemoteTrace', {
      sourceId: source,
      traceId: TRACE_A,
      withTrace: false,
    });
    expect(opened).toMatchObject({ ok: true, summary: { traceId: TRACE_A, spanCount: 3 } });
    expect(opened.ok && opened.trace).toBeUndefined();
    const outline = await call('getTraceOutline', { traceId: TRACE_A, source });
    expect(outline && spanIdsOf(outline)).toHaveLength(3);
    const fetches = jaeger.requests.length;
    const trace = (await call('getTrace', { traceId: TRACE_A, source }))!;
    const charge = trace.spans.find((span) => span.name === 'charge card')!;
    expect(
      (await call('getSpan', { traceId: TRACE_A, spanId: charge.spanId, source }))?.span.name,
    ).toBe('charge card');
    expect(
      (await call('findSpans', { traceId: TRACE_A, query: 'charge', source })).spanIds,
    ).toEqual([charge.spanId]);
    expect(await call('getTraceEventAttributes', { traceId: TRACE_A, source })).not.toBeNull();
    const exported = await call('exportTrace', { traceId: TRACE_A, format: 'otlp-json', source });
    expect(exported.text).toContain('charge card');
    // Held since the first command: asked of the source once.
    expect(jaeger.requests.length).toBe(fetches);
    // The local store knows nothing of it.
    expect(await call('getTraceOutline', { traceId: TRACE_A })).toBeNull();
    // A trace the source does not have is null, as a local one the store does not hold.
    expect(await call('getTrace', { traceId: 'f'.repeat(32), source })).toBeNull();
    await expect(call('getTrace', { traceId: TRACE_A, source: 'nope' })).rejects.toThrow(
      NotFoundError,
    );
  });

  it('answers the latency table and "open by id" over the last search of a source', async () => {
    const jaeger = await fakeJaeger();
    await open({ sources: [{ baseUrl: jaeger.url }] });
    const source = 'jaeger-url-1';
    expect((await call('getLatencyByOperation', { source })).operations).toEqual([]);
    const found = await call('searchSource', { sourceId: source, query: { service: 'checkout' } });
    expect(found.ok).toBe(true);
    const latency = await call('getLatencyByOperation', { source });
    expect(latency.matchedTraces).toBe(2);
    expect(latency.operations.map((op) => op.spanName).sort()).toEqual([
      'GET /cart',
      'INSERT orders',
      'POST /checkout',
      'charge card',
    ]);
    // A few digits: among the search's results; a whole id: asked of the source.
    expect(await call('lookupTrace', { idPrefix: '0af7', source })).toMatchObject({
      matchCount: 1,
      matches: [{ traceId: '0af7651916cd43dd8448eb211c80319c' }],
    });
    expect(await call('lookupTrace', { idPrefix: '4bf9', source: 'local' })).toEqual({
      matches: [],
      matchCount: 0,
    });
    expect(await call('lookupTrace', { idPrefix: TRACE_A, source })).toMatchObject({
      matchCount: 1,
      matches: [{ traceId: TRACE_A, spanCount: 3 }],
    });
    expect(await call('lookupTrace', { idPrefix: 'e'.repeat(32), source })).toEqual({
      matches: [],
      matchCount: 0,
    });
  });

  it("says in words why a viewer's command could not fetch a remote trace", async () => {
    await open({ sources: [{ baseUrl: `http://127.0.0.1:${await closedPort()}` }] });
    await expect(
      call('getTraceOutline', { traceId: TRACE_A, source: 'jaeger-url-1' }),
    ).rejects.toThrow(/^Cannot connect to 127\.0\.0\.1:\d+: nothing is listening there/);
    expect(await call('getTraceOutline', { traceId: TRACE_A })).toBeNull();
  });

  it('says a trace the source does not have is not found', async () => {
    const jaeger = await fakeJaeger();
    await open({ sources: [{ baseUrl: jaeger.url }] });
    const answer = await call('openRemoteTrace', { sourceId: 'jaeger-url-1', traceId: 'abc' });
    expect(answer).toMatchObject({ ok: false, error: { kind: 'trace-not-found' } });
    expect(!answer.ok && answer.error.message).toContain(
      'has no trace 00000000000000000000000000000abc',
    );
  });

  it('cancels a request by its id, and refuses an id already in use', async () => {
    const jaeger = await fakeJaeger([`/api/v3/traces/${TRACE_A}`]);
    await open({ sources: [{ baseUrl: jaeger.url }] });
    const pending = call('openRemoteTrace', {
      sourceId: 'jaeger-url-1',
      traceId: TRACE_A,
      requestId: 'slow-1',
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expect(
      call('openRemoteTrace', { sourceId: 'jaeger-url-1', traceId: TRACE_A, requestId: 'slow-1' }),
    ).rejects.toThrow('"requestId" slow-1 is already in use by a request');
    // The local store answers meanwhile.
    expect((await call('listTraces', {})).traces).toEqual([]);
    expect(await call('cancelSourceRequest', { requestId: 'slow-1' })).toEqual({ cancelled: true });
    expect(await pending).toEqual({
      ok: false,
      error: {
        kind: 'cancelled',
        message: `The request to 127.0.0.1:${jaeger.port} was cancelled.`,
      },
    });
    expect(await call('cancelSourceRequest', { requestId: 'slow-1' })).toEqual({
      cancelled: false,
    });
  });

  it('times out after the seconds of the settings', async () => {
    const jaeger = await fakeJaeger([`/api/v3/traces/${TRACE_A}`]);
    await open({ sources: [{ baseUrl: jaeger.url }] });
    await call('updateSettings', { sourceTimeoutSeconds: 1 });
    const started = Date.now();
    const answer = await call('openRemoteTrace', { sourceId: 'jaeger-url-1', traceId: TRACE_A });
    expect(answer).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    await expect(call('updateSettings', { sourceTimeoutSeconds: 0 })).rejects.toThrow(
      '"sourceTimeoutSeconds" must be 1 to 600 seconds',
    );
  });

  it('refuses an answer over the response limit of the settings', async () => {
    const jaeger = await fakeJaeger();
    await open({ sources: [{ baseUrl: jaeger.url }] });
    await call('updateSettings', { sourceResponseLimitMiB: 1 });
    stub = jaeger;
    const big = await startStubServer((_request, response) => {
      response.end(`{"services":["${'x'.repeat(2 * 1024 * 1024)}"]}`);
    });
    try {
      const { source } = await call('addSource', { baseUrl: big.url });
      expect(await call('getSourceServices', { sourceId: source.id })).toMatchObject({
        ok: false,
        error: { kind: 'too-large' },
      });
    } finally {
      await big.close();
    }
  });
});
