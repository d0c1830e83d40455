// The Jaeger query client against a real Jaeger v2 (built by scripts/ensure-jaeger.sh, in-memory
// storage, loopback ports), seeded over OTLP/HTTP with the traces of test/helpers/jaeger-seed.ts.
// Only the fallback to the older API (a proxy that hides api/v3) and the failures that need a
// misbehaving server use small stand-ins; they pass everything else on to the real Jaeger.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OtlpTraceRequest } from '../../../app/model/otlp';
import type { IncomingSpan } from '../../../app/storage/incoming-span';
import {
  JaegerQueryClient,
  type JaegerSearchQuery,
} from '../../../app/sources/jaeger-query-client';
import { summariesOf } from '../../../app/sources/remote-traces';
import { SourceError } from '../../../app/sources/source-error';
import type { HttpProgress } from '../../../app/sources/http-get';
import { findJaeger, startJaeger, type Jaeger } from '../../helpers/jaeger';
import { makeSeed, seedJaeger, seedServices, type JaegerSeed } from '../../helpers/jaeger-seed';
import { comparableSpans } from '../../helpers/otlp-compare';
import { proxyTo, startStubServer, type StubServer } from '../../helpers/stub-server';

const found = findJaeger();
const skipReason = 'missing' in found ? found.missing : undefined;
if (skipReason) console.warn(`Jaeger query client tests skipped: ${skipReason}`);

function asRequest(spans: readonly IncomingSpan[]): OtlpTraceRequest {
  return {
    resourceSpans: spans.map(({ span, resource, scope }) => ({
      resource,
      scopeSpans: [{ scope, spans: [span] }],
    })),
  };
}

function linksOf(request: OtlpTraceRequest): Record<string, unknown> {
  const links: Record<string, unknown> = {};
  for (const rs of request.resourceSpans ?? [])
    for (const ss of rs.scopeSpans ?? [])
      for (const span of ss.spans ?? []) links[span.spanId] = span.links ?? [];
  return links;
}

async function failureOf(promise: Promise<unknown>): Promise<SourceError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SourceError) return error;
    throw error;
  }
  throw new Error('expected a SourceError');
}

