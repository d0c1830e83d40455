// OTLP/HTTP as the spec has it: statuses, content types, compression, size limit, CORS, partial
// success; one receiver takes all of it in turn and still works at the end.
import { request as httpRequest } from 'node:http';
import { deflateSync, gzipSync } from 'node:zlib';
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_MESSAGE_BYTES } from '../../../app/receiver/http-receiver';
import {
  deeplyNestedArrayValue,
  encodeTraceRequest,
  writeSpan,
} from '../../helpers/otlp-protobuf-writer';
import { everyFieldRequest, minimalSpan } from '../otlp/otlp-fixtures';
import {
  decodeExportResponse,
  decodeStatus,
  startHarness,
  storedSpanCount,
  type Harness,
} from './receiver-harness';

const PROTOBUF = 'application/x-protobuf';
const JSON_TYPE = 'application/json';

let harness: Harness;
let url: string;
beforeAll(async () => {
  harness = await startHarness('http');
  url = `http://127.0.0.1:${harness.port}/v1/traces`;
});
afterAll(() => harness.close());

function post(
  body: Uint8Array | string,
  headers: Record<string, string>,
  target = url,
): Promise<Response> {
  return fetch(target, { method: 'POST', headers, body });
}

interface JsonAnswer {
  code?: number;
  message?: string;
  partialSuccess?: { rejectedSpans?: string; errorMessage?: string };
}

const jsonOf = (response: Response) => response.json() as Promise<JsonAnswer>;

async function bytesOf(response: Response): Promise<Uint8Array> {
  return new Uint8Array(await response.arrayBuffer());
}

function spanWithId(spanId: string) {
  return { resourceSpans: [{ scopeSpans: [{ spans: [{ ...minimalSpan, spanId }] }] }] };
}

/** Sends a body over a raw request (chunked: no content-length) and reads the answer. */
function postChunked(
  chunks: Iterable<Buffer>,
  headers: Record<string, string>,
): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(parts) }));
    });
    req.on('error', reject);
    const iterator = chunks[Symbol.iterator]();
    const writeNext = () => {
      for (;;) {
        const next = iterator.next();
        if (next.done) return void req.end();
        if (!req.write(next.value)) return void req.once('drain', writeNext);
      }
    };
    writeNext();
  });
}

