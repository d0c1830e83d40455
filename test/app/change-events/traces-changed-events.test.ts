import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createTracesChangedEmitter,
  type TraceChangeSource,
} from '../../../app/change-events/traces-changed-events';
import type { TracesChangedEvent } from '../../../app/contract';
import type { TraceSummary } from '../../../app/model/trace';
import { openTraceStore } from '../../../app/storage/open-trace-store';

const traceId = (n: number) => n.toString(16).padStart(32, '0');
const spanId = (n: number) => n.toString(16).padStart(16, '0');

function summary(id: string, spanCount = 1): TraceSummary {
  return {
    traceId: id,
    rootSpanName: 'root',
    serviceName: 'svc',
    startTimeUnixNano: '1000',
    endTimeUnixNano: '2000',
    durationMicros: 0.001,
    spanCount,
    errorCount: 0,
    hasRoot: true,
  };
}

/** A map-backed source: tests decide what "the store" holds when the event is built. */
function mapSource(): TraceChangeSource & { summaries: Map<string, TraceSummary> } {
  const summaries = new Map<string, TraceSummary>();
  return {
    summaries,
    getSummary: (id) => summaries.get(id),
    get traceCount() {
      return summaries.size;
    },
    droppedTraceCount: 0,
    maxTraces: 10_000,
  };
}

describe('createTracesChangedEmitter', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends the first change in the next turn, with the summaries read at sending time', async () => {
    const source = mapSource();
    const events: TracesChangedEvent[] = [];
    const emitter = createTracesChangedEmitter(source, (event) => events.push(event));
    source.summaries.set(traceId(1), summary(traceId(1), 1));
    emitter.onChange({ changedTraceIds: [traceId(1)], removedTraceIds: [] });
    // More spans of the same trace arrive in the same turn: one event, with the newest summary.
    source.summaries.set(traceId(1), summary(traceId(1), 3));
    emitter.onChange({ changedTraceIds: [traceId(1)], removedTraceIds: [] });
    expect(events).toHaveLength(0);
    await vi.advanceTimersToNextTimerAsync();
    expect(events).toEqual([
      {
        changed: [summary(traceId(1), 3)],
        changedTraceIds: [traceId(1)],
        removedTraceIds: [],
        totalTraces: 1,
        droppedTraces: 0,
        maxTraces: 10_000,
      },
    ]);
    emitter.close();
  });

  it('reports a trace that is gone by sending time as removed, not as changed', async () => {
    const source = mapSource();
    const events: TracesChangedEvent[] = [];
    const emitter = createTracesChangedEmitter(source, (event) => events.push(event));
    source.summaries.set(traceId(2), summary(traceId(2)));
    emitter.onChange({ changedTraceIds: [traceId(1), traceId(2)], removedTraceIds: [traceId(3)] });
    await vi.advanceTimersToNextTimerAsync();
    expect(events[0]!.changedTraceIds).toEqual([traceId(2)]);
    expect(events[0]!.removedTraceIds.toSorted()).toEqual([traceId(1), traceId(3)]);
    emitter.close();
  });

  it('waits for a store that answers asynchronously, and keeps the events in order', async () => {
    const source = mapSource();
    const slow = {
      ...source,
      traceCount: 0,
      droppedTraceCount: 0,
      maxTraces: 10,
      // The first read takes 300 ms, later ones 1 ms: the second event must still come second.
      getSummary: (id: string) =>
        new Promise<TraceSummary | undefined>((resolve) =>
          setTimeout(() => resolve(summary(id)), id === traceId(1) ? 300 : 1),
        ),
    };
    const events: TracesChangedEvent[] = [];
    const emitter = createTracesChangedEmitter(slow, (event) => events.push(event));
    emitter.onChange({ changedTraceIds: [traceId(1)], removedTraceIds: [] });
    await vi.advanceTimersByTimeAsync(150);
    emitter.onChange({ changedTraceIds: [traceId(2)], removedTraceIds: [] });
    await vi.advanceTimersByTimeAsync(1000);
    expect(events.map((event) => event.changedTraceIds)).toEqual([[traceId(1)], [traceId(2)]]);
    emitter.close();
  });

  it('sends at most ten events a second under a stream of 100,000 spans a second', async () => {
    const source = mapSource();
    const sentAt: number[] = [];
    const changedPerEvent: number[] = [];
    const emitter = createTracesChangedEmitter(source, (event) => {
      sentAt.push(Date.now());
      changedPerEvent.push(event.changed.length);
    });
    const start = Date.now();
    let next = 0;
    // 3 seconds, one store change per millisecond, each with 100 spans of 10 traces.
    for (let ms = 0; ms < 3000; ms++) {
      const ids: string[] = [];
      for (let t = 0; t < 10; t++) {
        const id = traceId(++next);
        source.summaries.set(id, summary(id));
        ids.push(id);
      }
      emitter.onChange({ changedTraceIds: ids, removedTraceIds: [] });
      await vi.advanceTimersByTimeAsync(1);
    }
    await vi.advanceTimersByTimeAsync(200);
    for (let second = 0; second < 3; second++) {
      const inSecond = sentAt.filter(
        (time) => time >= start + second * 1000 && time < start + (second + 1) * 1000,
      );
      expect(inSecond.length).toBeLessThanOrEqual(10);
      expect(inSecond.length).toBeGreaterThanOrEqual(9);
    }
    // Nothing is lost: every trace that changed was in some event.
    expect(changedPerEvent.reduce((sum, count) => sum + count, 0)).toBe(next);
    emitter.close();
  });

  it('coalesces a real store filled with 100,000 spans in batches of 512', async () => {
    // In memory: the store's own SQLite, without a file (dataDir is then not written).
    const { store } = await openTraceStore({ dataDir: '', inMemory: true, maxTraces: 100_000 });
    const events: TracesChangedEvent[] = [];
    const emitter = createTracesChangedEmitter(store, (event) => events.push(event));
    store.subscribe((change) => emitter.onChange(change));
    const resource = { attributes: [{ key: 'service.name', value: { stringValue: 'load' } }] };
    const scope = { name: 'test' };
    let span = 0;
    // 196 batches over one second: 100,352 spans, 8 spans per trace.
    for (let batch = 0; batch < 196; batch++) {
      const incoming = Array.from({ length: 512 }, () => {
        span += 1;
        return {
          span: {
            traceId: traceId(Math.ceil(span / 8)),
            spanId: spanId(span),
            name: 'work',
            kind: 1,
            startTimeUnixNano: String(1_000_000_000 + span),
            endTimeUnixNano: String(1_000_000_500 + span),
          },
          resource,
          scope,
        };
      });
      store.addSpans(incoming);
      await vi.advanceTimersByTimeAsync(1000 / 196);
    }
    await vi.advanceTimersByTimeAsync(200);
    expect(events.length).toBeLessThanOrEqual(11);
    const last = events.at(-1)!;
    expect(last.totalTraces).toBe(Math.ceil(span / 8));
    const lastSummaries = new Map(
      events.flatMap((event) => event.changed.map((s) => [s.traceId, s])),
    );
    expect(lastSummaries.get(traceId(1))?.spanCount).toBe(8);
    emitter.close();
    await store.close();
  });
});
