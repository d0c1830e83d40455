import { describe, expect, it } from 'vitest';
import { parseTraceFile } from '../../../app/trace-files/parse-trace-file';
import { TraceFileError } from '../../../app/trace-files/trace-file-error';
import { fixture } from './fixtures';

function errorOf(fileName: string, text: string): TraceFileError {
  try {
    parseTraceFile(fileName, text);
  } catch (error) {
    if (error instanceof TraceFileError) return error;
    throw error;
  }
  throw new Error('expected a TraceFileError');
}

describe('parseTraceFile', () => {
  it('reads an OTLP JSON ExportTraceServiceRequest with its resources and scopes', () => {
    const { format, spans } = parseTraceFile('x.json', fixture('otlp-checkout.json'));
    expect(format).toBe('otlp-json');
    expect(spans.map(({ span }) => span.name)).toEqual([
      'POST /checkout',
      'INSERT orders',
      'charge card',
      'fraud check',
    ]);
    const root = spans[0]!;
    expect(root.resource.attributes[0]).toEqual({
      key: 'service.name',
      value: { stringValue: 'frontend' },
    });
    expect(root.scope).toEqual({ name: 'frontend-http', version: '1.0.0' });
    expect(root.span).toMatchObject({
      traceId: '5b8efff798038103d269b633813fc60c',
      spanId: 'eee19b7ec3c1b174',
      kind: 2,
      flags: 257,
      startTimeUnixNano: '1700000000000000000',
      endTimeUnixNano: '1700000000120000000',
      status: { code: 2, message: 'payment failed' },
    });
    expect(root.span.parentSpanId).toBeUndefined();
    expect(spans[3]!.span.links).toEqual([
      {
        traceId: '5b8efff798038103d269b633813fc60c',
        spanId: '0102030405060708',
        attributes: [{ key: 'reason', value: { stringValue: 'order row' } }],
      },
    ]);
  });

  it('shares one resource object among the spans of one resourceSpans', () => {
    const { spans } = parseTraceFile('x.json', fixture('otlp-checkout.json'));
    expect(spans[0]!.resource).toBe(spans[1]!.resource);
    expect(spans[2]!.resource).not.toBe(spans[0]!.resource);
  });

  it('reads JSON Lines, one request per line, skipping blank lines', () => {
    const { format, spans } = parseTraceFile(
      'x.jsonl',
      fixture('otlp-collector-file-exporter.jsonl'),
    );
    expect(format).toBe('otlp-json-lines');
    expect(spans.map(({ span }) => [span.traceId.slice(0, 4), span.name])).toEqual([
      ['1111', 'GET /stock'],
      ['1111', 'SELECT stock'],
      ['2222', 'schedule delivery'],
    ]);
    // An empty parentSpanId is a root, and an empty status stays empty.
    expect(spans[0]!.span.parentSpanId).toBeUndefined();
    expect(spans[0]!.span.status).toEqual({});
  });

  it('normalizes the lenient forms: base64 and upper-case ids, enum names, numeric times and doubles', () => {
    const { spans } = parseTraceFile('x.json', fixture('otlp-lenient.json'));
    const [first, second] = spans.map(({ span }) => span);
    expect(first).toMatchObject({
      traceId: '00000000000000000000000000000001',
      spanId: '0000000000000001',
      kind: 2,
      startTimeUnixNano: '1700000003000000000',
      status: { code: 2, message: 'boom' },
      attributes: [
        { key: 'retries', value: { intValue: 3 } },
        { key: 'ratio', value: { doubleValue: 0.25 } },
      ],
    });
    expect(second).toMatchObject({
      traceId: '0000000000000000000000000000000a',
      spanId: '00000000000000bb',
      kind: 5,
    });
    // An all-zero parent id means "no parent".
    expect(second!.parentSpanId).toBeUndefined();
    expect(spans[0]!.scope).toEqual({ name: 'legacy-lib', version: '0.9' });
  });

  it('keeps no field it does not know, and normalizes int64 strings', () => {
    const text = JSON.stringify({
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                {
                  traceId: '11111111111111111111111111111111',
                  spanId: '1111111111111111',
                  startTimeUnixNano: '1',
                  endTimeUnixNano: '2',
                  vendorExtra: true,
                  attributes: [
                    { key: 'a', value: { stringValue: 'x', note: 1 } },
                    { key: 'b', value: { intValue: '007' }, note: 2 },
                    { key: 'c', value: { boolValue: true } },
                  ],
                },
              ],
            },
          ],
        },
      ],
    });
    const span = parseTraceFile('x.json', text).spans[0]?.span;
    expect(span).not.toHaveProperty('vendorExtra');
    expect(span?.attributes).toEqual([
      { key: 'a', value: { stringValue: 'x' } },
      { key: 'b', value: { intValue: '7' } },
      { key: 'c', value: { boolValue: true } },
    ]);
  });

  it('reads the Jaeger JSON that Jaeger UI downloads', () => {
    const { format, spans } = parseTraceFile('x.json', fixture('jaeger-ui-download.json'));
    expect(format).toBe('jaeger-json');
    expect(spans).toHaveLength(4);
    // The 64-bit trace id and the short span id are padded to full width.
    expect(spans[3]!.span).toMatchObject({
      traceId: '000000000000000000f067aa0ba902b7',
      spanId: '00f067aa0ba902b7',
    });
  });

  it('tells the format by content, not by the file name', () => {
    expect(parseTraceFile('trace.jsonl', fixture('otlp-checkout.json')).format).toBe('otlp-json');
    expect(parseTraceFile('trace.txt', fixture('jaeger-ui-download.json')).format).toBe(
      'jaeger-json',
    );
  });

  it('accepts a byte-order mark', () => {
    expect(parseTraceFile('x.json', `\ufeff${fixture('otlp-checkout.json')}`).spans).toHaveLength(
      4,
    );
  });

  it('names the file and the place of a JSON syntax error', () => {
    const error = errorOf('broken.json', fixture('bad-truncated.json'));
    expect(error.message).toMatch(/^broken\.json: is not valid JSON: .*line \d+/);
  });

  it('names the line of a bad line in a JSON Lines file', () => {
    const error = errorOf('collector.jsonl', fixture('bad-line-3.jsonl'));
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/^collector\.jsonl, line 3: is not valid JSON/);
  });

  it('names the line and the field of a bad span in a JSON Lines file', () => {
    const good = fixture('otlp-collector-file-exporter.jsonl').split('\n')[0];
    const bad = good!.replace('"spanId":"1111111111111111"', '"spanId":"xyz"');
    const error = errorOf('c.jsonl', `${good}\n\n${bad}\n`);
    expect(error.message).toBe(
      'c.jsonl, line 3: resourceSpans[0].scopeSpans[0].spans[0].spanId: expected 16 hex digits, got "xyz"',
    );
  });

  it('names the JSON path of a bad field', () => {
    expect(errorOf('ids.json', fixture('bad-span-id.json')).message).toBe(
      'ids.json: resourceSpans[0].scopeSpans[0].spans[1].spanId: expected 16 hex digits, got "not-a-span-id"',
    );
  });

  it.each([
    ['an empty file', '  \n', 'the file is empty'],
    ['text that is not JSON', 'hello', 'is not JSON'],
    [
      'JSON of another shape',
      fixture('bad-unknown-shape.json'),
      'not a trace file Spanlight knows',
    ],
    ['a request without spans', '{"resourceSpans":[]}', 'holds no spans'],
    [
      'protobuf field names',
      '{"resource_spans":[]}',
      'resource_spans: protobuf field names are not OTLP/JSON',
    ],
    [
      'a span without a start time',
      '{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"11111111111111111111111111111111","spanId":"1111111111111111","endTimeUnixNano":"5"}]}]}]}',
      'spans[0].startTimeUnixNano: is missing',
    ],
    [
      'an unknown span kind',
      '{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"11111111111111111111111111111111","spanId":"1111111111111111","kind":"SPAN_KIND_WEIRD","startTimeUnixNano":"1","endTimeUnixNano":"5"}]}]}]}',
      'kind: expected 0–5 or one of SPAN_KIND_UNSPECIFIED',
    ],
    [
      'an all-zero trace id',
      '{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"00000000000000000000000000000000","spanId":"1111111111111111","startTimeUnixNano":"1","endTimeUnixNano":"5"}]}]}]}',
      'traceId: is all zeros',
    ],
    [
      'an attribute value that is not an AnyValue',
      '{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"11111111111111111111111111111111","spanId":"1111111111111111","startTimeUnixNano":"1","endTimeUnixNano":"5","attributes":[{"key":"a","value":"plain"}]}]}]}]}',
      'attributes[0].value: expected an AnyValue object',
    ],
    [
      'a Jaeger span naming a missing process',
      '{"data":[{"traceID":"1111111111111111","spans":[{"traceID":"1111111111111111","spanID":"1111111111111111","operationName":"x","startTime":1,"duration":1,"processID":"p9"}],"processes":{}}]}',
      'data[0].spans[0].processID: names process "p9"',
    ],
    [
      'a Jaeger tag of an unknown type',
      '{"data":[{"traceID":"1111111111111111","spans":[{"traceID":"1111111111111111","spanID":"1111111111111111","operationName":"x","startTime":1,"duration":1,"processID":"p1","tags":[{"key":"k","type":"int32","value":1}]}],"processes":{"p1":{"serviceName":"s","tags":[]}}}]}',
      'data[0].spans[0].tags[0].type: expected "string", "bool", "int64", "float64" or "binary", got "int32"',
    ],
  ])('refuses %s with a clear message', (_what, text, expected) => {
    const error = errorOf('f.json', text);
    expect(error.message.startsWith('f.json')).toBe(true);
    expect(error.message).toContain(expected);
  });
});
