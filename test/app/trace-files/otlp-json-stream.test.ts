import { describe, expect, it } from 'vitest';
import {
  EarlyBindingError,
  NotStreamableError,
  OtlpJsonStreamReader,
  StreamFieldError,
  StreamSyntaxError,
} from '../../../app/trace-files/otlp-json-stream';
import { parseTraceFile } from '../../../app/trace-files/parse-trace-file';

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
const TRACE = hex(7, 32);

function span(id: number, name = `span ${id}`) {
  return {
    traceId: TRACE,
    spanId: hex(id, 16),
    ...(id > 1 ? { parentSpanId: hex(1, 16) } : {}),
    name,
    startTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(id) * 1000n),
    endTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(id) * 2000n),
    attributes: [{ key: 'text', value: { stringValue: `quote " slash \\ é ${id}` } }],
  };
}

/**
 * Two resources; the second lists its resource after its scopes, and its scope and schemaUrls come
 * after the spans (as protobuf field order writes them).
 */
function request() {
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'first' } }] },
        scopeSpans: [
          { scope: { name: 'a' }, spans: [span(1), span(2, 'naïve "quoted" \\ name')] },
          { scope: { name: 'b' }, spans: [span(3)] },
        ],
      },
      {
        scopeSpans: [{ spans: [span(4), span(5)], scope: { name: 'c' }, schemaUrl: 'https://s/1' }],
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'second' } }] },
        schemaUrl: 'https://r/1',
      },
    ],
  };
}

function readInChunks(text: string, size: number, bindEarly = true) {
  const bytes = Buffer.from(text);
  const reader = new OtlpJsonStreamReader({ bindEarly });
  for (let at = 0; at < bytes.length; at += size) reader.write(bytes.subarray(at, at + size));
  return reader.end();
}

const shape = (spans: readonly { span: unknown; resource: unknown; scope: unknown }[]) =>
  spans.map(({ span, resource, scope }) => ({ span, resource, scope }));

