import { describe, expect, it } from 'vitest';
import { readJaegerDocument } from '../../../app/trace-files/jaeger-json-reader';
import { JaegerJsonStreamReader } from '../../../app/trace-files/jaeger-json-stream';
import {
  NotStreamableError,
  StreamFieldError,
  StreamSyntaxError,
} from '../../../app/trace-files/otlp-json-stream';
import { fixture } from './fixtures';

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

function jaegerSpan(trace: number, id: number, processID: string) {
  return {
    traceID: hex(trace, 32),
    spanID: hex(id, 16),
    operationName: `op ${id} "quoted" \\ é`,
    references:
      id > 1 ? [{ refType: 'CHILD_OF', traceID: hex(trace, 32), spanID: hex(1, 16) }] : [],
    startTime: 1_700_000_000_000_000 + id,
    duration: 5,
    tags: [{ key: 'n', type: 'int64', value: id }],
    logs: [],
    processID,
    warnings: null,
  };
}

/** Two traces; the second lists its processes after its spans, the envelope comes last. */
function document() {
  return {
    data: [
      {
        traceID: hex(1, 32),
        processes: { p1: { serviceName: 'front', tags: [] } },
        spans: [jaegerSpan(1, 1, 'p1'), jaegerSpan(1, 2, 'p1')],
        warnings: null,
      },
      {
        traceID: hex(2, 32),
        spans: [jaegerSpan(2, 3, 'p1'), jaegerSpan(2, 4, 'p2')],
        processes: {
          p1: { serviceName: 'back', tags: [{ key: 'host', type: 'string', value: '}]' }] },
          p2: { serviceName: 'db', tags: [] },
        },
        warnings: null,
      },
    ],
    total: 0,
    limit: 0,
    offset: 0,
    errors: null,
  };
}

function readSplit(text: string | Buffer, cuts: readonly number[]) {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
  const reader = new JaegerJsonStreamReader();
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

function randomCuts(length: number, seed: number): number[] {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const cuts = new Set<number>();
  for (let i = 0; i < 12; i++) cuts.add(1 + Math.floor(next() * (length - 1)));
  return [...cuts].sort((a, b) => a - b);
}

const everyByte = (length: number) => Array.from({ length: length - 1 }, (_, i) => i + 1);

function thrown(read: () => unknown): unknown {
  try {
    read();
  } catch (error) {
    return error;
  }
  throw new Error('the file was read');
}

describe('JaegerJsonStreamReader', () => {
  const text = JSON.stringify(document(), null, 2);
  const whole = readJaegerDocument(JSON.parse(text));

  it('maps every trace as the whole-file reader does, processes before or after the spans', () => {
    const { spans, end, progress } = readSplit(text, []);
    expect(whole).toHaveLength(4);
    expect(spans).toStrictEqual(whole);
    expect(spans[2]!.resource.attributes).toContainEqual({
      key: 'service.name',
      value: { stringValue: 'back' },
    });
    expect(end.format).toBe('jaeger-json');
    expect(progress).toEqual({ bytesRead: Buffer.byteLength(text), spansRead: 4 });
  });

  it('reads the same spans fed byte by byte and split at random places, with a byte-order mark', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    expect(readSplit(bytes, everyByte(bytes.length)).spans).toStrictEqual(whole);
    for (let seed = 1; seed <= 20; seed++)
      expect(readSplit(bytes, randomCuts(bytes.length, seed)).spans).toStrictEqual(whole);
  });

  it('hands out a trace as soon as its object ends', () => {
    const compact = JSON.stringify(document());
    const reader = new JaegerJsonStreamReader();
    const secondTrace = compact.indexOf(`{"traceID":"${hex(2, 32)}"`);
    reader.write(Buffer.from(compact.slice(0, secondTrace)));
    expect(reader.takeSpans()).toHaveLength(2);
    reader.write(Buffer.from(compact.slice(secondTrace)));
    expect(reader.takeSpans()).toHaveLength(2);
    expect(reader.end().spans).toEqual([]);
  });

  it('reads the Jaeger UI download fixture as the whole-file reader does', () => {
    const download = fixture('jaeger-ui-download.json');
    expect(readSplit(download, randomCuts(download.length, 5)).spans).toStrictEqual(
      readJaegerDocument(JSON.parse(download)),
    );
  });

  it('leaves documents that are no {"data": [traces]} to the whole-file readers', () => {
    for (const other of [
      '{"resourceSpans": []}',
      '{"result": {"resourceSpans": []}}',
      '[{"traceID": "a", "spans": []}]',
      '{"data": [{"name": "not a trace"}]}',
      '{"data": [{"traceID": "a", "spans": []}]} {"data": []}',
    ])
      expect(thrown(() => readSplit(other, []))).toBeInstanceOf(NotStreamableError);
  });

  it('names the trace, span and field of a bad span, and the byte of bad JSON', () => {
    const bad = document();
    (bad.data[1]!.spans[1] as { processID: string }).processID = 'p9';
    const error = thrown(() => readSplit(JSON.stringify(bad), [100]));
    expect(error).toBeInstanceOf(StreamFieldError);
    expect((error as Error).message).toBe(
      'data[1].spans[1].processID: names process "p9", which "processes" does not list',
    );
    const broken = JSON.stringify(document()).replace('"total":0', '"total":0,]');
    expect(thrown(() => readSplit(broken, []))).toBeInstanceOf(StreamSyntaxError);
    const inTrace = JSON.stringify(document()).replace('"duration":5', '"duration":5,,');
    const syntax = thrown(() => readSplit(inTrace, [50])) as StreamSyntaxError;
    expect(syntax).toBeInstanceOf(StreamSyntaxError);
    expect(syntax.offset).toBe(Buffer.from(inTrace).indexOf(',,') + 1);
    const truncated = JSON.stringify(document()).slice(0, -20);
    expect((thrown(() => readSplit(truncated, [])) as Error).message).toMatch(
      /^the file ends before its JSON is complete/,
    );
  });

  it('skips a value nested 100,000 levels deep outside the traces without recursion', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const withDeep = JSON.stringify(document()).replace('"errors":null', `"errors":${deep}`);
    expect(readSplit(withDeep, randomCuts(withDeep.length, 9)).spans).toStrictEqual(whole);
  });
});
