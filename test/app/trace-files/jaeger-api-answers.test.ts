// Files saved from a Jaeger: its api/v3 answers and the bare span lists its tools write. The
// fixtures were made by sending jaeger-seed.otlp.json (and one more trace) to a real Jaeger v2.13
// over OTLP/HTTP and saving what its query API answered:
//   jaeger-api-v3-trace.json     GET /api/v3/traces/4bf92f…, as answered
//   jaeger-api-v3-chunks.json    that answer and the one of 0af765…, back to back (a chunked body)
//   jaeger-api-v3-stream.ndjson  the same two, one per line, ending in {"end": true}
//   jaeger-anonymizer-spans.json GET /api/traces/4bf92f…'s spans, each with its process embedded
//                                and no processID, written as jaeger-anonymizer writes them
import { describe, expect, it } from 'vitest';
import type { OtlpTraceRequest } from '../../../app/model/otlp';
import { OtlpStatusCode } from '../../../app/model/otlp';
import type { IncomingSpan } from '../../../app/storage/incoming-span';
import { parseTraceFile } from '../../../app/trace-files/parse-trace-file';
import { TraceFileError } from '../../../app/trace-files/trace-file-error';
import { comparableSpans } from '../../helpers/otlp-compare';
import { fixture } from './fixtures';

const TRACE_A = '4bf92f3577b34da6a3ce929d0e0e4736';
const TRACE_B = '0af7651916cd43dd8448eb211c80319c';

function asRequest(spans: readonly IncomingSpan[]): OtlpTraceRequest {
  return {
    resourceSpans: spans.map(({ span, resource, scope }) => ({
      resource,
      scopeSpans: [{ scope, spans: [span] }],
    })),
  };
}

const seed = JSON.parse(fixture('jaeger-seed.otlp.json')) as OtlpTraceRequest;

function errorOf(text: string): TraceFileError {
  try {
    parseTraceFile('saved.json', text);
  } catch (error) {
    if (error instanceof TraceFileError) return error;
    throw error;
  }
  throw new Error('expected a TraceFileError');
}

