import { BinaryReader, BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { describe, expect, it } from 'vitest';
import type { OtlpTraceRequest } from '../../../app/model/otlp';
import { readOtlpProtobufRequest } from '../../../app/otlp/otlp-protobuf-reader';
import { MAX_VALUE_DEPTH } from '../../../app/otlp/value-depth';
import { OtlpProtobufStreamReader } from '../../../app/trace-files/otlp-protobuf-stream';
import { TraceFileReadError } from '../../../app/trace-files/trace-file-stream-reader';
import {
  deeplyNestedArrayValue,
  encodeTraceRequest,
  writeSpan,
} from '../../helpers/otlp-protobuf-writer';

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

function span(trace: number, id: number) {
  return {
    traceId: hex(trace, 32),
    spanId: hex(id, 16),
    ...(id > 1 ? { parentSpanId: hex(1, 16) } : {}),
    name: `span ${id} ✓`,
    kind: 2,
    startTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(id) * 1000n),
    endTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(id) * 2000n),
    attributes: [{ key: 'n', value: { intValue: String(id) } }],
  };
}

/** Two resources of two and one scopes; `first` numbers the spans. */
function request(first = 1): OtlpTraceRequest {
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'first' } }] },
        scopeSpans: [
          { scope: { name: 'a' }, spans: [span(1, first), span(1, first + 1)] },
          { scope: { name: 'b', version: '2' }, spans: [span(2, first + 2)] },
        ],
        schemaUrl: 'https://r/1',
      },
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'second' } }] },
        scopeSpans: [{ scope: { name: 'c' }, spans: [span(3, first + 3), span(3, first + 4)] }],
      },
    ],
  } as OtlpTraceRequest;
}

/** The Collector file exporter's framing: each message after its length, 4 bytes big-endian. */
function framed(...messages: Uint8Array[]): Buffer {
  return Buffer.concat(
    messages.flatMap((message) => {
      const length = Buffer.alloc(4);
      length.writeUInt32BE(message.length);
      return [length, Buffer.from(message)];
    }),
  );
}

function readSplit(bytes: Uint8Array, framedFile: boolean, cuts: readonly number[]) {
  const reader = new OtlpProtobufStreamReader({ framed: framedFile });
  const spans = [];
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    reader.write(bytes.subarray(at, cut));
    spans.push(...reader.takeSpans());
    at = cut;
  }
  const end = reader.end();
  spans.push(...end.spans);
  return { spans, end, progress: reader.progress };
}

/** Where each top-level field (each ResourceSpans) starts. */
function fieldStarts(bytes: Uint8Array): number[] {
  const reader = new BinaryReader(bytes);
  const starts = [];
  while (reader.pos < reader.len) {
    starts.push(reader.pos);
    reader.skip(reader.tag()[1]);
  }
  return starts;
}

const everyByte = (length: number) => Array.from({ length: length - 1 }, (_, i) => i + 1);

/** A seeded pseudo-random list of cut points (deterministic, so a failure can be replayed). */
function randomCuts(length: number, seed: number): number[] {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const cuts = new Set<number>();
  for (let i = 0; i < 12; i++) cuts.add(1 + Math.floor(next() * (length - 1)));
  return [...cuts].sort((a, b) => a - b);
}

const shape = (spans: readonly { span: unknown; resource: unknown; scope: unknown }[]) =>
  spans.map(({ span, resource, scope }) => ({ span, resource, scope }));

function readError(bytes: Uint8Array, framedFile: boolean): string {
  try {
    readSplit(bytes, framedFile, []);
  } catch (error) {
    expect(error).toBeInstanceOf(TraceFileReadError);
    return (error as Error).message;
  }
  throw new Error('the file was read');
}