describe('OTLP/HTTP receiver', () => {
  it('stores a protobuf request and answers an empty protobuf ExportTraceServiceResponse', async () => {
    const response = await post(encodeTraceRequest(everyFieldRequest), {
      'content-type': PROTOBUF,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(PROTOBUF);
    expect(await bytesOf(response)).toHaveLength(0);
    expect(harness.store.getTrace(minimalSpan.traceId)?.spans).toHaveLength(2);
  });

  it('stores an OTLP JSON request and answers {} in JSON (charset and letter case of the type are fine)', async () => {
    const response = await post(JSON.stringify(spanWithId('1000000000000001')), {
      'content-type': 'Application/JSON; charset=utf-8',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(JSON_TYPE);
    expect(await jsonOf(response)).toEqual({});
  });

  it('accepts gzip and deflate bodies', async () => {
    const gz = await post(gzipSync(encodeTraceRequest(spanWithId('1000000000000002'))), {
      'content-type': PROTOBUF,
      'content-encoding': 'gzip',
    });
    const df = await post(deflateSync(JSON.stringify(spanWithId('1000000000000003'))), {
      'content-type': JSON_TYPE,
      'content-encoding': 'deflate',
    });
    expect([gz.status, df.status]).toEqual([200, 200]);
    const ids = harness.store.getTrace(minimalSpan.traceId)!.spans.map((span) => span.spanId);
    expect(ids).toEqual(expect.arrayContaining(['1000000000000002', '1000000000000003']));
  });

  it('answers partial_success with the rejected count and why, in the request type', async () => {
    const request = {
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                { ...minimalSpan, spanId: '1000000000000004' },
                { ...minimalSpan, traceId: 'abcdef' },
              ],
            },
          ],
        },
      ],
    };
    const protobuf = await post(encodeTraceRequest(request), { 'content-type': PROTOBUF });
    expect(protobuf.status).toBe(200);
    expect(decodeExportResponse(await bytesOf(protobuf))).toEqual({
      rejectedSpans: '1',
      errorMessage: 'resourceSpans[0].scopeSpans[0].spans[1].traceId: expected 16 bytes, got 3',
    });
    const json = await post(JSON.stringify(request), { 'content-type': JSON_TYPE });
    expect(json.status).toBe(200);
    expect(await jsonOf(json)).toEqual({
      partialSuccess: {
        rejectedSpans: '1',
        errorMessage:
          'resourceSpans[0].scopeSpans[0].spans[1].traceId: expected 32 hex digits, got "abcdef"',
      },
    });
  });

  it('keeps a span that ends before it starts with zero duration, and says so in partial_success', async () => {
    const backwards = {
      ...minimalSpan,
      spanId: '10000000000000e1',
      name: 'backwards',
      startTimeUnixNano: '1700000000000000900',
      endTimeUnixNano: '1700000000000000100',
    };
    const request = { resourceSpans: [{ scopeSpans: [{ spans: [backwards] }] }] };
    const response = await post(encodeTraceRequest(request), { 'content-type': PROTOBUF });
    expect(response.status).toBe(200);
    expect(decodeExportResponse(await bytesOf(response))).toEqual({
      rejectedSpans: '0',
      errorMessage:
        'span 10000000000000e1 ("backwards") ends before it starts; shown with zero duration',
    });
    const stored = harness.store
      .getTrace(minimalSpan.traceId)!
      .spans.find((span) => span.spanId === backwards.spanId)!;
    expect(stored.endTimeUnixNano).toBe(backwards.startTimeUnixNano);
  });

  it('answers 400 with a google.rpc.Status for a body that does not decode', async () => {
    const protobuf = await post(Buffer.from([0x0a, 0xff, 0xff, 0x01]), {
      'content-type': PROTOBUF,
    });
    expect(protobuf.status).toBe(400);
    expect(protobuf.headers.get('content-type')).toBe(PROTOBUF);
    const status = decodeStatus(await bytesOf(protobuf));
    expect(status.code).toBe(GrpcStatus.INVALID_ARGUMENT);
    expect(status.message).toMatch(/not a protobuf ExportTraceServiceRequest/);

    const json = await post('{"resourceSpans": [', { 'content-type': JSON_TYPE });
    expect(json.status).toBe(400);
    expect(await jsonOf(json)).toEqual({
      code: GrpcStatus.INVALID_ARGUMENT,
      message: expect.stringMatching(/^the body is not valid JSON: /),
    });

    const notRequest = await post('[1, 2]', { 'content-type': JSON_TYPE });
    expect(notRequest.status).toBe(400);
    expect((await jsonOf(notRequest)).message).toMatch(/not an OTLP ExportTraceServiceRequest/);
  });

  it('answers 400 for a body that does not decompress', async () => {
    const response = await post(Buffer.from('certainly not gzip'), {
      'content-type': PROTOBUF,
      'content-encoding': 'gzip',
    });
    expect(response.status).toBe(400);
    expect(decodeStatus(await bytesOf(response)).message).toMatch(/not valid gzip data/);
  });

  it('answers 404 for another path, 405 for another method, 415 for another type or encoding', async () => {
    const elsewhere = await post(
      '{}',
      { 'content-type': JSON_TYPE },
      url.replace('/v1/traces', '/v1/metrics'),
    );
    expect(elsewhere.status).toBe(404);
    expect((await jsonOf(elsewhere)).message).toMatch(/POST \/v1\/traces/);

    const get = await fetch(url);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST, OPTIONS');

    const text = await post('hello', { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    expect((await jsonOf(text)).message).toMatch(/application\/x-protobuf or application\/json/);

    const brotli = await post('x', { 'content-type': PROTOBUF, 'content-encoding': 'br' });
    expect(brotli.status).toBe(415);
  });

  it('answers 413 for 64 MiB + 1 byte, as soon as the declared size says so', async () => {
    const response = await post(Buffer.alloc(MAX_MESSAGE_BYTES + 1), { 'content-type': PROTOBUF });
    expect(response.status).toBe(413);
    expect(decodeStatus(await bytesOf(response))).toEqual({
      code: GrpcStatus.RESOURCE_EXHAUSTED,
      message: `the body (${MAX_MESSAGE_BYTES + 1} bytes) is larger than the limit of ${MAX_MESSAGE_BYTES} bytes`,
    });
  });

  it('answers 413 while reading a body of no declared size, and for gzip that inflates past 64 MiB', async () => {
    const mebibyte = Buffer.alloc(1024 * 1024);
    function* sixtyFiveMebibytes() {
      for (let i = 0; i < 65; i++) yield mebibyte;
    }
    const chunked = await postChunked(sixtyFiveMebibytes(), { 'content-type': PROTOBUF });
    expect(chunked.status).toBe(413);

    const bomb = gzipSync(Buffer.alloc(MAX_MESSAGE_BYTES + 1));
    const inflated = await post(bomb, { 'content-type': PROTOBUF, 'content-encoding': 'gzip' });
    expect(inflated.status).toBe(413);
    expect(decodeStatus(await bytesOf(inflated)).message).toBe(
      `the body decompresses to more than the limit of ${MAX_MESSAGE_BYTES} bytes`,
    );
  });

  it('takes a message of exactly 64 MiB', async () => {
    const spanOf = (size: number) => ({
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                {
                  ...minimalSpan,
                  spanId: '1000000000000005',
                  attributes: [{ key: 'big', value: { stringValue: 'x'.repeat(size) } }],
                },
              ],
            },
          ],
        },
      ],
    });
    const guess = MAX_MESSAGE_BYTES - 1000;
    const exact = encodeTraceRequest(
      spanOf(guess + (MAX_MESSAGE_BYTES - encodeTraceRequest(spanOf(guess)).length)),
    );
    expect(exact.length).toBe(MAX_MESSAGE_BYTES);
    const response = await post(exact, { 'content-type': PROTOBUF });
    expect(response.status).toBe(200);
  });

  it('cuts a value nested 100,000 levels deep and stores the span, over protobuf and JSON', async () => {
    const writer = new BinaryWriter();
    writer.tag(1, WireType.LengthDelimited).fork().tag(2, WireType.LengthDelimited).fork();
    writer.tag(2, WireType.LengthDelimited).fork();
    writeSpan(writer, { ...minimalSpan, spanId: '2000000000000001' });
    writer.tag(9, WireType.LengthDelimited).fork();
    writer.tag(1, WireType.LengthDelimited).string('deep');
    writer.tag(2, WireType.LengthDelimited).bytes(deeplyNestedArrayValue(100_000));
    writer.join().join().join().join();
    const protobuf = await post(writer.finish(), { 'content-type': PROTOBUF });
    expect(protobuf.status).toBe(200);
    expect(decodeExportResponse(await bytesOf(protobuf))).toEqual({
      rejectedSpans: '0',
      errorMessage: expect.stringContaining('nested deeper than 64 levels was cut'),
    });

    const levels = 100_000;
    const deep = `${'{"arrayValue":{"values":['.repeat(levels)}{"stringValue":"x"}${']}}'.repeat(levels)}`;
    const span = JSON.stringify({ ...minimalSpan, spanId: '2000000000000002' }).replace(
      /}$/,
      `,"attributes":[{"key":"deep","value":${deep}}]}`,
    );
    const json = await post(`{"resourceSpans":[{"scopeSpans":[{"spans":[${span}]}]}]}`, {
      'content-type': JSON_TYPE,
    });
    expect(json.status).toBe(200);
    expect((await jsonOf(json)).partialSuccess?.errorMessage).toMatch(
      /nested deeper than 64 levels/,
    );
    const ids = harness.store.getTrace(minimalSpan.traceId)!.spans.map((stored) => stored.spanId);
    expect(ids).toEqual(expect.arrayContaining(['2000000000000001', '2000000000000002']));
  });

  it('refuses browser origins by default and answers the preflight of an allowed one', async () => {
    const refused = await post('{}', { 'content-type': JSON_TYPE, origin: 'http://evil.example' });
    expect(refused.status).toBe(403);
    expect((await jsonOf(refused)).message).toMatch(/origin http:\/\/evil\.example may not send/);

    harness.corsOrigins.push('http://localhost:3000');
    const preflight = await fetch(url, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:3000',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('POST, OPTIONS');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type');

    const allowed = await post(JSON.stringify(spanWithId('1000000000000006')), {
      'content-type': JSON_TYPE,
      origin: 'http://localhost:3000',
    });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
  });

  it('counts requests, failures, spans and bytes, and keeps the last error', () => {
    const activity = harness.ingest.activityOf('http');
    expect(activity.counters.requests).toBeGreaterThanOrEqual(15);
    expect(activity.counters.failedRequests).toBeGreaterThanOrEqual(9);
    expect(activity.counters.spansRejected).toBe(2);
    // The partial-success test sent span 1000000000000004 twice; the store keeps it once.
    expect(activity.counters.spansAccepted).toBe(storedSpanCount(harness.store) + 1);
    expect(activity.counters.bytes).toBeGreaterThan(MAX_MESSAGE_BYTES);
    expect(activity.lastError).toBeDefined();
    expect(Date.parse(activity.lastErrorAt!)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('still works after all of that', async () => {
    const response = await post(encodeTraceRequest(spanWithId('3000000000000001')), {
      'content-type': PROTOBUF,
    });
    expect(response.status).toBe(200);
    expect(harness.store.getTrace(minimalSpan.traceId)!.spans.map((s) => s.spanId)).toContain(
      '3000000000000001',
    );
  });

  it('answers 503 with Retry-After while shutting down', async () => {
    await harness.ingest.close();
    const response = await post(encodeTraceRequest(spanWithId('3000000000000002')), {
      'content-type': PROTOBUF,
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(decodeStatus(await bytesOf(response)).code).toBe(GrpcStatus.UNAVAILABLE);
  });
});
