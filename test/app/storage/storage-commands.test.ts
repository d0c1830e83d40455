// The storage commands through a real core over a database file: pin, delete one, delete what the
// list's filter matches, clear all, the stats, the retention settings, and the change events the
// list updates from.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SpanlightEvent, TracesChangedEvent } from '../../../app/contract';
import { InvalidRequestError, validateRequest } from '../../../app/contract-validation';
import { createSpanlightCore, type SpanlightCore } from '../../../app/spanlight-core';
import { DEFAULT_RETAINED_TRACES } from '../../../app/model/retention';
import { makeTempDir } from '../../helpers/temp-dir';

const id = (n: number) => n.toString(16).padStart(32, '0');

/** Trace n: one root span named `name`, of service `service`, received in its own file. */
function file(n: number, name: string, service = 'shop'): string {
  const nanos = String(1_750_000_000n * 1_000_000_000n + BigInt(n) * 1_000_000n);
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
        scopeSpans: [
          {
            scope: { name: 'test' },
            spans: [
              {
                traceId: id(n),
                spanId: n.toString(16).padStart(16, '0'),
                name,
                kind: 2,
                startTimeUnixNano: nanos,
                endTimeUnixNano: nanos,
              },
            ],
          },
        ],
      },
    ],
  });
}

describe('the storage commands', () => {
  let core: SpanlightCore;
  let dir: string;
  let cleanup: () => Promise<void>;
  let events: SpanlightEvent[];
  const listed = async (request = {}) =>
    (await core.commands.listTraces(request)).traces.map((summary) => summary.traceId).sort();
  const tracesChanged = () =>
    events
      .filter((event) => event.name === 'tracesChanged')
      .map((event) => event.payload as TracesChangedEvent);

  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
    core = await createSpanlightCore({ dataDir: dir, env: {} });
    events = [];
    core.subscribe((event) => events.push(event));
    const names = ['checkout', 'checkout', 'report', 'checkout'];
    for (const [index, name] of names.entries())
      await core.commands.importTraceText({
        fileName: `${index}.json`,
        text: file(index + 1, name),
      });
  });
  afterEach(async () => {
    await core.close();
    await cleanup();
  });

  it('pins a trace, marks it in the list and the change event, and keeps it across a restart', async () => {
    expect(await core.commands.setTracePinned({ traceId: id(2), pinned: true })).toEqual({
      traceId: id(2),
      pinned: true,
      found: true,
    });
    const summary = (await core.commands.listTraces({})).traces.find((t) => t.traceId === id(2));
    expect(summary?.pinned).toBe(true);
    await expect.poll(() => tracesChanged().at(-1)?.changed[0]?.pinned).toBe(true);
    expect(await core.commands.setTracePinned({ traceId: id(99), pinned: true })).toMatchObject({
      found: false,
    });
    expect(await core.commands.getStorageStats({})).toMatchObject({ pinnedTraceCount: 1 });
    await core.close();
    core = await createSpanlightCore({ dataDir: dir, env: {} });
    expect(await core.commands.getStorageStats({})).toMatchObject({
      traceCount: 4,
      pinnedTraceCount: 1,
    });
  });

  it('deletes one trace, pinned or not, and the list hears of it', async () => {
    await core.commands.setTracePinned({ traceId: id(1), pinned: true });
    expect(await core.commands.deleteTrace({ traceId: id(1) })).toEqual({
      deletedTraces: 1,
      keptPinnedTraces: 0,
    });
    expect(await listed()).toEqual([id(2), id(3), id(4)]);
    await expect
      .poll(() => tracesChanged().flatMap((event) => event.removedTraceIds))
      .toContain(id(1));
    expect(await core.commands.deleteTrace({ traceId: id(1) })).toMatchObject({ deletedTraces: 0 });
  });

  it('deletes the traces the list filter matches, all of them, except pinned ones', async () => {
    await core.commands.setTracePinned({ traceId: id(4), pinned: true });
    const query = { spanName: 'checkout' };
    expect(await core.commands.deleteMatchingTraces({ query })).toEqual({
      deletedTraces: 2,
      keptPinnedTraces: 1,
    });
    expect(await listed()).toEqual([id(3), id(4)]);
    // The same request the list takes: a query that matches nothing deletes nothing.
    expect(await core.commands.deleteMatchingTraces({ query: { service: 'nobody' } })).toEqual({
      deletedTraces: 0,
      keptPinnedTraces: 0,
    });
  });

  it('clears every trace but the pinned ones', async () => {
    await core.commands.setTracePinned({ traceId: id(3), pinned: true });
    expect(await core.commands.clearTraces({})).toEqual({ deletedTraces: 3, keptPinnedTraces: 1 });
    expect(await listed()).toEqual([id(3)]);
    expect(await core.commands.getStorageStats({})).toMatchObject({ traceCount: 1, spanCount: 1 });
  });

  it('reports the size on disk, the counts and the limits, which settings change', async () => {
    const stats = await core.commands.getStorageStats({});
    expect(stats).toMatchObject({
      durable: true,
      traceCount: 4,
      spanCount: 4,
      pinnedTraceCount: 0,
      droppedTraceCount: 0,
      unsavedSpanCount: 0,
      limits: { maxDatabaseMiB: 1024, maxAgeHours: null, maxTraces: 10_000 },
    });
    expect(stats.location).toMatch(/traces\.sqlite$/);
    expect(stats.fileBytes).toBeGreaterThanOrEqual(stats.usedBytes);
    await core.commands.updateSettings({ retention: { maxTraces: 2, maxAgeHours: 24 } });
    await expect.poll(async () => (await core.commands.getStorageStats({})).traceCount).toBe(2);
    expect((await core.commands.getStorageStats({})).limits).toEqual({
      maxDatabaseMiB: 1024,
      maxAgeHours: 24,
      maxTraces: 2,
    });
    // The least recently received went first.
    expect(await listed()).toEqual([id(3), id(4)]);
  });

  it('refuses requests that name no trace or are not the list filter', () => {
    expect(() => validateRequest('setTracePinned', { traceId: id(1) })).toThrow(
      InvalidRequestError,
    );
    expect(() => validateRequest('setTracePinned', { traceId: 'x', pinned: true })).toThrow(
      /"traceId"/,
    );
    expect(() =>
      validateRequest('deleteMatchingTraces', { query: { minDurationMicros: 'long' } }),
    ).toThrow(InvalidRequestError);
    expect(validateRequest('deleteMatchingTraces', {})).toEqual({});
  });
});

describe('retention limits saved above the defaults', () => {
  it('keep every trace across a restart (the store opens with them, not with the defaults)', async () => {
    const { dir, cleanup } = await makeTempDir();
    const count = DEFAULT_RETAINED_TRACES + 5;
    try {
      let core = await createSpanlightCore({ dataDir: dir, env: {} });
      await core.commands.updateSettings({ retention: { maxTraces: count + 10 } });
      const traces = Array.from({ length: count }, (_, i) => JSON.parse(file(i + 1, 'op')));
      await core.commands.importTraceText({
        fileName: 'many.json',
        text: JSON.stringify({ resourceSpans: traces.flatMap((t) => t.resourceSpans) }),
      });
      expect((await core.commands.getStorageStats({})).traceCount).toBe(count);
      await core.close();

      core = await createSpanlightCore({ dataDir: dir, env: {} });
      try {
        expect(await core.commands.getStorageStats({})).toMatchObject({
          traceCount: count,
          droppedTraceCount: 0,
        });
      } finally {
        await core.close();
      }
    } finally {
      await cleanup();
    }
  });
});