describe('parseTraceFile of files saved from Jaeger', () => {
  it('reads a saved /api/v3/traces/{id} answer: every span as it was sent to Jaeger', () => {
    const { format, spans, warnings } = parseTraceFile(
      'trace.json',
      fixture('jaeger-api-v3-trace.json'),
    );
    expect(format).toBe('otlp-json');
    expect(warnings).toEqual([]);
    expect(comparableSpans(asRequest(spans))).toEqual(comparableSpans(seed));
    const charge = spans.find(({ span }) => span.name === 'charge card')!;
    expect(charge.span.links).toEqual(seed.resourceSpans![1]!.scopeSpans![0]!.spans![0]!.links);
  });

  it('reads answers streamed back to back, as one chunk after another', () => {
    const { spans } = parseTraceFile('chunks.json', fixture('jaeger-api-v3-chunks.json'));
    expect(new Set(spans.map(({ span }) => span.traceId))).toEqual(new Set([TRACE_A, TRACE_B]));
    expect(spans).toHaveLength(4);
  });

  it('reads a stream of one answer per line that ends with {"end": true}', () => {
    const { format, spans } = parseTraceFile(
      'stream.ndjson',
      fixture('jaeger-api-v3-stream.ndjson'),
    );
    expect(format).toBe('otlp-json-lines');
    expect(spans.map(({ span }) => span.spanId)).toEqual([
      '00f067aa0ba902b7',
      'b7ad6b7169203331',
      'c1f3e9a2d4b65870',
      'b9c7c989f97918e1',
    ]);
  });

  it('reads a list of answers', () => {
    const [a, b] = [fixture('jaeger-api-v3-trace.json'), fixture('jaeger-api-v3-chunks.json')];
    const list = `[${a.trim()}, ${JSON.stringify(JSON.parse(b.slice(a.length)))}]`;
    expect(parseTraceFile('list.json', list).spans).toHaveLength(4);
  });

  it('refuses a stream that ends in Jaeger’s error answer, quoting its message', () => {
    const text = `${fixture('jaeger-api-v3-trace.json')}{"error":{"httpCode":500,"message":"storage timed out"}}`;
    expect(errorOf(text).message).toBe(
      'saved.json: [1].error: is Jaeger\'s error answer (500): "storage timed out"',
    );
  });

  it('names the path of a bad span inside the answer', () => {
    const text = fixture('jaeger-api-v3-trace.json').replace('"b7ad6b7169203331"', '"xyz"');
    expect(errorOf(text).message).toBe(
      'saved.json: result.resourceSpans[0].scopeSpans[0].spans[1].spanId: expected 16 hex digits, got "xyz"',
    );
  });

  it('says that an answer without spans holds none', () => {
    expect(errorOf('{"result":{}}').message).toBe('saved.json: holds no spans');
    expect(errorOf('{"result":{"resourceSpans":[]}}').message).toBe('saved.json: holds no spans');
  });

  it('does not refuse a big saved answer from its first 64 KiB', () => {
    const big = JSON.parse(fixture('jaeger-api-v3-trace.json')) as { result: OtlpTraceRequest };
    const span = big.result.resourceSpans![0]!.scopeSpans![0]!.spans![0]!;
    const padded = {
      ...big,
      result: {
        resourceSpans: [
          {
            ...big.result.resourceSpans![0],
            scopeSpans: [
              {
                ...big.result.resourceSpans![0]!.scopeSpans![0],
                spans: [
                  {
                    ...span,
                    attributes: [{ key: 'blob', value: { stringValue: 'x'.repeat(100_000) } }],
                  },
                ],
              },
            ],
          },
        ],
      },
    };
    // Pretty-printed with the result key first: it is in the head, resourceSpans is not.
    const text = JSON.stringify(padded, null, 1).replace(
      '"resourceSpans"',
      '"resourceSpans"'.padStart(70_000, ' '),
    );
    expect(parseTraceFile('big.json', text).spans).toHaveLength(1);
  });

  it('refuses documents back to back that are not all trace documents', () => {
    expect(errorOf('{"result":{}}{"hello":1}').message).toContain(
      'holds several JSON documents one after another, but not all of them are OTLP requests',
    );
  });

  it('reads a bare list of Jaeger spans, each with its process (jaeger-anonymizer’s output)', () => {
    const { format, spans } = parseTraceFile('spans.json', fixture('jaeger-anonymizer-spans.json'));
    expect(format).toBe('jaeger-json');
    expect(spans).toHaveLength(3);
    const byName = Object.fromEntries(spans.map((item) => [item.span.name, item]));
    expect(byName['charge card']!.resource.attributes).toEqual([
      { key: 'service.name', value: { stringValue: 'payments' } },
    ]);
    expect(byName['charge card']!.span).toMatchObject({
      traceId: TRACE_A,
      parentSpanId: '00f067aa0ba902b7',
      status: { code: OtlpStatusCode.ERROR, message: 'card declined' },
      events: [{ name: 'exception', timeUnixNano: '1700000000230000000' }],
      links: [{ traceId: '5b8efff798038103d269b633813fc60c', spanId: 'eee19b7ec3c1b174' }],
    });
    expect(byName['POST /checkout']!.resource.attributes).toContainEqual({
      key: 'host.name',
      value: { stringValue: 'web-1' },
    });
    expect(byName['INSERT orders']!.scope).toEqual({ name: 'checkout-http', version: '2.1.0' });
    // Times as Jaeger keeps them: whole microseconds.
    expect(byName['INSERT orders']!.span.endTimeUnixNano).toBe('1700000000060000000');
  });

  it('names the span and field of a bad span in a bare list', () => {
    const text = fixture('jaeger-anonymizer-spans.json').replace(
      '"spanID":"b7ad6b7169203331"',
      '"spanID":"not-hex"',
    );
    expect(errorOf(text).message).toBe(
      'saved.json: [1].spanID: expected up to 16 hex digits, got "not-hex"',
    );
  });
});
