import { describe, expect, it } from 'vitest';
import {
  NOT_A_TRACE_FILE_MESSAGE,
  NOT_JSON_MESSAGE,
  sniffTraceFileHead,
  traceFileHeadProblem,
} from '../../../app/model/trace-file-sniff';
import { encodeTraceRequest } from '../../helpers/otlp-protobuf-writer';

describe('traceFileHeadProblem', () => {
  it('lets the start of OTLP JSON and Jaeger JSON files through', () => {
    for (const head of [
      '{"resourceSpans": [',
      '\ufeff  {"data": [{"traceID"',
      '[{"traceID": "a", "spans": [',
      '{"resource_spans": [',
    ])
      expect(traceFileHeadProblem(head, false)).toBeUndefined();
  });

  it('refuses what cannot start JSON, and binary data, saying where', () => {
    expect(traceFileHeadProblem('password=x', false)).toBe(NOT_JSON_MESSAGE);
    expect(traceFileHeadProblem('{"a":\n 1\u0000', true)).toBe(
      'is not JSON: line 2, column 3 holds a control character (binary data?)',
    );
    expect(traceFileHeadProblem('   ', true)).toBe('the file is empty');
  });

  it('refuses the start of a big file that names no trace field, but leaves a whole small file to the readers', () => {
    expect(traceFileHeadProblem('{"name": "package", "version": "1"', false)).toBe(
      NOT_A_TRACE_FILE_MESSAGE,
    );
    expect(traceFileHeadProblem('{"name": "package"}', true)).toBeUndefined();
  });
});

describe('sniffTraceFileHead', () => {
  const request = encodeTraceRequest({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'shop' } }] },
        scopeSpans: [{ scope: { name: 'a' }, spans: [] }],
      },
    ],
  });
  const framed = (message: Uint8Array) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(message.length);
    return Buffer.concat([length, message]);
  };

  it('tells JSON, one protobuf request and length-prefixed protobuf messages apart', () => {
    expect(sniffTraceFileHead(Buffer.from('\n {"resourceSpans": ['), false)).toEqual({
      kind: 'json',
    });
    expect(sniffTraceFileHead(request, true)).toEqual({ kind: 'otlp-protobuf' });
    expect(sniffTraceFileHead(request.subarray(0, 3), false)).toEqual({ kind: 'otlp-protobuf' });
    expect(sniffTraceFileHead(framed(request), true)).toEqual({ kind: 'otlp-protobuf-framed' });
  });

  it('takes a request that starts with bytes JSON allows (a newline, then "{") as protobuf', () => {
    // Field 1 (tag 0A, a newline), 123 bytes (7B, "{"), then the ResourceSpans' resource (0A).
    const head = Uint8Array.from([0x0a, 0x7b, 0x0a, 0x05, 0x0a, 0x03, 0x0a, 0x01, 0x6b, 0x12]);
    expect(sniffTraceFileHead(head, false)).toEqual({ kind: 'otlp-protobuf' });
  });

  it('refuses other binary data and compressed files, naming the byte and never quoting it', () => {
    const random = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const problem = (sniffTraceFileHead(random, true) as { problem: string }).problem;
    expect(problem).toMatch(/^is not JSON: byte 0 starts neither a JSON document/);
    expect(problem).not.toContain('PNG');
    expect(sniffTraceFileHead(Buffer.from('  password=x'), true)).toEqual({
      problem: expect.stringMatching(/^is not JSON: byte 2 starts/),
    });
    // A text file that starts with a newline is not a protobuf request for it.
    expect(sniffTraceFileHead(Buffer.from('\nhello world\n'), true)).toHaveProperty('problem');
    expect(sniffTraceFileHead(Uint8Array.from([0x1f, 0x8b, 0x08, 0x00]), true)).toEqual({
      problem: 'byte 0: is gzip-compressed; decompress it first (gunzip)',
    });
    const zstd = Uint8Array.from([0, 0, 0, 9, 0x28, 0xb5, 0x2f, 0xfd, 0]);
    expect(sniffTraceFileHead(zstd, true)).toEqual({
      problem: expect.stringMatching(/^byte 4: holds zstd-compressed messages/),
    });
    expect(sniffTraceFileHead(Buffer.from(' \n'), true)).toEqual({ problem: 'the file is empty' });
    expect(sniffTraceFileHead(Buffer.from('{"a": 1\u0000}'), true)).toEqual({
      problem: 'is not JSON: line 1, column 8 holds a control character (binary data?)',
    });
  });
});
