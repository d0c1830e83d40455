import { describe, expect, it } from 'vitest';
import type { OtlpResource, OtlpScope, OtlpSpan } from '../../../app/model/otlp';
import { OtlpStatusCode } from '../../../app/model/otlp';
import { summariesOf, summaryOf, traceDetailOf } from '../../../app/sources/remote-traces';
import type { IncomingSpan } from '../../../app/storage/incoming-span';

const web: OtlpResource = {
  attributes: [{ key: 'service.name', value: { stringValue: 'web' } }],
};
const db: OtlpResource = { attributes: [{ key: 'service.name', value: { stringValue: 'db' } }] };
const scope: OtlpScope = { name: 'lib' };

function span(
  traceId: string,
  spanId: string,
  start: number,
  end: number,
  extra: Partial<OtlpSpan> = {},
): OtlpSpan {
  return {
    traceId,
    spanId,
    name: spanId,
    kind: 1,
    startTimeUnixNano: `${start}000`,
    endTimeUnixNano: `${end}000`,
    ...extra,
  };
}

const A = 'a'.repeat(32);
const B = 'b'.repeat(32);

// Trace A, arriving child first:      Trace B, its root missing:
//   root (web, 100–400 µs)              orphan (db, 50–60 µs, parent absent)
//   └─ query (db, 150–500 µs, ERROR)
const spans: IncomingSpan[] = [
  {
    span: span(A, '2222222222222222', 150, 500, {
      parentSpanId: '1111111111111111',
      status: { code: OtlpStatusCode.ERROR },
    }),
    resource: db,
    scope,
  },
  { span: span(A, '1111111111111111', 100, 400), resource: web, scope },
  {
    span: span(B, '3333333333333333', 50, 60, { parentSpanId: '9999999999999999' }),
    resource: { attributes: [] },
    scope,
  },
];

describe('summaryOf', () => {
  it('takes the earliest span without a parent as the root, and the whole trace’s time', () => {
    expect(summaryOf(A, spans.slice(0, 2))).toEqual({
      traceId: A,
      rootSpanName: '1111111111111111',
      serviceName: 'web',
      startTimeUnixNano: '100000',
      endTimeUnixNano: '500000',
      durationMicros: 400,
      spanCount: 2,
      errorCount: 1,
      hasRoot: true,
    });
  });

  it('names the earliest span while the root is missing, and unknown_service without a name', () => {
    expect(summaryOf(B, spans.slice(2))).toMatchObject({
      rootSpanName: '3333333333333333',
      serviceName: 'unknown_service',
      hasRoot: false,
    });
  });
});

describe('summariesOf', () => {
  it('groups by trace, newest first', () => {
    expect(summariesOf(spans).map((summary) => [summary.traceId, summary.spanCount])).toEqual([
      [A, 2],
      [B, 1],
    ]);
  });
});

describe('traceDetailOf', () => {
  it('keeps one resource and scope table entry per distinct value', () => {
    const copyOfWeb: OtlpResource = JSON.parse(JSON.stringify(web));
    const detail = traceDetailOf(A, [...spans.slice(0, 2), { ...spans[1]!, resource: copyOfWeb }]);
    expect(detail.resources).toEqual([db, web]);
    expect(detail.scopes).toEqual([scope]);
    expect(detail.spans.map((s) => s.resourceIndex)).toEqual([0, 1, 1]);
  });
});
