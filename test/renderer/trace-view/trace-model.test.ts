import { describe, expect, it } from 'vitest';
import { buildTraceModel } from '../../../renderer/trace-view/trace-model';
import { microsSince, wholeMicros } from '../../../renderer/trace-view/trace-time';
import { trace } from './span-fixtures';

describe('microsSince', () => {
  it('keeps nanosecond precision on current unix times without BigInt', () => {
    const base = wholeMicros('1732000000000000000');
    expect(microsSince(base, '1732000000123456789')).toBeCloseTo(123456.789, 6);
  });
});

describe('buildTraceModel', () => {
  // root (frontend) ── pay (payments, error, 1 event)
  const model = buildTraceModel(
    trace([
      {
        id: 'pay',
        parent: 'root',
        start: 10,
        end: 40,
        resource: 1,
        error: true,
        events: [{ name: 'e', at: 15 }],
      },
      { id: 'root', start: 5, end: 105 },
    ]),
  );

  it('makes times relative to the earliest start', () => {
    expect(model.spans.map((span) => [span.span.spanId, span.startUs, span.endUs])).toEqual([
      ['root', 0, 100],
      ['pay', 5, 35],
    ]);
    expect(model.durationUs).toBe(100);
    expect(model.spans[1]!.eventOffsetsUs).toEqual([10]);
  });

  it('resolves services and marks error spans', () => {
    expect(model.services).toEqual(['frontend', 'payments']);
    expect(model.spans.map((span) => [span.serviceName, span.isError])).toEqual([
      ['frontend', false],
      ['payments', true],
    ]);
    expect(model.rowBySpanId.get('pay')).toBe(1);
  });
});
