import { describe, expect, it } from 'vitest';
import { OtlpSpanKind } from '../../../app/model/otlp';
import type { IncomingSpan } from '../../../app/storage/incoming-span';
import {
  endBeforeStartWarning,
  normalizeIncomingSpans,
} from '../../../app/otlp/normalize-incoming-spans';

const resource = { attributes: [] };
const scope = { name: 's' };
function incoming(
  spanId: string,
  start: string,
  end: string,
  traceId = 'a'.repeat(32),
): IncomingSpan {
  return {
    span: {
      traceId,
      spanId,
      name: `span ${spanId}`,
      kind: OtlpSpanKind.INTERNAL,
      startTimeUnixNano: start,
      endTimeUnixNano: end,
    },
    resource,
    scope,
  };
}

describe('normalizeIncomingSpans', () => {
  it('passes good spans through as they are', () => {
    const spans = [incoming('1'.repeat(16), '100', '200'), incoming('2'.repeat(16), '100', '100')];
    const normalized = normalizeIncomingSpans(spans);
    expect(normalized.spans[0]).toBe(spans[0]);
    expect(normalized).toMatchObject({ duplicateSpanCount: 0, endBeforeStartCount: 0 });
    expect(endBeforeStartWarning(normalized)).toBeUndefined();
  });

  it('ends a span that ends before it starts at its start, comparing as numbers', () => {
    const normalized = normalizeIncomingSpans([
      incoming('1'.repeat(16), '1000', '999'),
      incoming('2'.repeat(16), '1000', '-5'),
      incoming('3'.repeat(16), '99', '1000'),
    ]);
    expect(normalized.spans.map((s) => s.span.endTimeUnixNano)).toEqual(['1000', '1000', '1000']);
    expect(normalized.endBeforeStartCount).toBe(2);
  });

  it('keeps the first span of an id within its trace; the same id in another trace is another span', () => {
    const normalized = normalizeIncomingSpans([
      incoming('1'.repeat(16), '1', '2'),
      incoming('1'.repeat(16), '5', '9'),
      incoming('1'.repeat(16), '1', '2', 'b'.repeat(32)),
    ]);
    expect(normalized.spans).toHaveLength(2);
    expect(normalized.spans[0]!.span.endTimeUnixNano).toBe('2');
    expect(normalized.duplicateSpanCount).toBe(1);
  });

  it('leaves out a repeat that comes after spans of other traces', () => {
    const b = 'b'.repeat(32);
    const normalized = normalizeIncomingSpans([
      incoming('1'.repeat(16), '1', '2'),
      incoming('2'.repeat(16), '1', '2', b),
      incoming('1'.repeat(16), '5', '9'),
      incoming('2'.repeat(16), '5', '9', b),
    ]);
    expect(normalized.spans.map(({ span }) => span.traceId)).toEqual(['a'.repeat(32), b]);
    expect(normalized.duplicateSpanCount).toBe(2);
  });

  it('compares times of one length with leading zeros, and of 20 digits, by value', () => {
    const normalized = normalizeIncomingSpans([
      incoming('1'.repeat(16), '0100', '0099'),
      incoming('2'.repeat(16), '18446744073709551615', '18446744073709551614'),
      incoming('3'.repeat(16), '1700000000000000001', '1700000000000000002'),
    ]);
    expect(normalized.spans.map((s) => s.span.endTimeUnixNano)).toEqual([
      '0100',
      '18446744073709551615',
      '1700000000000000002',
    ]);
    expect(normalized.endBeforeStartCount).toBe(2);
  });
});