describe.skipIf(skipReason !== undefined)(
  skipReason
    ? `JaegerQueryClient against a real Jaeger (skipped: ${skipReason})`
    : 'JaegerQueryClient against a real Jaeger',
  () => {
    let jaeger: Jaeger;
    let seed: JaegerSeed;
    let client: JaegerQueryClient;
    const stubs: StubServer[] = [];

    beforeAll(async () => {
      jaeger = await startJaeger((found as { binary: string }).binary);
      seed = makeSeed();
      await seedJaeger(jaeger, seed.all);
      client = new JaegerQueryClient({ baseUrl: jaeger.queryUrl, timeoutMs: 10_000 });
    }, 60_000);
    afterAll(async () => {
      for (const stub of stubs) await stub.close();
      await jaeger?.stop();
    }, 15_000);

    const lastHour = (): Pick<
      JaegerSearchQuery,
      'startAfterUnixMillis' | 'startBeforeUnixMillis'
    > => ({
      startAfterUnixMillis: seed.now - 60 * 60_000,
      startBeforeUnixMillis: Date.now(),
    });
    const traceIdsOf = async (query: JaegerSearchQuery, on = client) =>
      new Set(summariesOf((await on.searchTraces(query)).spans).map((t) => t.traceId));

    it('lists the services, over api/v3', async () => {
      expect(await client.services()).toEqual(seedServices);
      expect(client.api).toBe('v3');
    });

    it('lists the operations of a service, with their span kinds', async () => {
      expect(await client.operations('checkout')).toEqual([
        { name: 'GET /cart', spanKind: 'server' },
        { name: 'INSERT orders', spanKind: 'client' },
        { name: 'POST /checkout', spanKind: 'server' },
      ]);
      expect(await client.operations('no-such-service')).toEqual([]);
    });

    it('searches by service: every trace with a span of it in the time range', async () => {
      const { t1, t2, t3 } = seed;
      expect(await traceIdsOf({ service: 'checkout', ...lastHour(), limit: 20 })).toEqual(
        new Set([t1.traceId, t2.traceId, t3.traceId]),
      );
    });

    it('summarises what it found like the local list: root, service, duration, spans, errors', async () => {
      const remote = await client.searchTraces({ service: 'frontend', ...lastHour(), limit: 20 });
      expect(summariesOf(remote.spans)).toEqual([
        {
          traceId: seed.t3.traceId,
          rootSpanName: 'GET /',
          serviceName: 'frontend',
          startTimeUnixNano:
            seed.t3.request.resourceSpans![0]!.scopeSpans![0]!.spans![0]!.startTimeUnixNano,
          endTimeUnixNano:
            seed.t3.request.resourceSpans![0]!.scopeSpans![0]!.spans![0]!.endTimeUnixNano,
          durationMicros: 900_000,
          spanCount: 3,
          errorCount: 0,
          hasRoot: true,
        },
      ]);
    });

    it('searches by operation', async () => {
      expect(
        await traceIdsOf({ service: 'checkout', operation: 'GET /cart', ...lastHour(), limit: 20 }),
      ).toEqual(new Set([seed.t2.traceId]));
      expect(
        await traceIdsOf({ service: 'payments', operation: 'GET /cart', ...lastHour(), limit: 20 }),
      ).toEqual(new Set());
    });

    it('searches by attributes, all of which one span of the service must have', async () => {
      const gold = [{ key: 'customer.tier', value: 'gold' }];
      expect(
        await traceIdsOf({ service: 'checkout', attributes: gold, ...lastHour(), limit: 20 }),
      ).toEqual(new Set([seed.t1.traceId, seed.t3.traceId]));
      expect(
        await traceIdsOf({
          service: 'checkout',
          attributes: [...gold, { key: 'http.response.status_code', value: '500' }],
          ...lastHour(),
          limit: 20,
        }),
      ).toEqual(new Set([seed.t1.traceId]));
      // On the payments span, not on one of checkout's.
      expect(
        await traceIdsOf({
          service: 'checkout',
          attributes: [{ key: 'retry', value: 'true' }],
          ...lastHour(),
          limit: 20,
        }),
      ).toEqual(new Set());
    });

    it('searches by span duration: some span of the service within the bounds', async () => {
      expect(
        await traceIdsOf({
          service: 'checkout',
          minDurationMicros: 500_000,
          ...lastHour(),
          limit: 20,
        }),
      ).toEqual(new Set([seed.t3.traceId]));
      // INSERT orders (40 ms) is a checkout span of T1.
      expect(
        await traceIdsOf({
          service: 'checkout',
          maxDurationMicros: 50_000,
          ...lastHour(),
          limit: 20,
        }),
      ).toEqual(new Set([seed.t1.traceId, seed.t2.traceId]));
      expect(
        await traceIdsOf({
          service: 'checkout',
          minDurationMicros: 200_000,
          maxDurationMicros: 300_000,
          ...lastHour(),
          limit: 20,
        }),
      ).toEqual(new Set([seed.t1.traceId]));
    });

    it('searches by time range', async () => {
      expect(
        await traceIdsOf({
          service: 'checkout',
          startAfterUnixMillis: seed.now - 4 * 60 * 60_000,
          startBeforeUnixMillis: seed.now - 2 * 60 * 60_000,
          limit: 20,
        }),
      ).toEqual(new Set([seed.t4.traceId]));
      expect(
        await traceIdsOf({
          service: 'checkout',
          startAfterUnixMillis: seed.now - 7 * 60_000,
          startBeforeUnixMillis: Date.now(),
          limit: 20,
        }),
      ).toEqual(new Set([seed.t2.traceId]));
    });

    it('returns at most the limit', async () => {
      const inventory = new Set([seed.t3, ...seed.inventoryOnly].map((t) => t.traceId));
      const all = await traceIdsOf({ service: 'inventory', ...lastHour(), limit: 20 });
      expect(all).toEqual(inventory);
      const two = await traceIdsOf({ service: 'inventory', ...lastHour(), limit: 2 });
      expect(two.size).toBe(2);
      for (const id of two) expect(inventory.has(id)).toBe(true);
    });

    it('opens a trace by id: every span as it was sent', async () => {
      const remote = await client.getTrace(seed.t1.traceId);
      expect(remote.warnings).toEqual([]);
      expect(remote.spans).toHaveLength(seed.t1.spanCount);
      expect(comparableSpans(asRequest(remote.spans))).toEqual(comparableSpans(seed.t1.request));
      expect(linksOf(asRequest(remote.spans))).toEqual(linksOf(seed.t1.request));
    });

    it('says a trace is not there', async () => {
      const error = await failureOf(client.getTrace('0123456789abcdef0123456789abcdef'));
      expect(error.kind).toBe('trace-not-found');
      expect(error.message).toContain('has no trace 0123456789abcdef0123456789abcdef');
    });

    describe('a Jaeger without api/v3 (a proxy that answers 404 for it)', () => {
      let v2: JaegerQueryClient;
      beforeAll(async () => {
        const stub = await startStubServer((request, response) => {
          if (request.url?.startsWith('/api/v3/')) {
            response.writeHead(404, { 'content-type': 'text/plain' });
            response.end('404 page not found\n');
            return;
          }
          return proxyTo(jaeger.queryUrl, request, response);
        });
        stubs.push(stub);
        v2 = new JaegerQueryClient({ baseUrl: stub.url, timeoutMs: 10_000 });
      });

      it('lists services and operations over the older /api', async () => {
        expect(await v2.services()).toEqual(seedServices);
        expect(v2.api).toBe('v2');
        expect(await v2.operations('checkout')).toEqual(await client.operations('checkout'));
      });

      it('searches as api/v3 does', async () => {
        const { t1, t2, t3 } = seed;
        expect(await traceIdsOf({ service: 'checkout', ...lastHour(), limit: 20 }, v2)).toEqual(
          new Set([t1.traceId, t2.traceId, t3.traceId]),
        );
        expect(
          await traceIdsOf(
            { service: 'checkout', minDurationMicros: 500_000, ...lastHour(), limit: 20 },
            v2,
          ),
        ).toEqual(new Set([t3.traceId]));
      });

      it('opens a trace with the same spans (links keep only their ids)', async () => {
        const remote = await v2.getTrace(seed.t1.traceId);
        expect(remote.api).toBe('v2');
        expect(comparableSpans(asRequest(remote.spans))).toEqual(comparableSpans(seed.t1.request));
      });
    });

    describe('failures', () => {
      it('names the host and port of a Jaeger that has stopped', async () => {
        const other = await startJaeger((found as { binary: string }).binary);
        const stopped = new JaegerQueryClient({ baseUrl: other.queryUrl, timeoutMs: 10_000 });
        expect(await stopped.services()).toEqual([]);
        await other.stop();
        const port = new URL(other.queryUrl).port;
        const error = await failureOf(stopped.services());
        expect(error).toMatchObject({
          kind: 'unreachable',
          message: `Cannot connect to 127.0.0.1:${port}: nothing is listening there (connection refused). Is Jaeger running, and is ${port} its query port (16686 unless changed)?`,
        });
      }, 40_000);

      it('says the path prefix is wrong, and which one Jaeger runs under', async () => {
        const wrong = new JaegerQueryClient({ baseUrl: `${jaeger.queryUrl}/wrong` });
        const error = await failureOf(wrong.services());
        expect(error).toMatchObject({
          kind: 'not-jaeger',
          message: `${jaeger.queryUrl}/wrong/api/v3/services answered with Jaeger UI's page instead of its query API: the path prefix is wrong. That Jaeger runs under /: use ${jaeger.queryUrl} as the URL.`,
        });
      });

      it('works under the path prefix a Jaeger runs under, and says when it is left out', async () => {
        const prefixed = await startJaeger((found as { binary: string }).binary, {
          basePath: '/jaeger',
        });
        try {
          const withPrefix = new JaegerQueryClient({ baseUrl: prefixed.queryUrl });
          expect(await withPrefix.services()).toEqual([]);
          expect(withPrefix.api).toBe('v3');
          const origin = new URL(prefixed.queryUrl).origin;
          const error = await failureOf(new JaegerQueryClient({ baseUrl: origin }).services());
          expect(error.message).toBe(
            `${origin}/api/v3/services answered with Jaeger UI's page instead of its query API: the path prefix is wrong. That Jaeger runs under /jaeger/: use ${origin}/jaeger as the URL.`,
          );
        } finally {
          await prefixed.stop();
        }
      }, 40_000);

      it('says the Authorization header is missing or wrong (a proxy that wants one)', async () => {
        const stub = await startStubServer((request, response) => {
          if (request.headers.authorization !== 'Bearer team-token') {
            response.writeHead(401, { 'www-authenticate': 'Bearer realm="jaeger"' });
            response.end('Unauthorized');
            return;
          }
          return proxyTo(jaeger.queryUrl, request, response);
        });
        stubs.push(stub);
        const missing = await failureOf(new JaegerQueryClient({ baseUrl: stub.url }).services());
        expect(missing.kind).toBe('unauthorized');
        expect(missing.message).toContain(
          'it needs an Authorization header, and this source has none',
        );
        const wrong = await failureOf(
          new JaegerQueryClient({ baseUrl: stub.url, authorization: 'Bearer old' }).services(),
        );
        expect(wrong.message).toContain('it did not accept the Authorization value');
        const right = new JaegerQueryClient({
          baseUrl: stub.url,
          authorization: 'Bearer team-token',
        });
        expect(await right.services()).toEqual(seedServices);
        expect(comparableSpans(asRequest((await right.getTrace(seed.t2.traceId)).spans))).toEqual(
          comparableSpans(seed.t2.request),
        );
      });

      it('times out on a server that never answers, and stops when cancelled', async () => {
        const stub = await startStubServer(() => undefined);
        stubs.push(stub);
        const silent = new JaegerQueryClient({ baseUrl: stub.url, timeoutMs: 400 });
        const started = Date.now();
        const timedOut = await failureOf(silent.services());
        expect(timedOut.kind).toBe('timeout');
        expect(Date.now() - started).toBeLessThan(5_000);
        const patient = new JaegerQueryClient({ baseUrl: stub.url, timeoutMs: 60_000 });
        const controller = new AbortController();
        const pending = patient.getTrace(seed.t1.traceId, { signal: controller.signal });
        setTimeout(() => controller.abort(), 200);
        const cancelled = await failureOf(pending);
        expect(cancelled.kind).toBe('cancelled');
      });

      it('reports progress while a trace arrives, and refuses one over the limit', async () => {
        const progress: HttpProgress[] = [];
        await client.getTrace(seed.t1.traceId, { onProgress: (p) => progress.push(p) });
        const last = progress.at(-1)!;
        expect(last.totalBytes).toBeGreaterThan(1024);
        expect(last.receivedBytes).toBe(last.totalBytes);
        const small = new JaegerQueryClient({ baseUrl: jaeger.queryUrl, maxResponseBytes: 1024 });
        await small.services();
        const error = await failureOf(small.getTrace(seed.t1.traceId));
        expect(error.kind).toBe('too-large');
        expect(error.message).toBe(
          `The answer of ${new URL(jaeger.queryUrl).host} is larger than the limit of 1 KiB (it announces ${Math.ceil(last.totalBytes! / 1024)} KiB). Narrow the search (a shorter time range, a lower limit), or raise "sourceResponseLimitMiB" in the settings.`,
        );
      });
    });
  },
);
