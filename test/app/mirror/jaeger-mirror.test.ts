// The mirror's gate and counters, with a stand-in exporter whose answers the test controls.
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import {
  BasicTracerProvider,
  type ReadableSpan,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JaegerMirror } from '../../../app/mirror/jaeger-mirror';
import type { OtlpRequestExporter } from '../../../app/mirror/otlp-exporters';
import type { EffectiveMirrorConfig } from '../../../app/model/settings';
import type { OtlpTraceRequest } from '../../../app/model/otlp';
import type { IncomingSpan } from '../../../app/storage/incoming-span';

const config: EffectiveMirrorConfig = {
  endpoint: 'http://127.0.0.1:4318/v1/traces',
  endpointSource: 'default',
  headers: {},
  headersSource: 'default',
  timeoutMillis: 1000,
};

/** Holds every export until the test answers it. */
class HeldExporter implements SpanExporter {
  readonly pending: { spans: ReadableSpan[]; answer: (result: ExportResult) => void }[] = [];
  export(spans: ReadableSpan[], answer: (result: ExportResult) => void): void {
    this.pending.push({ spans, answer });
  }
  answerAll(result: ExportResult): number {
    let count = 0;
    for (const { spans, answer } of this.pending.splice(0)) {
      count += spans.length;
      answer(result);
    }
    return count;
  }
  pendingSpanCount(): number {
    return this.pending.reduce((sum, { spans }) => sum + spans.length, 0);
  }
  async shutdown(): Promise<void> {}
}

function setUp(enabled: boolean, tuning = {}) {
  const exporter = new HeldExporter();
  const mirror = new JaegerMirror({
    enabled,
    config,
    tuning: { scheduledDelayMillis: 1, ...tuning },
    createSpanExporter: () => exporter,
    createRequestExporter: () => ({ shutdown: async () => {} }) as unknown as OtlpRequestExporter,
  });
  const provider = new BasicTracerProvider({ spanProcessors: [mirror] });
  const tracer = provider.getTracer('test');
  const endSpans = (count: number) => {
    for (let i = 0; i < count; i++) tracer.startSpan(`span ${i}`).end();
  };
  return { exporter, mirror, provider, endSpans };
}

describe('JaegerMirror', () => {
  const providers: BasicTracerProvider[] = [];
  afterEach(async () => {
    for (const provider of providers.splice(0)) await provider.shutdown().catch(() => undefined);
  });

  it('lets nothing through while off, and everything that ends after it is switched on', async () => {
    const { exporter, mirror, provider, endSpans } = setUp(false);
    providers.push(provider);
    endSpans(3);
    // Whatever had been let through would be exported by a flush.
    await mirror.forceFlush();
    expect(exporter.pending).toHaveLength(0);
    expect(mirror.status().counts).toEqual({ exported: 0, failed: 0, dropped: 0, queued: 0 });
    mirror.configure(true, config);
    endSpans(2);
    await vi.waitFor(() => expect(exporter.pendingSpanCount()).toBe(2));
    expect(exporter.answerAll({ code: ExportResultCode.SUCCESS })).toBe(2);
    expect(mirror.status()).toMatchObject({
      state: 'sending',
      counts: { exported: 2, failed: 0, dropped: 0, queued: 0 },
    });
  });

  it('says connecting until the first export since switching on succeeds or fails', async () => {
    const { exporter, mirror, provider, endSpans } = setUp(true);
    providers.push(provider);
    expect(mirror.status().state).toBe('connecting');
    endSpans(1);
    await vi.waitFor(() => expect(exporter.pending).toHaveLength(1));
    // The export is on its way (a refused connection is retried until the timeout): no verdict yet.
    expect(mirror.status()).toMatchObject({ state: 'connecting', counts: { queued: 1 } });
    exporter.answerAll({ code: ExportResultCode.FAILED, error: new Error('refused') });
    expect(mirror.status()).toMatchObject({ state: 'failing', lastError: 'refused' });

    // Off and on again, or another endpoint: connecting again, though an earlier export succeeded.
    mirror.configure(false, config);
    mirror.configure(true, config);
    expect(mirror.status().state).toBe('connecting');
    endSpans(1);
    await vi.waitFor(() => expect(exporter.pending).toHaveLength(1));
    exporter.answerAll({ code: ExportResultCode.SUCCESS });
    expect(mirror.status().state).toBe('sending');
    mirror.configure(true, { ...config, endpoint: 'http://127.0.0.1:9/v1/traces' });
    expect(mirror.status().state).toBe('connecting');
  });

  it('counts spans dropped by a full queue, and every span ends up in exactly one count', async () => {
    const { exporter, mirror, provider, endSpans } = setUp(true, {
      maxQueueSize: 10,
      maxExportBatchSize: 5,
      maxConcurrentExports: 1,
    });
    providers.push(provider);
    endSpans(5);
    await vi.waitFor(() => expect(exporter.pending).toHaveLength(1));
    // One batch of 5 is on its way; the queue takes 10 more, the last 3 are dropped.
    endSpans(13);
    expect(mirror.status().counts).toEqual({ exported: 0, failed: 0, dropped: 3, queued: 15 });
    exporter.answerAll({ code: ExportResultCode.FAILED, error: new Error('boom') });
    expect(mirror.status()).toMatchObject({
      state: 'failing',
      lastError: 'boom',
      counts: { exported: 0, failed: 5, dropped: 3, queued: 10 },
    });
    const flushed = mirror.forceFlush();
    await vi.waitFor(() => {
      exporter.answerAll({ code: ExportResultCode.SUCCESS });
      expect(mirror.status().counts.queued).toBe(0);
    });
    await flushed;
    expect(mirror.status().counts).toEqual({ exported: 10, failed: 5, dropped: 3, queued: 0 });
  });

  it('waits before retrying after a failure, and says until when', async () => {
    const { exporter, mirror, provider, endSpans } = setUp(true, {
      initialRetryDelayMillis: 300,
    });
    providers.push(provider);
    endSpans(1);
    await vi.waitFor(() => expect(exporter.pending).toHaveLength(1));
    // Read before the failure is recorded, so the full delay must show however slow this runs.
    const failedAt = Date.now();
    exporter.answerAll({ code: ExportResultCode.FAILED, error: new Error('down') });
    const { retryAt } = mirror.status();
    expect(Date.parse(retryAt!) - failedAt).toBeGreaterThanOrEqual(300);
    endSpans(1);
    // The next export comes, and not before the retry time (checked when it has come).
    await vi.waitFor(() => expect(exporter.pending).toHaveLength(1), { timeout: 2_000 });
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(retryAt!));
    exporter.answerAll({ code: ExportResultCode.SUCCESS });
    expect(mirror.status()).toMatchObject({ state: 'sending', retryAt: undefined });
    expect(mirror.status().counts).toEqual({ exported: 1, failed: 1, dropped: 0, queued: 0 });
  });

  it('fails spans at once, with the reason, when the endpoint is not a URL', () => {
    const { exporter, mirror, provider, endSpans } = setUp(true);
    providers.push(provider);
    mirror.configure(true, { ...config, endpoint: 'nope', endpointError: '"nope" is not a URL' });
    endSpans(4);
    expect(exporter.pending).toHaveLength(0);
    expect(mirror.status()).toMatchObject({
      state: 'failing',
      lastError: '"nope" is not a URL',
      counts: { exported: 0, failed: 4, dropped: 0, queued: 0 },
    });
  });
});

