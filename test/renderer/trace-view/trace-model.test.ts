import { describe, expect, it } from 'vitest';
import { buildTraceModel } from '../../../renderer/trace-view/trace-model';
import { outline } from './span-fixtures';

describe('buildTraceModel', () => {
  // root (frontend) ── pay (payments, error "it broke", 1 event)
  const model = buildTraceModel(
    outline([
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

  it('orders spans depth-first with times from the trace start', () => {
    expect(model.spans.map((span) => [span.spanId, span.depth, span.startUs, span.endUs])).toEqual([
      ['root', 0, 0, 100],
      ['pay', 1, 5, 35],
    ]);
    expect(model.durationUs).toBe(100);
    expect(Array.from(model.spans[1]!.eventOffsetsUs)).toEqual([10]);
  });

  it('resolves services and marks error spans with their message', () => {
    expect(model.services).toEqual(['frontend', 'payments']);
    expect(model.spans.map((span) => [span.serviceName, span.isError, span.statusMessage])).toEqual(
      [
        ['frontend', false, undefined],
        ['payments', true, 'it broke'],
      ],
    );
    expect(model.rowBySpanId.get('pay')).toBe(1);
  });
});
