import { readdir } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSpanlightCore, type SpanlightCore } from '../../../app/spanlight-core';
import { startWebServer, type WebServer } from '../../../main/web/web-server';
import { makeTempDir } from '../../helpers/temp-dir';

/** An OTLP JSON file of `count` spans in one trace, each with a padded attribute. */
function bigTraceFile(count: number, traceId: string): string {
  const spans = Array.from({ length: count }, (_, i) => ({
    traceId,
    spanId: (i + 1).toString(16).padStart(16, '0'),
    ...(i > 0 && { parentSpanId: '0000000000000001' }),
    name: `span ${i}`,
    kind: 1,
    startTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(i) * 1000n),
    endTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(i) * 1000n + 500n),
    attributes: [{ key: 'padding', value: { stringValue: 'x'.repeat(200) } }],
  }));
  return JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans }] }] });
}

const TOKEN = 'test-token-0123456789abcdef';
const AUTHORIZATION = `Bearer ${TOKEN}`;

describe('startWebServer with trace files', () => {
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

  const post = (command: string, body: string) =>
    fetch(`${server.url}/api/${command}`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', authorization: AUTHORIZATION },
    });

  it('takes a trace file far larger than the 1 MB other commands may send', async () => {
    const traceId = 'abcdefabcdefabcdefabcdefabcdef01';
    const text = bigTraceFile(20_000, traceId);
    expect(text.length).toBeGreaterThan(5 * 1024 * 1024);
    const response = await post('importTraceText', JSON.stringify({ fileName: 'big.json', text }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      fileName: 'big.json',
      format: 'otlp-json',
      traceIds: [traceId],
      spanCount: 20_000,
      duplicateSpanCount: 0,
      warnings: [],
    });
    expect(core.store.getSummary(traceId)?.spanCount).toBe(20_000);
  });

  it('takes a trace file as its bare text, named by the x-spanlight-file-name header', async () => {
    const traceId = 'abcdefabcdefabcdefabcdefabcdef02';
    const response = await fetch(`${server.url}/api/importTraceText`, {
      method: 'POST',
      body: bigTraceFile(3, traceId),
      headers: {
        authorization: AUTHORIZATION,
        'content-type': 'text/plain; charset=utf-8',
        'x-spanlight-file-name': encodeURIComponent('Spuren für März.json'),
      },
    });
    expect(await response.json()).toEqual({
      fileName: 'Spuren für März.json',
      format: 'otlp-json',
      traceIds: [traceId],
      spanCount: 3,
      duplicateSpanCount: 0,
      warnings: [],
    });
  });

  it('streams bare text in chunks to a file it deletes afterwards, and names a bad one as sent', async () => {
    const uploads = async () =>
      (await readdir(tmpdir())).filter((name) => name.startsWith('spanlight-upload-'));
    const before = await uploads();
    const text = bigTraceFile(3, 'abcdefabcdefabcdefabcdefabcdef03').replace(
      '"kind":1',
      '"kind":"x"',
    );
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const bytes = new TextEncoder().encode(text);
        for (let at = 0; at < bytes.length; at += 100)
          controller.enqueue(bytes.slice(at, at + 100));
        controller.close();
      },
    });
    const response = await fetch(`${server.url}/api/importTraceText`, {
      method: 'POST',
      body,
      duplex: 'half',
      headers: {
        authorization: AUTHORIZATION,
        'content-type': 'text/plain; charset=utf-8',
        'x-spanlight-file-name': 'bad.json',
      },
    } as RequestInit);
    const result = (await response.json()) as { fileName: string; error: string };
    expect(result.fileName).toBe('bad.json');
    expect(result.error).toMatch(
      /^bad\.json: resourceSpans\[0\]\.scopeSpans\[0\]\.spans\[0\]\.kind: /,
    );
    expect(await uploads()).toEqual(before);
  });

  it('keeps nothing of an upload whose client goes away halfway, and goes on', async () => {
    const traceId = 'abcdefabcdefabcdefabcdefabcdef04';
    // With its resource and scope first, spans are stored before their ResourceSpans ends.
    const bytes = Buffer.from(
      bigTraceFile(20_000, traceId).replace(
        '{"scopeSpans":[{',
        '{"resource":{"attributes":[]},"scopeSpans":[{"scope":{"name":"s"},',
      ),
    );
    const { port } = new URL(server.url);
    const client = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/importTraceText',
      headers: {
        authorization: AUTHORIZATION,
        'content-type': 'text/plain',
        'content-length': bytes.length,
        'x-spanlight-file-name': 'cut.json',
      },
    });
    client.on('error', () => {});
    client.write(bytes.subarray(0, bytes.length / 2));
    // The first half is being stored: the trace shows before the client goes.
    await expect.poll(() => core.store.getSummary(traceId), { timeout: 10_000 }).toBeDefined();
    client.destroy();
    await expect.poll(() => core.store.getSummary(traceId), { timeout: 10_000 }).toBeUndefined();
    const next = await fetch(`${server.url}/api/importTraceText`, {
      method: 'POST',
      body: bigTraceFile(3, traceId),
      headers: {
        authorization: AUTHORIZATION,
        'content-type': 'text/plain',
        'x-spanlight-file-name': 'whole.json',
      },
    });
    expect(await next.json()).toMatchObject({ fileName: 'whole.json', spanCount: 3 });
  });

  it('refuses bare text without a file name', async () => {
    const response = await fetch(`${server.url}/api/importTraceText`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'text/plain', authorization: AUTHORIZATION },
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: '"fileName" must be a file name of 1 to 4096 characters',
    });
  });

  it('still refuses a body over 1 MB for the other commands, with a 413 the client gets to read', async () => {
    const response = await post('listTraces', JSON.stringify({ padding: 'x'.repeat(1024 * 1024) }));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: 'request body larger than 1048576 bytes' });
  });

  it('answers a bad file with its error, not an HTTP failure', async () => {
    const response = await post(
      'importTraceText',
      JSON.stringify({ fileName: 'notes.txt', text: 'hello' }),
    );
    expect(response.status).toBe(200);
    expect(((await response.json()) as { error: string }).error).toMatch(
      /^notes\.txt: is not JSON/,
    );
  });

  it('exports a stored trace as text to save', async () => {
    const response = await post(
      'exportTrace',
      JSON.stringify({ traceId: 'abcdefabcdefabcdefabcdefabcdef01', format: 'jaeger-json' }),
    );
    const exported = (await response.json()) as { fileName: string; text: string };
    expect(exported.fileName).toBe('trace-abcdefabcdefabcdefabcdefabcdef01.jaeger.json');
    expect(JSON.parse(exported.text).data[0].spans).toHaveLength(20_000);
  });

  it('refuses an export format it does not know', async () => {
    const response = await post(
      'exportTrace',
      JSON.stringify({ traceId: 'abcdefabcdefabcdefabcdefabcdef01', format: 'zipkin' }),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: '"format" must be one of "otlp-json", "jaeger-json"',
    });
  });
});
