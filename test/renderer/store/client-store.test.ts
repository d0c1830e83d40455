// The client store without React, as zustand's own core tests run: React is mocked to throw, so
// the store (renderer/store/client-store.ts and what it imports) must not need it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MirrorStatus, SettingsState, TraceQuery } from '../../../app/contract';
import { receiverStatus, settingsState } from '../hook-fixtures';
import { createClientStore, type ClientStore } from '../../../renderer/store/client-store';
import { fakeApi, listResult, summary, traceId, tracesChanged, type FakeApi } from './fake-api';

vi.mock('react', () => {
  throw new Error('the client store must not load React');
});

const settings = (theme: 'light' | 'dark'): SettingsState => settingsState({ theme });
const mirrorStatus = (state: MirrorStatus['state']): MirrorStatus => ({
  state,
  endpoint: 'http://127.0.0.1:4318/v1/traces',
  counts: { exported: 0, failed: 0, dropped: 0, queued: 0 },
});

/** Lets answered promises and zero-delay timers run. */
const settle = () => vi.advanceTimersByTimeAsync(0);
/** Lets the list publish what it has (it publishes at most every 100 ms). */
const published = () => vi.advanceTimersByTimeAsync(150);

describe('createClientStore', () => {
  let fake: FakeApi;
  let store: ClientStore;

  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    store?.dispose();
    vi.useRealTimers();
  });

  const start = (handlers: Parameters<typeof fakeApi>[0] = {}) => {
    fake = fakeApi({
      getSettings: () => settings('light'),
      getMirrorStatus: () => mirrorStatus('off'),
      getDataNotices: () => ({ notices: ['order-book.jsonl line 3: not JSON'] }),
      getReceiverStatus: () => receiverStatus(),
      ...handlers,
    });
    store = createClientStore(fake.api);
    return store;
  };
  const list = () => store.state.getState().traceList;
  const ids = () => list().traces.map((trace) => trace.traceId);

  describe('live values', () => {
    it('fetches settings, mirror and receiver status and data notices once and keeps them current by events', async () => {
      start({ listTraces: () => listResult([]) });
      await settle();
      expect(store.state.getState().settings.value?.settings.theme).toBe('light');
      expect(store.state.getState().mirrorStatus.value?.state).toBe('off');
      expect(store.state.getState().receiverStatus.value?.http.state).toBe('off');
      expect(store.state.getState().dataNotices.value?.notices).toHaveLength(1);

      fake.push({ name: 'settingsChanged', payload: settings('dark') });
      fake.push({ name: 'mirrorStatusChanged', payload: mirrorStatus('connecting') });
      const failed = receiverStatus({
        grpc: { state: 'failed', enabled: true, error: 'port 4317 is already in use' },
      });
      fake.push({ name: 'receiverStatusChanged', payload: failed });
      expect(store.state.getState().settings.value?.settings.theme).toBe('dark');
      expect(store.state.getState().mirrorStatus.value?.state).toBe('connecting');
      expect(store.state.getState().receiverStatus.value).toBe(failed);

      // Nothing polls: a minute later no command has been sent again.
      const before = fake.calls.length;
      await vi.advanceTimersByTimeAsync(60_000);
      expect(fake.calls.length).toBe(before);
      expect(fake.listenerCount()).toBe(1);
    });

    it('keeps a pushed value when the first fetch answers later with an older one', async () => {
      start({ getMirrorStatus: undefined, listTraces: () => listResult([]) });
      fake.push({ name: 'mirrorStatusChanged', payload: mirrorStatus('sending') });
      fake.pending('getMirrorStatus')[0]!.answer(mirrorStatus('off'));
      await settle();
      expect(store.state.getState().mirrorStatus.value?.state).toBe('sending');
    });

    it('says why a first fetch failed, and takes the value from the next event', async () => {
      start({ getSettings: undefined, listTraces: () => listResult([]) });
      fake.pending('getSettings')[0]!.fail(new Error('getSettings: the host did not answer'));
      await settle();
      expect(store.state.getState().settings).toEqual({
        value: undefined,
        error: 'getSettings: the host did not answer',
      });
      fake.push({ name: 'settingsChanged', payload: settings('dark') });
      expect(store.state.getState().settings.error).toBeUndefined();
    });

    it('takes the settings from updateSettings’ answer', async () => {
      start({ listTraces: () => listResult([]), updateSettings: () => settings('dark') });
      await settle();
      await store.actions.updateSettings({ theme: 'dark' });
      expect(store.state.getState().settings.value?.settings.theme).toBe('dark');
    });

    it('changes receiver settings, then reads the receiver status that says how they took effect', async () => {
      start({ listTraces: () => listResult([]), getReceiverStatus: undefined });
      fake.pending('getReceiverStatus')[0]!.answer(receiverStatus());
      await settle();
      const saved = settingsState();
      const change = store.actions.updateReceiverSettings({ http: { enabled: true, port: 4319 } });
      await settle();
      const update = fake.pending('updateSettings')[0]!;
      expect(update.request).toEqual({ receiver: { http: { enabled: true, port: 4319 } } });
      update.answer(saved);
      await settle();
      const listening = receiverStatus({
        http: { state: 'listening', enabled: true, port: 4319, address: 'http://127.0.0.1:4319' },
      });
      fake.pending('getReceiverStatus')[0]!.answer(listening);
      await change;
      expect(store.state.getState().settings.value).toBe(saved);
      expect(store.state.getState().receiverStatus.value).toBe(listening);
    });

    it('passes on why a receiver change was refused, and keeps the status it had', async () => {
      start({ listTraces: () => listResult([]) });
      await settle();
      const before = store.state.getState().receiverStatus.value;
      const change = store.actions.updateReceiverSettings({ grpc: { port: 80 } });
      await settle();
      fake.pending('updateSettings')[0]!.fail(new Error('updateSettings: port 80 is refused'));
      await expect(change).rejects.toThrow('port 80 is refused');
      expect(store.state.getState().receiverStatus.value).toBe(before);
    });
  });

  describe('the trace list without filters', () => {
    it('lists once, then merges the changed summaries and drops the removed traces', async () => {
      start({ listTraces: () => listResult([summary(1), summary(2)]) });
      await settle();
      expect(ids()).toEqual([traceId(2), traceId(1)]);
      expect(fake.callsOf('listTraces')).toHaveLength(1);

      fake.push(
        tracesChanged([summary(2, { spanCount: 5 }), summary(3)], {
          removedTraceIds: [traceId(1)],
          totalTraces: 2,
        }),
      );
      await vi.advanceTimersByTimeAsync(150);
      expect(ids()).toEqual([traceId(3), traceId(2)]);
      expect(list().traces[1]!.spanCount).toBe(5);
      expect(list()).toMatchObject({ matchedTraces: 2, totalTraces: 2 });
      // No list request per change: only the filter choices, with no summaries (limit 0).
      expect(fake.callsOf('listTraces').map((call) => call.request)).toEqual([
        { limit: 10_000 },
        { limit: 0 },
      ]);
    });

    it('sorts by start, duration, span count or errors, ties newest first', async () => {
      start({
        listTraces: () =>
          listResult([
            summary(1, { durationMicros: 50, spanCount: 9, errorCount: 1 }),
            summary(2, { durationMicros: 900, spanCount: 3 }),
            summary(3, { durationMicros: 50, spanCount: 4, errorCount: 2 }),
          ]),
      });
      await settle();
      expect(ids()).toEqual([traceId(3), traceId(2), traceId(1)]);
      store.actions.setTraceSort({ key: 'start', descending: false });
      expect(ids()).toEqual([traceId(1), traceId(2), traceId(3)]);
      store.actions.setTraceSort({ key: 'duration', descending: true });
      expect(ids()).toEqual([traceId(2), traceId(3), traceId(1)]);
      store.actions.setTraceSort({ key: 'duration', descending: false });
      expect(ids()).toEqual([traceId(3), traceId(1), traceId(2)]);
      store.actions.setTraceSort({ key: 'spans', descending: true });
      expect(ids()).toEqual([traceId(1), traceId(3), traceId(2)]);
      store.actions.setTraceSort({ key: 'errors', descending: true });
      expect(ids()).toEqual([traceId(3), traceId(1), traceId(2)]);
    });

    it('publishes at most ten list updates a second under a burst of 1,000 change events', async () => {
      start({ listTraces: () => listResult([]) });
      await settle();
      const publishedAt: number[] = [];
      let previous = list();
      store.state.subscribe((state) => {
        if (state.traceList !== previous) publishedAt.push(Date.now());
        previous = state.traceList;
      });
      const t0 = Date.now();
      let n = 0;
      // 2 seconds: a change event every 2 ms, each with 50 new traces.
      for (let step = 0; step < 1000; step++) {
        const changed = Array.from({ length: 50 }, () => summary(++n));
        fake.push(tracesChanged(changed, { totalTraces: n }));
        await vi.advanceTimersByTimeAsync(2);
      }
      await vi.advanceTimersByTimeAsync(1000);
      for (const second of [0, 1]) {
        const inSecond = publishedAt.filter(
          (time) => time >= t0 + second * 1000 && time < t0 + (second + 1) * 1000,
        );
        expect(inSecond.length, `updates in second ${second + 1}`).toBeLessThanOrEqual(11);
      }
      expect(list().traces).toHaveLength(10_000);
      expect(list().traces[0]!.traceId).toBe(traceId(n));
      expect(list().matchedTraces).toBe(n);
      // The filter choices were asked about at most once a second.
      expect(fake.callsOf('listTraces').length).toBeLessThanOrEqual(1 + 3);
    });
  });

  describe('the trace list with filters', () => {
    const errorsOnly: TraceQuery = { errorsOnly: true };

    it('lists the matches, then asks only about the changed traces and merges the answer', async () => {
      start();
      fake.pending('listTraces')[0]!.answer(listResult([summary(1), summary(2)]));
      await settle();
      store.actions.setTraceFilter({ query: errorsOnly });
      await settle();
      const full = fake.pending('listTraces')[0]!;
      expect(full.request).toEqual({ limit: 10_000, query: errorsOnly });
      full.answer(listResult([summary(2, { errorCount: 1 })], { totalTraces: 2 }));
      await published();
      expect(ids()).toEqual([traceId(2)]);
      expect(list()).toMatchObject({ matchedTraces: 1, totalTraces: 2, loaded: true });

      // Trace 3 arrives failed, trace 2 gets a span: the core is asked about these two only.
      fake.push(
        tracesChanged([summary(3, { errorCount: 1 }), summary(2, { spanCount: 2, errorCount: 1 })]),
      );
      await settle();
      const changes = fake.pending('listTraces')[0]!;
      expect(changes.request).toEqual({ traceIds: [traceId(3), traceId(2)], query: errorsOnly });
      // Meanwhile trace 1 changes too: it waits for the answer in flight (one request at a time).
      fake.push(tracesChanged([summary(1, { spanCount: 2 })]));
      await settle();
      expect(fake.pending('listTraces')).toHaveLength(1);
      changes.answer(
        listResult([summary(3, { errorCount: 1 }), summary(2, { spanCount: 2, errorCount: 1 })], {
          matchedTraces: 2,
          totalTraces: 3,
        }),
      );
      await vi.advanceTimersByTimeAsync(150);
      expect(ids()).toEqual([traceId(3), traceId(2)]);
      expect(list().matchedTraces).toBe(2);
      const next = fake.pending('listTraces')[0]!;
      expect(next.request).toEqual({ traceIds: [traceId(1)], query: errorsOnly });
      next.answer(listResult([], { matchedTraces: 2, totalTraces: 3 }));
      await vi.advanceTimersByTimeAsync(150);
      expect(ids()).toEqual([traceId(3), traceId(2)]);
    });

    it('drops a trace the core no longer lists among the changed ones', async () => {
      start();
      fake.pending('listTraces')[0]!.answer(listResult([summary(1), summary(2)]));
      await settle();
      store.actions.setTraceFilter({ query: { minDurationMicros: 500 } });
      fake.pending('listTraces')[0]!.answer(listResult([summary(1), summary(2)]));
      await published();
      expect(ids()).toEqual([traceId(2), traceId(1)]);
      // Trace 1 got a span and now fails the filter, says the core.
      fake.push(tracesChanged([summary(1, { spanCount: 3 })]));
      await settle();
      const changes = fake.pending('listTraces')[0]!;
      expect(changes.request.traceIds).toEqual([traceId(1)]);
      changes.answer(listResult([], { matchedTraces: 1 }));
      await published();
      expect(ids()).toEqual([traceId(2)]);
      expect(list().matchedTraces).toBe(1);
    });

    it('sends at most ten requests a second, one at a time, under a burst of changes', async () => {
      let inFlight = 0;
      let maxInFlight = 0;
      const sentAt: number[] = [];
      fake = fakeApi({
        getSettings: () => settings('light'),
        getMirrorStatus: () => mirrorStatus('off'),
        getDataNotices: () => ({ notices: [] }),
      });
      store = createClientStore(fake.api);
      const answerLater = () => {
        for (const call of fake.pending('listTraces')) {
          sentAt.push(Date.now());
          inFlight += 1;
          maxInFlight = Math.max(maxInFlight, inFlight);
          // The core takes 30 ms to answer.
          setTimeout(() => {
            inFlight -= 1;
            call.answer(listResult([], { matchedTraces: 0 }));
          }, 30);
        }
      };
      const seen = new Set<unknown>();
      const watch = async (ms: number) => {
        for (let i = 0; i < ms; i++) {
          for (const call of fake.pending('listTraces')) {
            if (!seen.has(call)) {
              seen.add(call);
              answerLater();
            }
          }
          await vi.advanceTimersByTimeAsync(1);
        }
      };
      await watch(50);
      store.actions.setTraceFilter({ query: { service: 'checkout' } });
      const t0 = Date.now();
      let n = 0;
      for (let step = 0; step < 500; step++) {
        fake.push(tracesChanged([summary(++n), summary(++n)]));
        await watch(2);
      }
      await watch(500);
      const inFirstSecond = sentAt.filter((time) => time >= t0 && time < t0 + 1000);
      expect(inFirstSecond.length).toBeLessThanOrEqual(11);
      expect(maxInFlight).toBe(1);
      // Every changed trace was asked about.
      const asked = new Set(
        fake.callsOf('listTraces').flatMap((call) => call.request.traceIds ?? []),
      );
      expect(asked.size).toBe(n);
    });

    it('drops the answer for filters the user has already changed', async () => {
      start();
      fake.pending('listTraces')[0]!.answer(listResult([]));
      await settle();
      store.actions.setTraceFilter({ query: { service: 'a' } });
      await settle();
      const first = fake.pending('listTraces')[0]!;
      store.actions.setTraceFilter({ query: { service: 'b' } });
      first.answer(listResult([summary(1)]));
      await vi.advanceTimersByTimeAsync(150);
      expect(ids()).toEqual([]);
      const second = fake.pending('listTraces')[0]!;
      expect(second.request.query).toEqual({ service: 'b' });
      second.answer(listResult([summary(2)]));
      await vi.advanceTimersByTimeAsync(150);
      expect(ids()).toEqual([traceId(2)]);
    });

    it('sends "last N minutes" as a start bound and drops traces as they age out', async () => {
      vi.setSystemTime(1_750_000_000_000 + 100_000);
      start();
      fake.pending('listTraces')[0]!.answer(listResult([]));
      await settle();
      store.actions.setTraceFilter({ query: {}, recentMinutes: 5 });
      await settle();
      const full = fake.pending('listTraces')[0]!;
      expect(full.request.query).toEqual({ startAfterUnixMillis: Date.now() - 5 * 60_000 });
      // Traces 40 and 90 started 60 s and 10 s ago.
      full.answer(listResult([summary(40), summary(90)]));
      await published();
      expect(ids()).toEqual([traceId(90), traceId(40)]);
      await vi.advanceTimersByTimeAsync(4 * 60_000 + 1000);
      expect(ids()).toEqual([traceId(90)]);
      expect(list().matchedTraces).toBe(1);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(ids()).toEqual([]);
      expect(fake.callsOf('listTraces')).toHaveLength(2);
    });
  });

  describe('the latency table', () => {
    it('is asked only while shown, and again at most twice a second while traces change', async () => {
      start({
        listTraces: () => listResult([]),
        getLatencyByOperation: () => ({ operations: [], matchedTraces: 0 }),
      });
      await settle();
      fake.push(tracesChanged([summary(1)]));
      await vi.advanceTimersByTimeAsync(1000);
      expect(fake.callsOf('getLatencyByOperation')).toHaveLength(0);

      store.actions.setLatencyRequest({ filter: { query: {} }, histogramOf: undefined });
      await settle();
      expect(fake.callsOf('getLatencyByOperation')).toHaveLength(1);
      for (let i = 0; i < 100; i++) {
        fake.push(tracesChanged([summary(i + 2)]));
        await vi.advanceTimersByTimeAsync(10);
      }
      await vi.advanceTimersByTimeAsync(1000);
      expect(fake.callsOf('getLatencyByOperation').length).toBeLessThanOrEqual(1 + 3);
      expect(store.state.getState().latency.result).toEqual({ operations: [], matchedTraces: 0 });
      store.actions.setLatencyRequest(undefined);
      const before = fake.callsOf('getLatencyByOperation').length;
      fake.push(tracesChanged([summary(500)]));
      await vi.advanceTimersByTimeAsync(1000);
      expect(fake.callsOf('getLatencyByOperation')).toHaveLength(before);
    });
  });

  it('stops listening to the core when disposed', () => {
    start({ listTraces: () => listResult([]) });
    store.dispose();
    expect(fake.listenerCount()).toBe(0);
  });

  it('ignores first answers that arrive after it was disposed', async () => {
    start({
      listTraces: () => listResult([]),
      getSettings: undefined,
      getReceiverStatus: undefined,
    });
    store.dispose();
    fake.pending('getSettings')[0]!.answer(settings('dark'));
    fake.pending('getReceiverStatus')[0]!.answer(receiverStatus());
    await settle();
    expect(store.state.getState().settings.value).toBeUndefined();
    expect(store.state.getState().receiverStatus.value).toBeUndefined();
  });

  describe('storage', () => {
    const stats = (traceCount: number) => ({
      location: '/data/traces.sqlite',
      durable: true,
      fileBytes: 4096,
      usedBytes: 4096,
      traceCount,
      spanCount: traceCount * 6,
      pinnedTraceCount: 0,
      droppedTraceCount: 0,
      limits: { maxDatabaseMiB: 1024, maxAgeHours: null, maxTraces: 10_000 },
      unsavedSpanCount: 0,
    });

    it('deletes what the list’s current filter matches, with the same query the list asks', async () => {
      start({
        listTraces: () => listResult([summary(1)]),
        deleteMatchingTraces: () => ({ deletedTraces: 1, keptPinnedTraces: 0 }),
        clearTraces: () => ({ deletedTraces: 3, keptPinnedTraces: 1 }),
      });
      await settle();
      store.actions.setTraceFilter({ query: { service: 'checkout', errorsOnly: true } });
      await published();
      expect(await store.actions.deleteMatchingTraces()).toEqual({
        deletedTraces: 1,
        keptPinnedTraces: 0,
      });
      const listed = fake.callsOf('listTraces').at(-1)!.request.query;
      expect(fake.callsOf('deleteMatchingTraces')[0]!.request).toEqual({ query: listed });
      expect(await store.actions.clearTraces()).toEqual({ deletedTraces: 3, keptPinnedTraces: 1 });
      expect(fake.callsOf('clearTraces')[0]!.request).toEqual({});
    });

    it('asks for the storage figures only while watched, and again as traces change', async () => {
      let traces = 2;
      start({ listTraces: () => listResult([]), getStorageStats: () => stats(traces) });
      await settle();
      expect(fake.callsOf('getStorageStats')).toHaveLength(0);
      store.actions.watchStorageStats(true);
      await settle();
      expect(store.state.getState().storageStats.result?.traceCount).toBe(2);
      traces = 1;
      fake.push(tracesChanged([], { removedTraceIds: [traceId(1)], totalTraces: 1 }));
      await published();
      await vi.advanceTimersByTimeAsync(600);
      expect(store.state.getState().storageStats.result?.traceCount).toBe(1);
      store.actions.watchStorageStats(false);
      const asked = fake.callsOf('getStorageStats').length;
      fake.push(tracesChanged([], { removedTraceIds: [traceId(2)], totalTraces: 0 }));
      await vi.advanceTimersByTimeAsync(600);
      expect(fake.callsOf('getStorageStats')).toHaveLength(asked);
    });
  });
});
