import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { ProtobufTraceSerializer, JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { SpanKind, SpanStatusCode, TraceFlags, context, trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { FieldError } from '../../../app/otlp/field-error';
import { readOtlpJsonRequest } from '../../../app/otlp/otlp-json-reader';
import {
  OtlpWireError,
  readOtlpProtobufRequest,
  readSpanMessages,
} from '../../../app/otlp/otlp-protobuf-reader';
import { unixNanosToDecimal, uint64ToDecimal } from '../../../app/otlp/uint64-decimal';
import { CUT_VALUE_TEXT, MAX_VALUE_DEPTH } from '../../../app/otlp/value-depth';
import type { OtlpAnyValue, OtlpSpan } from '../../../app/model/otlp';
import { OtlpStatusCode } from '../../../app/model/otlp';
import type { IncomingSpan } from '../../../app/storage/incoming-span';
import {
  deeplyNestedArrayValue,
  encodeTraceRequest,
  writeSpan,
} from '../../helpers/otlp-protobuf-writer';
import { normalizedSpans } from '../../helpers/normalized-spans';
import {
  everyFieldRequest,
  everyFieldSpan,
  expectedIncomingSpans,
  minimalSpan,
  TRACE_ID,
} from './otlp-fixtures';

const tolerant = { tolerant: true };

describe('readOtlpProtobufRequest', () => {
  it('keeps every field exactly: ids, ns times, int64 past 2^53, bytes, lists, maps, events, links, counts, flags, schema URLs', () => {
    const result = readOtlpProtobufRequest(encodeTraceRequest(everyFieldRequest), tolerant);
    expect(result.rejectedSpans).toBe(0);
    expect(result.problems).toEqual([]);
    expect(result.spans).toStrictEqual(expectedIncomingSpans());
  });

  it('reads what the JSON reader reads from the same request', () => {
    const fromJson = readOtlpJsonRequest(JSON.parse(JSON.stringify(everyFieldRequest)), tolerant);
    const fromProtobuf = readOtlpProtobufRequest(encodeTraceRequest(everyFieldRequest), tolerant);
    expect(fromProtobuf.spans).toStrictEqual(fromJson.spans);
  });

  it('shares one resource and one scope object per ResourceSpans and ScopeSpans', () => {
    const { spans } = readOtlpProtobufRequest(encodeTraceRequest(everyFieldRequest), tolerant);
    expect(spans[0]!.resource).toBe(spans[1]!.resource);
    expect(spans[0]!.scope).toBe(spans[1]!.scope);
    expect(spans[2]!.resource).not.toBe(spans[0]!.resource);
  });

  it('reads each status exactly, and spans whose status has no message share one per code', () => {
    const statuses = [
      {},
      { code: OtlpStatusCode.OK },
      { code: OtlpStatusCode.ERROR },
      { code: OtlpStatusCode.ERROR, message: 'card declined' },
      { message: 'unset, with a message' },
    ];
    const spans = [...statuses, ...statuses].map((status, i) => ({
      ...minimalSpan,
      spanId: String(i + 1).padStart(16, '0'),
      status,
    }));
    const request = { resourceSpans: [{ scopeSpans: [{ spans }] }] };
    const read = readOtlpProtobufRequest(encodeTraceRequest(request), tolerant).spans;
    expect(read.map(({ span }) => span.status)).toStrictEqual([...statuses, ...statuses]);
    const again = read.slice(statuses.length);
    for (let i = 0; i < 3; i++) expect(again[i]!.span.status).toBe(read[i]!.span.status);
    for (let i = 3; i < 5; i++) expect(again[i]!.span.status).not.toBe(read[i]!.span.status);
  });

  it('decodes what the OpenTelemetry JS SDK serializes, as the JSON reader reads its JSON', () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': 'js-sdk', 'service.version': '9.9' }),
      spanProcessors: [new SimpleSpanProcessor(exporter)],
    });
    const tracer = provider.getTracer('spanlight-test', '0.0.1', {
      schemaUrl: 'https://opentelemetry.io/schemas/1.30.0',
    });
    const root = tracer.startSpan('root', {
      kind: SpanKind.SERVER,
      attributes: { s: 'x', b: true, i: 42, d: 1.5, list: ['a', 'b'], nums: [1, 2] },
      links: [
        {
          context: {
            traceId: '0af7651916cd43dd8448eb211c80319c',
            spanId: 'b7ad6b7169203331',
            traceFlags: TraceFlags.SAMPLED,
            isRemote: true,
          },
          attributes: { why: 'batch' },
        },
      ],
    });
    root.addEvent('started', { step: 1 });
    const child = tracer.startSpan('child', {}, trace.setSpan(context.active(), root));
    child.setStatus({ code: SpanStatusCode.ERROR, message: 'boom' });
    child.end();
    root.end();
    const spans = exporter.getFinishedSpans();
    const fromProtobuf = readOtlpProtobufRequest(
      ProtobufTraceSerializer.serializeRequest(spans)!,
      tolerant,
    );
    const fromJson = readOtlpJsonRequest(
      JSON.parse(Buffer.from(JsonTraceSerializer.serializeRequest(spans)!).toString('utf8')),
      tolerant,
    );
    expect(fromProtobuf.spans).toHaveLength(2);
    expect(normalizedSpans(fromProtobuf.spans)).toEqual(normalizedSpans(fromJson.spans));
    expect(fromProtobuf.spans[0]!.scope).toEqual({
      name: 'spanlight-test',
      version: '0.0.1',
      schemaUrl: 'https://opentelemetry.io/schemas/1.30.0',
    });
  });

  it('leaves out only the invalid span and says which and why', () => {
    const request = {
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                minimalSpan,
                { ...minimalSpan, spanId: '01', name: 'short span id' },
                { ...minimalSpan, traceId: 'abcd', name: 'short trace id' },
                { ...minimalSpan, traceId: '0'.repeat(32), name: 'zero trace id' },
                { ...everyFieldSpan, spanId: '0000000000000002' },
              ],
            },
          ],
        },
      ],
    };
    const result = readOtlpProtobufRequest(encodeTraceRequest(request), tolerant);
    expect(result.spans.map(({ span }) => span.spanId)).toEqual([
      minimalSpan.spanId,
      '0000000000000002',
    ]);
    expect(result.rejectedSpans).toBe(3);
    expect(result.problems).toEqual([
      'resourceSpans[0].scopeSpans[0].spans[1].spanId: expected 8 bytes, got 1',
      'resourceSpans[0].scopeSpans[0].spans[2].traceId: expected 16 bytes, got 2',
      'resourceSpans[0].scopeSpans[0].spans[3].traceId: is all zeros, which is not a valid id',
    ]);
  });

  it('in strict mode, throws at the first invalid span with its path', () => {
    const request = {
      resourceSpans: [{ scopeSpans: [{ spans: [{ ...minimalSpan, spanId: 'abcd' }] }] }],
    };
    expect(() => readOtlpProtobufRequest(encodeTraceRequest(request), { tolerant: false })).toThrow(
      new FieldError('resourceSpans[0].scopeSpans[0].spans[0].spanId', 'expected 8 bytes, got 2'),
    );
  });

  it('refuses bytes that are not a protobuf message, saying where', () => {
    const valid = encodeTraceRequest(everyFieldRequest);
    expect(() => readOtlpProtobufRequest(valid.subarray(0, valid.length - 3), tolerant)).toThrow(
      OtlpWireError,
    );
    expect(() => readOtlpProtobufRequest(Buffer.from('{"resourceSpans": []}'), tolerant)).toThrow(
      /not a protobuf ExportTraceServiceRequest/,
    );
    expect(() => readOtlpProtobufRequest(Buffer.from([0x0f, 0x01]), tolerant)).toThrow(
      OtlpWireError,
    );
  });

  it('skips fields it does not know, of every wire type', () => {
    const writer = new BinaryWriter();
    writer.tag(1, WireType.LengthDelimited).fork();
    writer.tag(2, WireType.LengthDelimited).fork();
    writer.tag(2, WireType.LengthDelimited).fork();
    writeSpan(writer, minimalSpan);
    writer.tag(99, WireType.Varint).uint64(123);
    writer.tag(100, WireType.Bit64).fixed64(1);
    writer.tag(101, WireType.Bit32).fixed32(1);
    writer.tag(102, WireType.LengthDelimited).string('future');
    writer.join().join().join();
    writer.tag(7, WireType.LengthDelimited).string('unknown request field');
    const { spans } = readOtlpProtobufRequest(writer.finish(), tolerant);
    expect(spans.map(({ span }) => span)).toStrictEqual([minimalSpan]);
  });

  it('reads pre-1.0 instrumentation_library_spans (field 1000) like scope_spans', () => {
    const writer = new BinaryWriter();
    writer.tag(1, WireType.LengthDelimited).fork();
    writer.tag(1000, WireType.LengthDelimited).fork();
    writer
      .tag(1, WireType.LengthDelimited)
      .fork()
      .tag(1, WireType.LengthDelimited)
      .string('old-lib')
      .join();
    writer.tag(2, WireType.LengthDelimited).fork();
    writeSpan(writer, minimalSpan);
    writer.join().join().join();
    const { spans } = readOtlpProtobufRequest(writer.finish(), tolerant);
    expect(spans).toHaveLength(1);
    expect(spans[0]!.scope).toEqual({ name: 'old-lib' });
  });

  it('cuts a value nested 100,000 levels deep at the limit, for that span only, without a stack overflow', () => {
    const deep = deeplyNestedArrayValue(100_000);
    const writer = new BinaryWriter();
    writer.tag(1, WireType.LengthDelimited).fork();
    writer.tag(2, WireType.LengthDelimited).fork();
    writer.tag(2, WireType.LengthDelimited).fork();
    writeSpan(writer, { ...minimalSpan, spanId: '0000000000000001' });
    writer.tag(9, WireType.LengthDelimited).fork();
    writer.tag(1, WireType.LengthDelimited).string('deep');
    writer.tag(2, WireType.LengthDelimited).bytes(deep);
    writer.join();
    writer.join();
    writer.tag(2, WireType.LengthDelimited).fork();
    writeSpan(writer, everyFieldSpan);
    writer.join().join().join();
    const result = readOtlpProtobufRequest(writer.finish(), tolerant);
    expect(result.rejectedSpans).toBe(0);
    expect(result.spans).toHaveLength(2);
    expect(result.spans[1]!.span).toStrictEqual(everyFieldSpan);
    let value: OtlpAnyValue | undefined = result.spans[0]!.span.attributes![0]!.value;
    let levels = 0;
    while (value?.arrayValue) {
      levels += 1;
      value = value.arrayValue.values![0];
    }
    expect(levels).toBe(MAX_VALUE_DEPTH);
    expect(value).toEqual({ stringValue: CUT_VALUE_TEXT });
    expect(result.problems).toEqual([
      `resourceSpans[0].scopeSpans[0].spans[0] (span 0000000000000001): a value nested deeper than ${MAX_VALUE_DEPTH} levels was cut (shown as "…")`,
    ]);
  });
});

