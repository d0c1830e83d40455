import { describe, expect, it } from 'vitest';
import type { OtlpResource } from '../../../app/model/otlp';
import { RemoteTraceCache } from '../../../app/sources/remote-trace-cache';
import type { IncomingSpan } from '../../../app/storage/incoming-span';

const resource: OtlpResource = {
  attributes: [{ key: 'service.name', value: { stringValue: 'web' } }],
};

function trace(traceId: string, spanCount = 1): IncomingSpan[] {
  return Array.from({ length: spanCount }, (_, i) => ({
    span: {
      traceId,
      spanId: String(i + 1).padStart(16, '0'),
      name: `span ${i + 1}`,
      kind: 1,
      startTimeUnixNano: '1000000',
      endTimeUnixNano: '2000000',
    },
    resource,
    scope: { name: 'lib' },
  }));
}

const A = 'a'.repeat(32);
const B = 'b'.repeat(32);
const C = 'c'.repeat(32);

describe('RemoteTraceCache', () => {
  it('holds opened traces and the last search per source, the newer search replacing the older', async () => {
    const cache = new RemoteTraceCache();
    await cache.replaceResults('one', [...trace(A), ...trace(B)]);
    await cache.putOpened('one', C, trace(C, 2));
    expect(cache.holding('one', A)).toBe(cache.results('one'));
    expect(cache.holding('one', C)?.getTrace(C)?.spans).toHaveLength(2);
    // Another source holds nothing of these.
    expect(cache.holding('two', A)).toBeUndefined();
    await cache.replaceResults('one', trace(B));
    expect(cache.holding('one', A)).toBeUndefined();
    expect(cache.holding('one', B)).toBe(cache.results('one'));
    expect(cache.results('one').traceCount).toBe(1);
    await cache.close();
  });

  it('replaces an opened trace with its newer copy, and forgets a source whole', async () => {
    const cache = new RemoteTraceCache();
    await cache.putOpened('one', A, trace(A, 3));
    await cache.putOpened('one', A, trace(A, 1));
    expect(cache.holding('one', A)?.getTrace(A)?.spans).toHaveLength(1);
    await cache.forget('one');
    expect(cache.holding('one', A)).toBeUndefined();
    await cache.close();
  });
});
