// The contract's source commands through the core against a real Jaeger v2, as the web host's
// --jaeger-url gives it: list, search, open a trace, keep a copy in the local store, and a
// stopped Jaeger while the local store goes on answering.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandName, CommandRequest, CommandResponse } from '../../../app/contract';
import { validateRequest } from '../../../app/contract-validation';
import { createSpanlightCore, type SpanlightCore } from '../../../app/spanlight-core';
import { findJaeger, startJaeger, type Jaeger } from '../../helpers/jaeger';
import { makeSeed, seedJaeger, seedServices, type JaegerSeed } from '../../helpers/jaeger-seed';
import { comparableSpans, storedAsRequest } from '../../helpers/otlp-compare';
import { makeTempDir } from '../../helpers/temp-dir';

const found = findJaeger();
const skipReason = 'missing' in found ? found.missing : undefined;
if (skipReason) console.warn(`Source command tests against Jaeger skipped: ${skipReason}`);

describe.skipIf(skipReason !== undefined)(
  skipReason
    ? `the source commands against a real Jaeger (skipped: ${skipReason})`
    : 'the source commands against a real Jaeger',
  () => {
    let jaeger: Jaeger;
    let seed: JaegerSeed;
    let core: SpanlightCore;
    let cleanup: () => Promise<void>;
    const sourceId = 'jaeger-url-1';

    beforeAll(async () => {
      jaeger = await startJaeger((found as { binary: string }).binary);
      seed = makeSeed();
      await seedJaeger(jaeger, seed.all);
      const temp = await makeTempDir();
      cleanup = temp.cleanup;
      core = await createSpanlightCore({
        dataDir: temp.dir,
        env: {},
        sources: [{ baseUrl: jaeger.queryUrl }],
      });
    }, 60_000);
    afterAll(async () => {
      await core?.close();
      await jaeger?.stop();
      await cleanup?.();
    }, 15_000);

    async function call<C extends CommandName>(
      name: C,
      input: unknown,
    ): Promise<CommandResponse<C>> {
      const request: CommandRequest<C> = validateRequest(name, input);
      return (core.commands[name] as (r: CommandRequest<C>) => Promise<CommandResponse<C>>)(
        request,
      );
    }

    it('lists the services of the source', async () => {
      expect(await call('getSourceServices', { sourceId })).toEqual({
        ok: true,
        services: seedServices,
      });
    });

    it('searches by service and attribute, answering summaries', async () => {
      const result = await call('searchSource', {
        sourceId,
        query: {
          service: 'checkout',
          attributes: [{ key: 'customer.tier', value: 'gold' }],
          startAfterUnixMillis: seed.now - 60 * 60_000,
        },
      });
      if (!result.ok) throw new Error(result.error.message);
      // Newest first: T1 started 10 minutes ago, T3 20.
      expect(result.traces.map((t) => [t.traceId, t.rootSpanName, t.serviceName])).toEqual([
        [seed.t1.traceId, 'POST /checkout', 'checkout'],
        [seed.t3.traceId, 'GET /', 'frontend'],
      ]);
    });

    it('opens a trace with every span as sent, and keeps a copy in the local store', async () => {
      const opened = await call('openRemoteTrace', { sourceId, traceId: seed.t1.traceId });
      if (!opened.ok) throw new Error(opened.error.message);
      expect(opened.summary).toMatchObject({ traceId: seed.t1.traceId, spanCount: 3 });
      expect(comparableSpans(storedAsRequest(opened.trace!))).toEqual(
        comparableSpans(seed.t1.request),
      );
      expect(await call('getTrace', { traceId: seed.t1.traceId })).toBeNull();
      const kept = await call('keepRemoteTrace', { sourceId, traceId: seed.t1.traceId });
      expect(kept).toEqual({ ok: true, traceId: seed.t1.traceId, spanCount: 3, warnings: [] });
      const stored = (await call('getTrace', { traceId: seed.t1.traceId }))!;
      expect(comparableSpans(storedAsRequest(stored))).toEqual(comparableSpans(seed.t1.request));
      expect((await call('listTraces', {})).traces.map((t) => t.traceId)).toEqual([
        seed.t1.traceId,
      ]);
      // A trace not opened before is fetched for the copy.
      expect(await call('keepRemoteTrace', { sourceId, traceId: seed.t2.traceId })).toMatchObject({
        ok: true,
        spanCount: 1,
      });
    });

    it('answers a stopped Jaeger as a failure, and the local store keeps answering', async () => {
      await jaeger.stop();
      const answer = await call('searchSource', { sourceId, query: { service: 'checkout' } });
      expect(answer).toMatchObject({ ok: false, error: { kind: 'unreachable' } });
      expect(!answer.ok && answer.error.message).toContain(
        `Cannot connect to ${new URL(jaeger.queryUrl).host}`,
      );
      expect((await call('listTraces', {})).traces).toHaveLength(2);
    }, 20_000);
  },
);