describe('readOtlpProtobufRequest with keepSpanMessages', () => {
  /** Reads back the bytes a span's message range points at, as the store reads its details. */
  const reread = ({ message }: IncomingSpan): OtlpSpan => {
    const writer = new BinaryWriter();
    writer
      .tag(2, WireType.LengthDelimited)
      .bytes(message!.bytes.subarray(message!.start, message!.end));
    const spans = readSpanMessages(writer.finish());
    expect(spans).toHaveLength(1);
    return spans[0]!;
  };
  /** A span read from a message without its ids, name, kind and times. */
  const noColumns = {
    traceId: '',
    spanId: '',
    name: '',
    kind: 0,
    startTimeUnixNano: '0',
    endTimeUnixNano: '0',
  };

  it('points each span at its Span message in the request, from its first field that is not a column', () => {
    const body = encodeTraceRequest(everyFieldRequest);
    const { spans } = readOtlpProtobufRequest(body, { tolerant: true, keepSpanMessages: true });
    expect(spans.map(({ span, resource, scope }) => ({ span, resource, scope }))).toStrictEqual(
      expectedIncomingSpans(),
    );
    for (const { message } of spans)
      // A view of the request, not a copy.
      expect(message!.bytes.buffer).toBe(body.buffer);
    // The trace state comes third (field 3): from there on everything is kept.
    const { traceId: _traceId, spanId: _spanId, ...afterIds } = everyFieldSpan;
    expect(spans.map(reread)).toStrictEqual([
      { ...afterIds, traceId: '', spanId: '' },
      noColumns,
      noColumns,
    ]);
    // A span of columns only keeps no bytes.
    expect(spans[1]!.message!.start).toBe(spans[1]!.message!.end);
  });

  it('leaves out all the leading columns of a span without trace state, and keeps every other field', () => {
    const { traceState: _traceState, ...withoutTraceState } = everyFieldSpan;
    const {
      traceId: _traceId,
      spanId: _spanId,
      parentSpanId: _parentSpanId,
      name: _name,
      kind: _kind,
      startTimeUnixNano: _start,
      endTimeUnixNano: _end,
      ...others
    } = withoutTraceState;
    const body = encodeTraceRequest({
      resourceSpans: [{ scopeSpans: [{ spans: [withoutTraceState] }] }],
    });
    const { spans } = readOtlpProtobufRequest(body, { tolerant: true, keepSpanMessages: true });
    expect(spans.map(({ span }) => span)).toStrictEqual([withoutTraceState]);
    expect(reread(spans[0]!)).toStrictEqual({ ...noColumns, ...others });
  });

  it('keeps columns that come after another field (they are not read back)', () => {
    const writer = new BinaryWriter();
    writer.tag(1, WireType.LengthDelimited).fork(); // resourceSpans
    writer.tag(2, WireType.LengthDelimited).fork(); // scopeSpans
    writer.tag(2, WireType.LengthDelimited).fork(); // spans
    writer.tag(7, WireType.Bit64).fixed64(minimalSpan.startTimeUnixNano);
    writer.tag(8, WireType.Bit64).fixed64(minimalSpan.endTimeUnixNano);
    writer.tag(15, WireType.LengthDelimited).fork().tag(3, WireType.Varint).int32(2).join();
    writer.tag(1, WireType.LengthDelimited).bytes(Buffer.from(TRACE_ID, 'hex'));
    writer.tag(2, WireType.LengthDelimited).bytes(Buffer.from(minimalSpan.spanId, 'hex'));
    writer.tag(5, WireType.LengthDelimited).string('late');
    writer.join().join().join();
    const { spans } = readOtlpProtobufRequest(writer.finish(), {
      tolerant: true,
      keepSpanMessages: true,
    });
    const status = { code: OtlpStatusCode.ERROR };
    expect(spans.map(({ span }) => span)).toStrictEqual([
      { ...minimalSpan, name: 'late', kind: 0, status },
    ]);
    expect(reread(spans[0]!)).toStrictEqual({
      ...noColumns,
      traceId: TRACE_ID,
      spanId: minimalSpan.spanId,
      name: 'late',
      status,
    });
  });

  it('leaves a span it refused out, and the others keep their own messages', () => {
    const request = {
      resourceSpans: [
        {
          scopeSpans: [
            { spans: [everyFieldSpan, { ...minimalSpan, traceId: 'abcd' }, minimalSpan] },
          ],
        },
      ],
    };
    const body = encodeTraceRequest(request);
    const { spans } = readOtlpProtobufRequest(body, { tolerant: true, keepSpanMessages: true });
    expect(spans.map(({ span }) => span.spanId)).toEqual([
      everyFieldSpan.spanId,
      minimalSpan.spanId,
    ]);
    expect(spans.map(reread)).toStrictEqual([
      { ...everyFieldSpan, traceId: '', spanId: '' },
      noColumns,
    ]);
  });

  it('says nothing of messages unless asked', () => {
    const { spans } = readOtlpProtobufRequest(encodeTraceRequest(everyFieldRequest), tolerant);
    expect(spans.every((item) => !('message' in item))).toBe(true);
  });
});