describe('JaegerMirror.forwardReceived', () => {
  const received = (count: number): IncomingSpan[] => {
    const resource = { attributes: [{ key: 'service.name', value: { stringValue: 'remote' } }] };
    const scope = { name: 'remote-scope', schemaUrl: 'https://opentelemetry.io/schemas/1.21.0' };
    return Array.from({ length: count }, (_, i) => ({
      span: {
        traceId: '0af7651916cd43dd8448eb211c80319c',
        spanId: (i + 1).toString(16).padStart(16, '0'),
        name: `received ${i}`,
        kind: 1,
        startTimeUnixNano: '1700000000000000000',
        endTimeUnixNano: '1700000001000000000',
      },
      resource,
      scope,
    }));
  };

  function withHeldRequests(tuning = {}) {
    const sent: { request: OtlpTraceRequest; answer: (result: ExportResult) => void }[] = [];
    const mirror = new JaegerMirror({
      enabled: true,
      config,
      tuning: { scheduledDelayMillis: 1, ...tuning },
      createSpanExporter: () => new HeldExporter(),
      createRequestExporter: () =>
        ({
          export: (request: OtlpTraceRequest, answer: (result: ExportResult) => void) =>
            sent.push({ request, answer }),
          shutdown: async () => undefined,
        }) as unknown as OtlpRequestExporter,
    });
    return { mirror, sent };
  }

  it('sends received spans as OTLP requests under their own resource and scope, and counts them', async () => {
    const { mirror, sent } = withHeldRequests();
    mirror.forwardReceived(received(3));
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    const resourceSpans = sent[0]!.request.resourceSpans!;
    expect(resourceSpans).toHaveLength(1);
    expect(resourceSpans[0]!.resource).toEqual(received(1)[0]!.resource);
    expect(resourceSpans[0]!.scopeSpans![0]!.scope).toEqual({ name: 'remote-scope' });
    expect(resourceSpans[0]!.scopeSpans![0]!.schemaUrl).toBe(
      'https://opentelemetry.io/schemas/1.21.0',
    );
    expect(resourceSpans[0]!.scopeSpans![0]!.spans).toHaveLength(3);
    expect(mirror.status().counts).toEqual({ exported: 0, failed: 0, dropped: 0, queued: 3 });
    sent[0]!.answer({ code: ExportResultCode.SUCCESS });
    expect(mirror.status().counts).toEqual({ exported: 3, failed: 0, dropped: 0, queued: 0 });
  });

  it('counts what does not fit the queue as dropped, and nothing while switched off', async () => {
    const { mirror, sent } = withHeldRequests({ maxQueueSize: 4, maxConcurrentExports: 1 });
    mirror.forwardReceived(received(6));
    expect(mirror.status().counts).toEqual({ exported: 0, failed: 0, dropped: 2, queued: 4 });
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    sent[0]!.answer({ code: ExportResultCode.FAILED, error: new Error('connect ECONNREFUSED') });
    expect(mirror.status().counts).toEqual({ exported: 0, failed: 4, dropped: 2, queued: 0 });
    mirror.configure(false, config);
    mirror.forwardReceived(received(2));
    expect(mirror.status().counts).toEqual({ exported: 0, failed: 4, dropped: 2, queued: 0 });
  });
});
