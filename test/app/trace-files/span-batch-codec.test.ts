import { describe, expect, it } from 'vitest';
import type { OtlpResource, OtlpScope, OtlpSpan } from '../../../app/model/otlp';
import type { IncomingSpan } from '../../../app/storage/incoming-span';
import { SpanBatchDecoder, SpanBatchEncoder } from '../../../app/trace-files/span-batch-codec';

const resource: OtlpResource = {
  attributes: [{ key: 'service.name', value: { stringValue: 'checkout' } }],
  schemaUrl: 'https://opentelemetry.io/schemas/1.26.0',
};
const otherResource: OtlpResource = { attributes: [], droppedAttributesCount: 2 };
const scope: OtlpScope = { name: 'lib', version: '1.0', attributes: [{ key: 'k' }] };

/** A span with every optional field, and every kind of attribute value. */
const fullSpan: OtlpSpan = {
  traceId: '5b8efff798038103d269b633813fc60c',
  spanId: 'eee19b7ec3c1b174',
  name: 'GET /cart',
  kind: 2,
  startTimeUnixNano: '1544712660000000000',
  endTimeUnixNano: '1544712661000000000',
  parentSpanId: 'eee19b7ec3c1b173',
  traceState: 'vendor=1',
  flags: 0x301,
  attributes: [
    { key: 'text', value: { stringValue: 'naïve ✓ \u0000 \ud800' } },
    { key: 'int as text', value: { intValue: '-9223372036854775808' } },
    { key: 'int as number', value: { intValue: 42 } },
    { key: 'yes', value: { boolValue: true } },
    { key: 'no', value: { boolValue: false } },
    { key: 'double', value: { doubleValue: 0.1 } },
    { key: 'minus zero', value: { doubleValue: -0 } },
    { key: 'not a number', value: { doubleValue: NaN } },
    { key: 'infinity', value: { doubleValue: -Infinity } },
    { key: 'bytes', value: { bytesValue: 'AQID' } },
    {
      key: 'array',
      value: { arrayValue: { values: [{ stringValue: 'a' }, { arrayValue: { values: [] } }, {}] } },
    },
    { key: 'array without values', value: { arrayValue: {} } },
    {
      key: 'kvlist',
      value: {
        kvlistValue: { values: [{ key: 'inner', value: { intValue: '1' } }, { key: 'bare' }] },
      },
    },
    { key: 'kvlist without values', value: { kvlistValue: {} } },
    { key: 'empty value', value: {} },
    { key: 'no value' },
  ],
  droppedAttributesCount: 1,
  events: [
    { timeUnixNano: '1544712660500000000', name: 'plain' },
    {
      timeUnixNano: '1544712660600000000',
      name: 'with attributes',
      attributes: [{ key: 'a', value: { stringValue: 'b' } }],
      droppedAttributesCount: 3,
    },
  ],
  droppedEventsCount: 4,
  links: [
    { traceId: '5b8efff798038103d269b633813fc60d', spanId: '0000000000000001' },
    {
      traceId: '5b8efff798038103d269b633813fc60e',
      spanId: '0000000000000002',
      traceState: 'x=y',
      attributes: [],
      droppedAttributesCount: 0,
      flags: 1,
    },
  ],
  droppedLinksCount: 5,
  status: { code: 2, message: 'failed' },
};

const bareSpan: OtlpSpan = {
  traceId: '5b8efff798038103d269b633813fc60c',
  spanId: 'eee19b7ec3c1b175',
  name: '',
  kind: 0,
  startTimeUnixNano: '0',
  endTimeUnixNano: '0',
};

/** What a value looks like as JSON text, keys in order; NaN and -0 spelled out. */
function exactly(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'number' && (Number.isNaN(v) || !Number.isFinite(v) || Object.is(v, -0))
      ? `number ${Object.is(v, -0) ? '-0' : String(v)}`
      : v,
  );
}

describe('SpanBatchEncoder and SpanBatchDecoder', () => {
  it('give back every field of every span, in the same key order, numbers and texts as they were', () => {
    const spans: IncomingSpan[] = [
      { span: fullSpan, resource, scope },
      { span: bareSpan, resource: otherResource, scope },
      { span: { ...bareSpan, status: {} }, resource, scope },
    ];
    const decoded = new SpanBatchDecoder().decode(new SpanBatchEncoder().encode(spans));
    expect(decoded).toEqual(spans);
    expect(exactly(decoded)).toBe(exactly(spans));
  });

  it('sends each resource and scope once per import, and spans that shared one share it again', () => {
    const encoder = new SpanBatchEncoder();
    const decoder = new SpanBatchDecoder();
    const first = encoder.encode([
      { span: fullSpan, resource, scope },
      { span: bareSpan, resource, scope },
    ]);
    const second = encoder.encode([
      { span: bareSpan, resource, scope },
      { span: bareSpan, resource: otherResource, scope },
    ]);
    expect(first.newResources).toEqual([resource]);
    expect(first.newScopes).toEqual([scope]);
    expect(second.newResources).toEqual([otherResource]);
    expect(second.newScopes).toEqual([]);
    // As after a transfer: the decoder sees copies, never the encoder's objects.
    const [a, b] = decoder.decode(structuredClone(first));
    const [c, d] = decoder.decode(structuredClone(second));
    expect(a!.resource).toBe(b!.resource);
    expect(c!.resource).toBe(a!.resource);
    expect(c!.scope).toBe(a!.scope);
    expect(d!.resource).toEqual(otherResource);
    expect(d!.resource).not.toBe(a!.resource);
  });

  it('encodes an empty batch, and batch after batch with no word of one in the next', () => {
    const encoder = new SpanBatchEncoder();
    const decoder = new SpanBatchDecoder();
    expect(decoder.decode(encoder.encode([]))).toEqual([]);
    for (let round = 0; round < 3; round++) {
      const spans = Array.from({ length: 5000 }, (_, i) => ({
        span: { ...fullSpan, spanId: (round * 5000 + i + 1).toString(16).padStart(16, '0') },
        resource,
        scope,
      }));
      const batch = encoder.encode(spans);
      expect(batch.spanCount).toBe(5000);
      // The names, keys and texts that repeat from span to span are sent once.
      expect(new Set(batch.strings.filter((text) => text !== 0)).size).toBeLessThan(4 * 5000);
      expect(decoder.decode(batch)).toEqual(spans);
    }
  });
});