describe('OtlpProtobufStreamReader', () => {
  const bytes = encodeTraceRequest(request());
  const whole = readOtlpProtobufRequest(bytes, { tolerant: false }).spans;

  it('reads one request as the receivers decoder does, in the same order, fed whole', () => {
    const { spans, end, progress } = readSplit(bytes, false, []);
    expect(whole).toHaveLength(5);
    expect(shape(spans)).toStrictEqual(shape(whole));
    expect(end).toMatchObject({ format: 'otlp-protobuf', warnings: [] });
    expect(progress).toEqual({ bytesRead: bytes.length, spansRead: 5 });
  });

  it('reads the same spans fed byte by byte, and split at random places', () => {
    expect(shape(readSplit(bytes, false, everyByte(bytes.length)).spans)).toStrictEqual(
      shape(whole),
    );
    for (let seed = 1; seed <= 20; seed++)
      expect(shape(readSplit(bytes, false, randomCuts(bytes.length, seed)).spans)).toStrictEqual(
        shape(whole),
      );
  });

  it('hands out each ResourceSpans as soon as it is read', () => {
    const reader = new OtlpProtobufStreamReader({ framed: false });
    const secondStart = fieldStarts(bytes)[1]!;
    reader.write(bytes.subarray(0, secondStart));
    expect(reader.takeSpans()).toHaveLength(3);
    reader.write(bytes.subarray(secondStart));
    expect(reader.takeSpans()).toHaveLength(2);
  });

  it('reads length-prefixed messages (the Collector file exporter) in chunks of any size', () => {
    const file = framed(bytes, encodeTraceRequest(request(10)));
    const expected = [
      ...whole,
      ...readOtlpProtobufRequest(encodeTraceRequest(request(10)), { tolerant: false }).spans,
    ];
    for (const cuts of [[], everyByte(file.length), randomCuts(file.length, 7)])
      expect(shape(readSplit(file, true, cuts).spans)).toStrictEqual(shape(expected));
  });

  it('skips fields of the request it does not know, and takes an empty message', () => {
    const writer = new BinaryWriter();
    writer.tag(7, WireType.Varint).uint64(1n << 60n);
    writer.tag(8, WireType.Bit64).fixed64(3n);
    writer.tag(9, WireType.Bit32).fixed32(3);
    writer.tag(10, WireType.LengthDelimited).string('x'.repeat(300));
    const withUnknown = Buffer.concat([writer.finish(), bytes]);
    expect(shape(readSplit(withUnknown, false, everyByte(withUnknown.length)).spans)).toStrictEqual(
      shape(whole),
    );
    const file = framed(new Uint8Array(0), bytes);
    expect(readSplit(file, true, everyByte(file.length)).spans).toHaveLength(5);
  });

  it('names the byte and the ResourceSpans where a truncated file ends', () => {
    const cut = bytes.subarray(0, bytes.length - 10);
    const secondStart = fieldStarts(bytes)[1]!;
    const secondHeader = bytes.length - secondStart < 0x82 ? 2 : 3;
    expect(readError(cut, false)).toBe(
      `byte ${cut.length.toLocaleString('en-US')}: the file ends inside resourceSpans[1], which starts at byte ${secondStart} and should hold ${bytes.length - secondStart - secondHeader} bytes (truncated?)`,
    );
    expect(readError(bytes.subarray(0, 1), false)).toBe(
      'byte 1: the file ends inside a field that starts at byte 0 (truncated?)',
    );
    const file = framed(bytes, bytes);
    expect(readError(file.subarray(0, file.length - 3), true)).toBe(
      `byte ${file.length - 3}: the file ends inside message 2, which starts at byte ${4 + bytes.length} and should hold ${bytes.length} bytes (truncated?)`,
    );
    expect(readError(file.subarray(0, 4 + bytes.length + 2), true)).toBe(
      `byte ${4 + bytes.length + 2}: the file ends inside the length before message 2 (truncated?)`,
    );
  });

  it('refuses a message whose field runs past its length prefix, or a length prefix that cuts a field', () => {
    const file = framed(bytes);
    file.writeUInt32BE(bytes.length - 5, 0);
    expect(readError(file, true)).toBe(
      `byte ${4 + fieldStarts(bytes)[1]!}: message 1, resourceSpans[1] says it holds ${bytes.length - fieldStarts(bytes)[1]! - 3} bytes, past the end of message 1 (${bytes.length - 5} bytes from byte 0)`,
    );
    // The length prefix ends the message inside the first field's header.
    const cutHeader = framed(bytes.subarray(0, 1), bytes);
    expect(readError(cutHeader, true)).toBe(
      'byte 5: message 1 ends inside a field that starts at byte 4 (truncated?)',
    );
  });

  it('refuses bytes that are no protobuf, naming the byte', () => {
    // Field 1 as a varint, wire type 7, a group, and field number 0.
    expect(readError(Uint8Array.from([0x08, 0x01]), false)).toBe(
      'byte 0: the request: is not an OTLP ExportTraceServiceRequest: field 1 (resourceSpans) has wire type 0, not 2 (length-delimited)',
    );
    expect(readError(Buffer.concat([bytes, Buffer.from([0x17])]), false)).toBe(
      `byte ${bytes.length}: the request: is not protobuf: field 2 has wire type 7, which protobuf does not have`,
    );
    expect(readError(Uint8Array.from([0x0a, 0x00, 0x13]), false)).toBe(
      'byte 2: the request: field 2 is a group (wire type 3), which OTLP never writes',
    );
    expect(readError(Uint8Array.from([0x02]), false)).toBe(
      'byte 0: the request: is not protobuf: a field has the number 0',
    );
    expect(readError(Uint8Array.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0xff]), false)).toBe(
      'byte 1: resourceSpans[0]: is not protobuf: a varint runs on past 5 bytes',
    );
  });

  it('names the ResourceSpans and the byte where its inside does not decode', () => {
    // A ResourceSpans whose ScopeSpans claims more bytes than the ResourceSpans holds.
    const bad = Uint8Array.from([...bytes, 0x0a, 0x03, 0x12, 0x09, 0x0a]);
    expect(readError(bad, false)).toBe(
      `byte ${bytes.length + 4}: resourceSpans[2] (from byte ${bytes.length}) is not a valid OTLP ResourceSpans: a field of 9 bytes at byte ${bytes.length + 4} runs past the end of the ResourceSpans`,
    );
  });

  it('names the span of a field that is wrong, in the file', () => {
    const bad = encodeTraceRequest({
      resourceSpans: [
        request().resourceSpans![0]!,
        {
          scopeSpans: [{ spans: [span(4, 1), { ...span(4, 2), traceId: 'abcd' }] }],
        },
      ],
    } as OtlpTraceRequest);
    const message = readError(bad, false);
    const secondStart = fieldStarts(bad)[1]!;
    expect(message).toMatch(
      new RegExp(
        `^byte ${secondStart}: resourceSpans\\[1\\]\\.scopeSpans\\[0\\]\\.spans\\[1\\]\\.traceId: .+ \\(in the ResourceSpans that starts there\\)$`,
      ),
    );
    expect(readError(framed(bytes, bad), true)).toMatch(
      /^byte \d+: message 2: resourceSpans\[1\]\.scopeSpans\[0\]\.spans\[1\]\.traceId: /,
    );
  });

  it('reads a value nested 100,000 levels deep without overflowing the stack, cut and named in a warning', () => {
    const writer = new BinaryWriter();
    writer.tag(1, WireType.LengthDelimited).fork();
    writer.tag(2, WireType.LengthDelimited).fork();
    writer.tag(2, WireType.LengthDelimited).fork();
    writeSpan(writer, span(9, 1));
    writer.tag(9, WireType.LengthDelimited).fork();
    writer.tag(1, WireType.LengthDelimited).string('deep');
    writer.tag(2, WireType.LengthDelimited).bytes(deeplyNestedArrayValue(100_000));
    writer.join().join().join().join();
    const file = Buffer.concat([bytes, writer.finish()]);
    const { spans, end } = readSplit(file, false, randomCuts(file.length, 3));
    expect(spans).toHaveLength(6);
    expect(end.warnings).toEqual([
      `resourceSpans[2].scopeSpans[0].spans[0] (span ${hex(1, 16)}): a value nested deeper than ${MAX_VALUE_DEPTH} levels was cut (shown as "…")`,
    ]);
  });
});
