// Trace files made to break the app: values nested 100,000 levels deep, files that are no trace
// files at all (a credentials file, 30 MB of random bytes), spans that end before they start and
// spans given twice. Each is refused or imported with a clear message; nothing else is harmed.
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_VALUE_DEPTH } from '../../../app/model/any-value-depth';
import { attributeValueText } from '../../../app/model/attribute-text';
import { OtlpSpanKind } from '../../../app/model/otlp';
import { NOT_A_TRACE_FILE_MESSAGE } from '../../../app/model/trace-file-sniff';
import type { TraceFileOpened, TraceFileResult } from '../../../app/model/trace-files';
import type { TraceStore } from '../../../app/storage/trace-store';
import { exportTrace, importTraceText, openTraceFiles } from '../../../app/trace-files/trace-files';
import { formatAnyValue } from '../../../renderer/lib/attributes';
import { deepAnyValue, deepJaegerFile, deepOtlpFile } from '../../helpers/deep-values';
import { makeTempDir } from '../../helpers/temp-dir';
import { memoryTraceStore } from '../../helpers/trace-store';
import { fixture } from './fixtures';

const LEVELS = 100_000;
const cutText = `${'['.repeat(MAX_VALUE_DEPTH)}…${']'.repeat(MAX_VALUE_DEPTH)}`;

function opened(result: TraceFileResult): TraceFileOpened {
  if ('error' in result) throw new Error(result.error);
  return result;
}

/** A store holding the checkout fixture and a span whose attribute is LEVELS deep. */
async function storeWithDeepSpan(): Promise<{ store: TraceStore; traceId: string }> {
  const store = memoryTraceStore();
  opened(await importTraceText(store, 'checkout.json', fixture('otlp-checkout.json')));
  const traceId = 'dee9'.repeat(8);
  await store.addSpans([
    {
      span: {
        traceId,
        spanId: 'dee9'.repeat(4),
        name: 'deep',
        kind: OtlpSpanKind.INTERNAL,
        startTimeUnixNano: '1700000000000000000',
        endTimeUnixNano: '1700000000000001000',
        attributes: [{ key: 'deep', value: deepAnyValue(LEVELS) }],
        events: [
          {
            timeUnixNano: '1700000000000000500',
            name: 'e',
            attributes: [{ key: 'deep', value: deepAnyValue(LEVELS, 'kvlist') }],
          },
        ],
      },
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'deep' } }] },
      scope: { name: 'test' },
    },
  ]);
  return { store, traceId };
}

describe(`values nested ${LEVELS.toLocaleString('en-US')} levels deep`, () => {
  it('an OTLP JSON file with one is refused or imported with the value cut, never thrown', async () => {
    const store = memoryTraceStore();
    const result = await importTraceText(store, 'deep.json', deepOtlpFile(LEVELS));
    // The OTLP JSON reader (app/otlp) limits depth itself; until it does, the file is refused
    // with a message naming it, and the store is untouched.
    if ('error' in result) {
      expect(result.error).toBe('deep.json: holds values nested too deeply to read');
      expect(store.traceCount).toBe(0);
    } else {
      const trace = store.getTrace(result.traceIds[0]!)!;
      expect(attributeValueText(trace.spans[0]!.attributes![0]!.value)).toContain('…');
    }
    // The store and the next file go on as before.
    opened(await importTraceText(store, 'checkout.json', fixture('otlp-checkout.json')));
  });

  it('a Jaeger JSON file: ignored in a field the reader skips, refused (by path) as a tag value', async () => {
    const store = memoryTraceStore();
    expect(
      opened(await importTraceText(store, 'w.json', deepJaegerFile(LEVELS, 'warnings'))).spanCount,
    ).toBe(1);
    expect(await importTraceText(store, 't.json', deepJaegerFile(LEVELS, 'tag'))).toEqual({
      fileName: 't.json',
      error: 't.json: data[0].spans[0].tags[0].value: a string tag needs a string, got a list',
    });
  });

  it('exports a stored trace holding one as OTLP JSON and Jaeger JSON, the value cut to 64 levels', async () => {
    const { store, traceId } = await storeWithDeepSpan();
    const otlp = exportTrace(store, traceId, 'otlp-json');
    const reopened = memoryTraceStore();
    opened(await importTraceText(reopened, 'export.json', otlp.text));
    const span = reopened.getTrace(traceId)!.spans[0]!;
    expect(attributeValueText(span.attributes![0]!.value)).toBe(cutText);
    expect(attributeValueText(span.events![0]!.attributes![0]!.value)).toMatch(/^\{k99999: \{/);

    const jaeger = exportTrace(store, traceId, 'jaeger-json');
    const fromJaeger = memoryTraceStore();
    opened(await importTraceText(fromJaeger, 'export.jaeger.json', jaeger.text));
    const tag = fromJaeger.getTrace(traceId)!.spans[0]!.attributes!.find((a) => a.key === 'deep');
    // Lists become JSON text in Jaeger: 64 levels of it, then "…".
    expect(tag?.value?.stringValue).toBe(
      `${'['.repeat(MAX_VALUE_DEPTH)}"…"${']'.repeat(MAX_VALUE_DEPTH)}`,
    );
    // The other trace of the store is untouched and exports as before.
    expect(exportTrace(store, '5b8efff798038103d269b633813fc60c', 'otlp-json').text).toContain(
      'POST /checkout',
    );
  });

  it('the renderer formats one without overflowing the stack', () => {
    expect(formatAnyValue(deepAnyValue(LEVELS))).toBe(cutText);
  });
});

describe('files that are no trace files', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => (temp = await makeTempDir()));
  afterAll(() => temp.cleanup());

  const secret = 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

  it('never quotes their content back, but names the file, the place and the problem', async () => {
    const files: Record<string, string> = {
      credentials: `[default]\n${secret}\n`,
      'credentials.json': `{\n  "password": ${secret}\n}\n`,
      'data.json': `{"data": ["${secret}"]}`,
      'lines.jsonl': `{"resourceSpans": []}\n${secret}\n`,
    };
    const paths: string[] = [];
    for (const [name, text] of Object.entries(files)) {
      paths.push(path.join(temp.dir, name));
      await writeFile(paths.at(-1)!, text);
    }
    const results = await openTraceFiles(memoryTraceStore(), paths);
    const errors = results.map((result) => ('error' in result ? result.error : 'opened'));
    for (const error of errors) {
      expect(error).not.toContain('wJalr');
      expect(error).not.toContain('aws_secret');
    }
    expect(errors).toEqual([
      // "[default]" starts like a JSON list.
      `${paths[0]}: is not valid JSON: line 1, column 2: expected a JSON value`,
      `${paths[1]}: is not valid JSON: line 2, column 15: expected a JSON value`,
      `${paths[2]}: ${NOT_A_TRACE_FILE_MESSAGE}`,
      `${paths[3]}, line 2: is not valid JSON: column 1: expected a JSON value`,
    ]);
  });

  it('refuses 30 MB of random bytes, or of JSON that is not a trace, from its first 64 KiB', async () => {
    const random = path.join(temp.dir, 'random.bin');
    const brace = path.join(temp.dir, 'brace.json');
    const numbers = path.join(temp.dir, 'numbers.json');
    await writeFile(random, randomBytes(30 * 1024 * 1024));
    await writeFile(brace, Buffer.concat([Buffer.from('{'), randomBytes(30 * 1024 * 1024)]));
    await writeFile(numbers, `[${Array.from({ length: 4_000_000 }, (_, i) => i).join(',')}]`);
    const started = performance.now();
    const results = await openTraceFiles(memoryTraceStore(), [random, brace, numbers]);
    const elapsed = performance.now() - started;
    expect(results.map((r) => ('error' in r ? r.error.replace(/^[^:]*: /, '') : 'opened'))).toEqual(
      [
        expect.stringMatching(/^is not JSON: /),
        expect.stringMatching(/^is not JSON: line \d+, column \d+ holds a control character/),
        expect.stringMatching(/^is JSON but not a trace file Spanlight knows/),
      ],
    );
    // Reading 90 MB whole would take longer than this even on an idle machine; a look at the
    // first 64 KiB of each takes milliseconds. Generous, for a shared machine.
    expect(elapsed).toBeLessThan(1000);
  });
});

