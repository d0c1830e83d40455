import { describe, expect, it } from 'vitest';
import type { OtlpAnyValue } from '../../../app/model/otlp';
import { FieldError } from '../../../app/otlp/field-error';
import { readOtlpJsonRequest } from '../../../app/otlp/otlp-json-reader';
import { CUT_VALUE_TEXT, MAX_VALUE_DEPTH } from '../../../app/otlp/value-depth';
import { parseTraceFile } from '../../../app/trace-files/parse-trace-file';
import { TraceFileError } from '../../../app/trace-files/trace-file-error';
import { everyFieldRequest, expectedIncomingSpans, minimalSpan } from './otlp-fixtures';

/** JSON text of one request whose first span has an attribute nested `levels` arrays deep. */
function deepRequestText(levels: number): string {
  const open = '{"arrayValue":{"values":['.repeat(levels - 1);
  const close = ']}}'.repeat(levels - 1);
  const deep = `${open}{"stringValue":"bottom"}${close}`;
  const first = JSON.stringify({ ...minimalSpan, spanId: '0000000000000001' }).replace(
    /}$/,
    `,"attributes":[{"key":"deep","value":${deep}}]}`,
  );
  return `{"resourceSpans":[{"scopeSpans":[{"spans":[${first},${JSON.stringify(minimalSpan)}]}]}]}`;
}

function depthOf(value: OtlpAnyValue | undefined): { levels: number; bottom: unknown } {
  let levels = 0;
  while (value?.arrayValue) {
    levels += 1;
    value = value.arrayValue.values![0];
  }
  return { levels, bottom: value };
}

describe('readOtlpJsonRequest', () => {
  it('keeps every field, with the schema URLs moved into the resource and scope', () => {
    const result = readOtlpJsonRequest(JSON.parse(JSON.stringify(everyFieldRequest)), {
      tolerant: false,
    });
    expect(result.spans).toStrictEqual(expectedIncomingSpans());
  });

  it('accepts hex ids in any letter case, enums as numbers and int64 as strings or numbers', () => {
    const result = readOtlpJsonRequest(
      {
        resourceSpans: [
          {
            scopeSpans: [
              {
                spans: [
                  {
                    ...minimalSpan,
                    traceId: minimalSpan.traceId.toUpperCase(),
                    kind: 3,
                    startTimeUnixNano: 1700000000000000000,
                    attributes: [
                      { key: 'n', value: { intValue: 7 } },
                      { key: 's', value: { intValue: '-9223372036854775808' } },
                    ],
                    unknownField: { ignored: true },
                  },
                ],
              },
            ],
          },
        ],
      },
      { tolerant: true },
    );
    expect(result.problems).toEqual([]);
    expect(result.spans[0]!.span.traceId).toBe(minimalSpan.traceId);
    expect(result.spans[0]!.span.kind).toBe(3);
    expect(result.spans[0]!.span.startTimeUnixNano).toBe('1700000000000000000');
  });

  it('tolerant: leaves out only the invalid spans, counting them, and keeps the rest', () => {
    const result = readOtlpJsonRequest(
      {
        resourceSpans: [
          {
            scopeSpans: [
              {
                spans: [
                  minimalSpan,
                  { ...minimalSpan, traceId: 'abc' },
                  { ...minimalSpan, spanId: '0000000000000002' },
                ],
              },
            ],
          },
          {
            resource: { attributes: 'not a list' },
            scopeSpans: [{ spans: [minimalSpan, minimalSpan] }],
          },
        ],
      },
      { tolerant: true },
    );
    expect(result.spans.map(({ span }) => span.spanId)).toEqual([
      minimalSpan.spanId,
      '0000000000000002',
    ]);
    expect(result.rejectedSpans).toBe(3);
    expect(result.problems).toEqual([
      'resourceSpans[0].scopeSpans[0].spans[1].traceId: expected 32 hex digits, got "abc"',
      'resourceSpans[1].resource.attributes: expected a list, got "not a list" (2 spans left out)',
    ]);
  });

  it('strict: the first invalid span throws with its path', () => {
    expect(() =>
      readOtlpJsonRequest(
        {
          resourceSpans: [
            { scopeSpans: [{ spans: [minimalSpan, { ...minimalSpan, spanId: 1 }] }] },
          ],
        },
        { tolerant: false },
      ),
    ).toThrow(
      new FieldError(
        'resourceSpans[0].scopeSpans[0].spans[1].spanId',
        'expected 16 hex digits, got 1',
      ),
    );
  });

  it('cuts a value nested 100,000 levels deep at the limit, for that span only', () => {
    const result = readOtlpJsonRequest(JSON.parse(deepRequestText(100_000)), { tolerant: true });
    expect(result.spans).toHaveLength(2);
    expect(result.rejectedSpans).toBe(0);
    expect(depthOf(result.spans[0]!.span.attributes![0]!.value)).toEqual({
      levels: MAX_VALUE_DEPTH,
      bottom: { stringValue: CUT_VALUE_TEXT },
    });
    expect(result.spans[1]!.span).toStrictEqual(minimalSpan);
    expect(result.problems).toEqual([
      `resourceSpans[0].scopeSpans[0].spans[0] (span 0000000000000001): a value nested deeper than ${MAX_VALUE_DEPTH} levels was cut (shown as "…")`,
    ]);
  });

  it('keeps a value of exactly the limit whole', () => {
    const result = readOtlpJsonRequest(JSON.parse(deepRequestText(MAX_VALUE_DEPTH)), {
      tolerant: true,
    });
    expect(result.problems).toEqual([]);
    expect(depthOf(result.spans[0]!.span.attributes![0]!.value)).toEqual({
      levels: MAX_VALUE_DEPTH - 1,
      bottom: { stringValue: 'bottom' },
    });
  });
});

describe('trace files through the shared reader', () => {
  it('imports a file with a value 100,000 levels deep, cut, with a warning naming the span', () => {
    const parsed = parseTraceFile('deep.json', deepRequestText(100_000));
    expect(parsed.spans).toHaveLength(2);
    expect(parsed.warnings).toEqual([
      expect.stringContaining('resourceSpans[0].scopeSpans[0].spans[0] (span 0000000000000001)'),
    ]);
  });

  it('still imports nothing of a file with one invalid span, naming the file and where', () => {
    const text = JSON.stringify({
      resourceSpans: [
        { scopeSpans: [{ spans: [minimalSpan, { ...minimalSpan, traceId: '12' }] }] },
      ],
    });
    expect(() => parseTraceFile('bad.json', text)).toThrow(
      new TraceFileError(
        'bad.json',
        'resourceSpans[0].scopeSpans[0].spans[1].traceId: expected 32 hex digits, got "12"',
      ),
    );
  });
});