describe('OtlpJsonStreamReader', () => {
  it('reads the same spans, resources and scopes as the whole-file reader, in chunks of any size', () => {
    const text = JSON.stringify(request(), null, 1);
    const whole = parseTraceFile('t.json', text);
    for (const size of [1, 2, 3, 5, 7, 64, 1 << 20]) {
      const streamed = readInChunks(text, size);
      expect(streamed.format).toBe('otlp-json');
      expect(shape(streamed.spans)).toEqual(shape(whole.spans));
    }
  });

  it('reads JSON Lines, one request per line', () => {
    const text = `${JSON.stringify(request())}\n${JSON.stringify(request())}\n`;
    const streamed = readInChunks(text, 100);
    expect(streamed.format).toBe('otlp-json-lines');
    expect(streamed.spans).toHaveLength(10);
  });

  it('reads documents one after another over several lines as OTLP JSON, not JSON Lines', () => {
    const text = `${JSON.stringify(request(), null, 2)}\n${JSON.stringify(request(), null, 2)}`;
    const streamed = readInChunks(text, 64);
    expect(streamed.format).toBe(parseTraceFile('t.json', text).format);
    expect(streamed.spans).toHaveLength(10);
  });

  it('skips a byte-order mark', () => {
    expect(readInChunks(`\uFEFF${JSON.stringify(request())}`, 2).spans).toHaveLength(5);
  });

  it('names the place of an invalid span in the file, past the first batch of spans', () => {
    const spans = Array.from({ length: 4500 }, (_, i) => span(i + 1));
    (spans[4321] as { spanId: string }).spanId = 'xyz';
    const text = JSON.stringify({ resourceSpans: [{ scopeSpans: [{}, { spans }] }] });
    expect(() => readInChunks(text, 1 << 16)).toThrow(StreamFieldError);
    expect(() => readInChunks(text, 1 << 16)).toThrow(
      /^resourceSpans\[0\]\.scopeSpans\[1\]\.spans\[4321\]\.spanId: /,
    );
  });

  it('refuses a file that ends too soon, or is not JSON where a value should be', () => {
    const text = JSON.stringify(request());
    expect(() => readInChunks(text.slice(0, -3), 50)).toThrow(StreamSyntaxError);
    expect(() => readInChunks('{"resourceSpans":[{"scopeSpans":[{"spans":[{}] x', 4)).toThrow(
      StreamSyntaxError,
    );
  });

  it('leaves other documents to the whole-file readers', () => {
    expect(() => readInChunks('{"data":[{"traceID":"1","spans":[]}]}', 8)).toThrow(
      NotStreamableError,
    );
    expect(() => readInChunks('[1,2]', 8)).toThrow(NotStreamableError);
    expect(() => readInChunks('{"result":{"resourceSpans":[]}}', 8)).toThrow(NotStreamableError);
  });

  describe('a big scope', () => {
    const spans = Array.from({ length: 5000 }, (_, i) => span(i + 1));
    const resource = { attributes: [{ key: 'service.name', value: { stringValue: 'big' } }] };

    it('hands its spans on as they are read once its resource and scope came first', () => {
      const text = JSON.stringify({
        resourceSpans: [{ resource, scopeSpans: [{ scope: { name: 'a' }, spans }] }],
      });
      const bytes = Buffer.from(text);
      const reader = new OtlpJsonStreamReader();
      reader.write(bytes.subarray(0, Math.floor(bytes.length * 0.6)));
      const early = reader.takeSpans();
      expect(early.length).toBeGreaterThanOrEqual(2000);
      expect(reader.progress.spansRead).toBe(early.length);
      reader.write(bytes.subarray(Math.floor(bytes.length * 0.6)));
      const all = [...early, ...reader.end().spans];
      expect(shape(all)).toEqual(shape(parseTraceFile('t.json', text).spans));
      expect(all[0]!.resource).toEqual(resource);
      expect(all[4999]!.scope).toEqual({ name: 'a' });
    });

    it('holds them until its ResourceSpans ends when the resource comes after them', () => {
      const text = JSON.stringify({
        resourceSpans: [{ scopeSpans: [{ scope: { name: 'a' }, spans }], resource }],
      });
      const bytes = Buffer.from(text);
      const reader = new OtlpJsonStreamReader();
      reader.write(bytes.subarray(0, bytes.length - 100));
      expect(reader.takeSpans()).toEqual([]);
      reader.write(bytes.subarray(bytes.length - 100));
      expect(shape(reader.end().spans)).toEqual(shape(parseTraceFile('t.json', text).spans));
    });

    it('says so when its resource changes after spans went on; read again without, it matches', () => {
      const text = JSON.stringify({
        resourceSpans: [
          { resource, scopeSpans: [{ scope: { name: 'a' }, spans }], schemaUrl: 'https://r/1' },
        ],
      });
      expect(() => readInChunks(text, 1 << 16)).toThrow(EarlyBindingError);
      const again = readInChunks(text, 1 << 16, false);
      expect(shape(again.spans)).toEqual(shape(parseTraceFile('t.json', text).spans));
      expect(again.spans[0]!.resource.schemaUrl).toBe('https://r/1');
      // A member after them that changes nothing (an empty schemaUrl) is no reason to read again.
      const same = JSON.stringify({
        resourceSpans: [{ resource, scopeSpans: [{ scope: { name: 'a' }, spans, schemaUrl: '' }] }],
      });
      expect(readInChunks(same, 1 << 16).spans).toHaveLength(5000);
    });

    it("names the place of an invalid span among its resource's scopes", () => {
      const bad = spans.map((s, i) => (i === 4321 ? { ...s, spanId: 'xyz' } : s));
      const text = JSON.stringify({
        resourceSpans: [
          {
            resource,
            scopeSpans: [{ scope: { name: 'a' } }, { scope: { name: 'b' }, spans: bad }],
          },
        ],
      });
      expect(() => readInChunks(text, 1 << 16)).toThrow(
        /^resourceSpans\[0\]\.scopeSpans\[1\]\.spans\[4321\]\.spanId: /,
      );
    });
  });
});