describe('spans that end before they start, and spans given twice', () => {
  const jaeger = (spans: string) =>
    `{"data":[{"traceID":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","processes":{"p1":{"serviceName":"s","tags":[]}},"spans":[${spans}]}]}`;
  const span = (spanId: string, duration: number, name = 'op') =>
    `{"traceID":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","spanID":"${spanId}","operationName":"${name}","references":[],"startTime":1700000000000000,"duration":${duration},"processID":"p1","tags":[]}`;

  it('keeps a span that ends before it starts with zero duration, and says so', async () => {
    const store = memoryTraceStore();
    const result = opened(
      await importTraceText(
        store,
        'neg.json',
        jaeger(`${span('00000000000000a1', -5000, 'GET /x')},${span('00000000000000a2', 10)}`),
      ),
    );
    expect(result.spanCount).toBe(2);
    expect(result.warnings).toEqual([
      'span 00000000000000a1 ("GET /x") ends before it starts; shown with zero duration',
    ]);
    const stored = store
      .getTrace('a'.repeat(32))!
      .spans.find((s) => s.spanId === '00000000000000a1')!;
    expect(stored.endTimeUnixNano).toBe(stored.startTimeUnixNano);
    expect(store.getSummary('a'.repeat(32))!.durationMicros).toBe(10);
  });

  it('counts several such spans in one warning', async () => {
    const result = opened(
      await importTraceText(
        memoryTraceStore(),
        'neg.json',
        jaeger(`${span('00000000000000b1', -1)},${span('00000000000000b2', -2)}`),
      ),
    );
    expect(result.warnings).toEqual([
      '2 spans (the first: 00000000000000b1, "op") end before they start; shown with zero duration',
    ]);
  });

  it('imports the first of spans with the same id and counts the others as duplicates', async () => {
    const spans = Array.from({ length: 1_000 }, (_, i) =>
      span((i + 1).toString(16).padStart(16, '0'), 10),
    );
    for (let i = 0; i < 12; i++)
      spans.push(span((i + 1).toString(16).padStart(16, '0'), 99, 'again'));
    const store = memoryTraceStore();
    const result = opened(await importTraceText(store, 'dupes.json', jaeger(spans.join(','))));
    expect(result).toMatchObject({ spanCount: 1_000, duplicateSpanCount: 12, warnings: [] });
    expect(store.getSummary('a'.repeat(32))!.spanCount).toBe(1_000);
    expect(store.getTrace('a'.repeat(32))!.spans.some((s) => s.name === 'again')).toBe(false);
  });
});
