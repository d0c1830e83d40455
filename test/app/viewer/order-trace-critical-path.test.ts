// The critical path on real traces of the order workflow, as the OpenTelemetry JS SDK records them:
// start times to the millisecond, end times finer. Each step of the workflow runs after the one
// before, so the path must go through every one of them, the GET of the confirmation page included
// (before clock granularity was allowed for, a step whose rounded start fell before its
// predecessor's end was taken as overlapping and left off).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSpanlightCore, type SpanlightCore } from '../../../app/spanlight-core';
import { criticalPath, criticalShares } from '../../../renderer/trace-view/critical-path';
import { buildTraceModel } from '../../../renderer/trace-view/trace-model';
import { makeTempDir } from '../../helpers/temp-dir';

const ORDERS = 25;
const GET = 'GET /orders/{id}/confirmation';

describe('the critical path of the order workflow’s own traces', () => {
  let core: SpanlightCore;
  let cleanup: () => Promise<void>;
  const traceIds: string[] = [];

  beforeAll(async () => {
    const temp = await makeTempDir();
    cleanup = temp.cleanup;
    core = await createSpanlightCore({ dataDir: temp.dir, env: {} });
    for (let i = 0; i < ORDERS; i++) {
      const placed = await core.commands.placeOrder({
        paymentDeclined: false,
        emailServerDown: false,
        slowDatabase: i % 5 === 0,
      });
      traceIds.push(placed.traceId);
    }
  });
  afterAll(async () => {
    await core.close();
    await cleanup();
  });

  /** Each span's times from the root's start, for a failure's message (it failed once, at load ≈ 10). */
  const timings = (model: Awaited<ReturnType<typeof modelOf>>) => {
    const origin = model.spans[0]!.startUs;
    return model.spans
      .map((span) => `${span.name} ${span.startUs - origin}–${span.endUs - origin} µs`)
      .join('; ');
  };

  const modelOf = async (traceId: string) => {
    const outline = await core.commands.getTraceOutline({ traceId });
    expect(outline, traceId).not.toBeNull();
    return buildTraceModel(outline!);
  };

  it('are traces with millisecond start times (what the tolerance is for)', async () => {
    for (const traceId of traceIds) {
      const model = await modelOf(traceId);
      expect(model.spans).toHaveLength(6);
      expect(model.spans.map((span) => span.startResolutionUs)).toEqual(Array(6).fill(1000));
    }
  });

  it('runs through every step of every order, both GET spans included', async () => {
    for (const traceId of traceIds) {
      const model = await modelOf(traceId);
      const onPath = new Set(criticalPath(model.spans).map((segment) => segment.row));
      const names = model.spans.filter((span) => onPath.has(span.row)).map((span) => span.name);
      expect(names.toSorted(), `${traceId}: ${timings(model)}`).toEqual(
        [
          GET,
          GET,
          'INSERT orders',
          'authorize-payment',
          'place-order',
          'send confirmation-email',
        ].toSorted(),
      );
    }
  });

  it('shares the whole trace between its spans, without overlap', async () => {
    for (const traceId of traceIds) {
      const model = await modelOf(traceId);
      const path = criticalPath(model.spans);
      const root = model.spans[0]!;
      const shares = criticalShares(path, root.endUs - root.startUs);
      const total = shares.reduce((sum, entry) => sum + entry.share, 0);
      expect(total, traceId).toBeCloseTo(1, 6);
      const ordered = [...path].reverse();
      for (let i = 1; i < ordered.length; i++) {
        expect(ordered[i]!.startUs).toBeGreaterThanOrEqual(ordered[i - 1]!.endUs - 1e-6);
      }
    }
  });
});
