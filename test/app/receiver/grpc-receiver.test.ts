// OTLP/gRPC: TraceService/Export answers and status codes, gzip, the 64 MiB limit; one receiver
// takes all of it in turn and still works at the end.
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
  exportOverGrpc,
  rawTraceClient,
  startHarness,
  type Harness,
} from './receiver-harness';

let harness: Harness;
let client: ReturnType<typeof rawTraceClient>;
let gzipClient: ReturnType<typeof rawTraceClient>;
beforeAll(async () => {
  harness = await startHarness('grpc');
  client = rawTraceClient(harness.port);
  // grpc-js numbers its algorithms: 0 identity, 1 deflate, 2 gzip.
  gzipClient = rawTraceClient(harness.port, { 'grpc.default_compression_algorithm': 2 });
});
afterAll(async () => {
  client.close();
  gzipClient.close();
  await harness.close();
});

const spanWithId = (spanId: string) => ({
  resourceSpans: [{ scopeSpans: [{ spans: [{ ...minimalSpan, spanId }] }] }],
});

describe('OTLP/gRPC receiver', () => {
  it('stores the spans of an Export and answers an empty ExportTraceServiceResponse', async () => {
    const { error, response } = await exportOverGrpc(client, encodeTraceRequest(everyFieldRequest));
    expect(error).toBeNull();
    expect(decodeExportResponse(response!)).toBeUndefined();
    expect(harness.store.getTrace(minimalSpan.traceId)?.spans).toHaveLength(2);
  });

  it('takes gzip-compressed messages', async () => {
    const { error } = await exportOverGrpc(
      gzipClient,
      encodeTraceRequest(spanWithId('1000000000000001')),
    );
    expect(error).toBeNull();
    expect(harness.store.getTrace(minimalSpan.traceId)!.spans.map((s) => s.spanId)).toContain(
      '1000000000000001',
    );
  });

  it('answers partial_success with the rejected count and why', async () => {
    const request = {
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                { ...minimalSpan, spanId: '1000000000000002' },
                { ...minimalSpan, spanId: '0000000000000000' },
                { ...minimalSpan, traceId: '00ff' },
              ],
            },
          ],
        },
      ],
    };
    const { error, response } = await exportOverGrpc(client, encodeTraceRequest(request));
    expect(error).toBeNull();
    expect(decodeExportResponse(response!)).toEqual({
      rejectedSpans: '2',
      errorMessage:
        'resourceSpans[0].scopeSpans[0].spans[1].spanId: is all zeros, which is not a valid id; resourceSpans[0].scopeSpans[0].spans[2].traceId: expected 16 bytes, got 2',
    });
  });

  it('answers INVALID_ARGUMENT for a message that does not decode', async () => {
    const { error } = await exportOverGrpc(client, Buffer.from([0x0a, 0x10, 0x01]));
    expect(error?.code).toBe(GrpcStatus.INVALID_ARGUMENT);
    expect(error?.details).toMatch(/not a protobuf ExportTraceServiceRequest/);
  });

  it('answers RESOURCE_EXHAUSTED for 64 MiB + 1 byte, plain or decompressed', async () => {
    const plain = await exportOverGrpc(client, Buffer.alloc(MAX_MESSAGE_BYTES + 1));
    expect(plain.error?.code).toBe(GrpcStatus.RESOURCE_EXHAUSTED);
    const compressed = await exportOverGrpc(gzipClient, Buffer.alloc(MAX_MESSAGE_BYTES + 1));
    expect(compressed.error?.code).toBe(GrpcStatus.RESOURCE_EXHAUSTED);
  });

  it('cuts a value nested 100,000 levels deep and keeps the span and its neighbours', async () => {
    const writer = new BinaryWriter();
    writer.tag(1, WireType.LengthDelimited).fork().tag(2, WireType.LengthDelimited).fork();
    writer.tag(2, WireType.LengthDelimited).fork();
    writeSpan(writer, { ...minimalSpan, spanId: '2000000000000001' });
    writer.tag(9, WireType.LengthDelimited).fork();
    writer.tag(1, WireType.LengthDelimited).string('deep');
    writer.tag(2, WireType.LengthDelimited).bytes(deeplyNestedArrayValue(100_000));
    writer.join().join();
    writer.tag(2, WireType.LengthDelimited).fork();
    writeSpan(writer, { ...minimalSpan, spanId: '2000000000000002' });
    writer.join().join().join();
    const { error, response } = await exportOverGrpc(client, writer.finish());
    expect(error).toBeNull();
    expect(decodeExportResponse(response!)?.errorMessage).toMatch(
      /spans\[0\] \(span 2000000000000001\): a value nested deeper than 64 levels was cut/,
    );
    const ids = harness.store.getTrace(minimalSpan.traceId)!.spans.map((s) => s.spanId);
    expect(ids).toEqual(expect.arrayContaining(['2000000000000001', '2000000000000002']));
  });

  it('still works after all of that, and counts it', async () => {
    const { error } = await exportOverGrpc(
      client,
      encodeTraceRequest(spanWithId('3000000000000001')),
    );
    expect(error).toBeNull();
    const { counters, lastError } = harness.ingest.activityOf('grpc');
    // The two messages over 64 MiB were refused by grpc-js before reaching the ingest path.
    expect(counters).toMatchObject({ requests: 6, failedRequests: 1, spansRejected: 2 });
    expect(counters.spansAccepted).toBe(8);
    expect(lastError).toMatch(/nested deeper/);
  });

  it('answers UNAVAILABLE while shutting down', async () => {
    await harness.ingest.close();
    const { error } = await exportOverGrpc(
      client,
      encodeTraceRequest(spanWithId('3000000000000002')),
    );
    expect(error?.code).toBe(GrpcStatus.UNAVAILABLE);
    expect(error?.details).toMatch(/shutting down/);
  });
});