describe('readSpanMessages', () => {
  it('reads a stored span even when it would be refused, so no span of a chunk goes missing', () => {
    const writer = new BinaryWriter();
    writer.tag(2, WireType.LengthDelimited).fork();
    writeSpan(writer, { ...minimalSpan, traceId: 'abcd' });
    writer.join();
    writer.tag(2, WireType.LengthDelimited).fork();
    writeSpan(writer, everyFieldSpan);
    writer.join();
    const spans = readSpanMessages(writer.finish());
    expect(spans).toHaveLength(2);
    expect(spans[1]).toStrictEqual(everyFieldSpan);
  });

  it('throws an OtlpWireError for bytes that do not decode', () => {
    expect(() => readSpanMessages(new Uint8Array([0x12, 0x05, 0x01]))).toThrow(OtlpWireError);
  });
});

describe('uint64ToDecimal', () => {
  it('writes every 64-bit value exactly', () => {
    const samples = [
      0n,
      1n,
      2n ** 32n - 1n,
      2n ** 53n - 1n,
      2n ** 53n,
      2n ** 53n + 1n,
      2n ** 64n - 1n,
    ];
    for (let i = 0; i < 2000; i++)
      samples.push(
        BigInt.asUintN(64, BigInt(Math.floor(Math.random() * 2 ** 32)) << 32n) +
          BigInt(Math.floor(Math.random() * 2 ** 32)),
      );
    for (const value of samples) {
      const lo = Number(value & 0xffffffffn);
      const hi = Number(value >> 32n);
      expect(uint64ToDecimal(lo, hi)).toBe(value.toString());
      // The same, with the second's text kept from call to call.
      expect(unixNanosToDecimal(lo, hi)).toBe(value.toString());
      expect(unixNanosToDecimal(lo + 1 >= 2 ** 32 ? lo : lo + 1, hi)).toBe(
        (lo + 1 >= 2 ** 32 ? value : value + 1n).toString(),
      );
    }
  });
});
