// The mirror to Jaeger: a span processor that sits in the tracer provider for the app's whole life
// and is opened and closed by the "Export to Jaeger" switch, so the provider is never rebuilt.
// It batches like the SDK's BatchSpanProcessor, but keeps its own bounded queue so that every span
// it lets through ends up counted as exported, failed, dropped or (still) queued: no silent loss.
import type { Context } from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type {
  ReadableSpan,
  Span,
  SpanExporter,
  SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { MirrorStatus } from '../model/mirror';
import type { OtlpTraceRequest } from '../model/otlp';
import type { EffectiveMirrorConfig } from '../model/settings';
import type { IncomingSpan } from '../storage/incoming-span';
import { receivedSpansToOtlpRequest } from './received-spans';
import { describeExportError } from './export-error-text';
import {
  countSpans,
  createOtlpRequestExporter,
  createSpanExporter,
  type OtlpRequestExporter,
} from './otlp-exporters';

export interface JaegerMirrorTuning {
  /** Spans waiting at most; past this, new spans are dropped (and counted). */
  readonly maxQueueSize: number;
  readonly maxExportBatchSize: number;
  /** How long a partial batch waits for more spans: short, so an order shows up in Jaeger at once. */
  readonly scheduledDelayMillis: number;
  readonly maxConcurrentExports: number;
  /** After a failed export, the next one waits this long, doubling up to maxRetryDelayMillis. */
  readonly initialRetryDelayMillis: number;
  readonly maxRetryDelayMillis: number;
}

export const desktopTuning: JaegerMirrorTuning = {
  maxQueueSize: 8192,
  maxExportBatchSize: 512,
  scheduledDelayMillis: 200,
  maxConcurrentExports: 2,
  initialRetryDelayMillis: 1000,
  maxRetryDelayMillis: 5000,
};

export interface JaegerMirrorOptions {
  readonly config: EffectiveMirrorConfig;
  readonly enabled: boolean;
  readonly tuning?: Partial<JaegerMirrorTuning>;
  /** Tests replace the network exporters; the app uses the OTLP/HTTP ones. */
  readonly createSpanExporter?: (config: EffectiveMirrorConfig) => SpanExporter;
  readonly createRequestExporter?: (config: EffectiveMirrorConfig) => OtlpRequestExporter;
  readonly now?: () => number;
}

/** Called after every change of status or counts; read status() when needed (it is built on demand). */
const SHUTDOWN_DEADLINE_MS = 3000;

async function withDeadline(work: Promise<unknown>, millis: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    work.catch(() => undefined),
    new Promise((resolve) => (timer = setTimeout(resolve, millis))),
  ]);
  clearTimeout(timer);
}

export type MirrorStatusListener = () => void;

interface Exporters {
  readonly config: EffectiveMirrorConfig;
  readonly spans: SpanExporter;
  readonly requests: OtlpRequestExporter;
}

function sameExporterConfig(a: EffectiveMirrorConfig, b: EffectiveMirrorConfig): boolean {
  return (
    a.endpoint === b.endpoint &&
    a.timeoutMillis === b.timeoutMillis &&
    JSON.stringify(a.headers) === JSON.stringify(b.headers)
  );
}

export class JaegerMirror implements SpanProcessor {
  private enabled: boolean;
  private config: EffectiveMirrorConfig;
  private exporters: Exporters | undefined;
  private readonly tuning: JaegerMirrorTuning;
  private readonly makeSpanExporter: (config: EffectiveMirrorConfig) => SpanExporter;
  private readonly makeRequestExporter: (config: EffectiveMirrorConfig) => OtlpRequestExporter;
  private readonly now: () => number;

  private queue: ReadableSpan[] = [];
  /** Spans an OTLP receiver took in, waiting to be forwarded (sent as OTLP requests). */
  private received: IncomingSpan[] = [];
  private spansInFlight = 0;
  private exportsInFlight = 0;
  private exported = 0;
  private failed = 0;
  private dropped = 0;
  private lastSuccessAt: number | undefined;
  private lastError: string | undefined;
  private lastErrorAt: number | undefined;
  private consecutiveFailures = 0;
  private retryAt: number | undefined;
  /** No export result yet since the switch went on or the endpoint changed: "Connecting…". */
  private awaitingFirstResult: boolean;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private idleWaiters: (() => void)[] = [];
  private readonly listeners = new Set<MirrorStatusListener>();

  constructor(options: JaegerMirrorOptions) {
    this.enabled = options.enabled;
    this.config = options.config;
    this.tuning = { ...desktopTuning, ...options.tuning };
    this.makeSpanExporter = options.createSpanExporter ?? createSpanExporter;
    this.makeRequestExporter = options.createRequestExporter ?? createOtlpRequestExporter;
    this.now = options.now ?? Date.now;
    this.awaitingFirstResult = options.enabled;
  }

  /** Opens or closes the gate and (re)points the exporter; spans already queued still go out. */
  configure(enabled: boolean, config: EffectiveMirrorConfig): void {
    const wasEnabled = this.enabled;
    const endpointChanged = !sameExporterConfig(this.config, config);
    this.enabled = enabled;
    this.config = config;
    if (endpointChanged && this.exporters) {
      const old = this.exporters;
      this.exporters = undefined;
      // shutdown() waits for the old exporter's requests; their results are still counted.
      void old.spans.shutdown().catch(() => undefined);
      void old.requests.shutdown().catch(() => undefined);
    }
    if (endpointChanged || (enabled && !wasEnabled)) {
      this.clearFailure();
      this.awaitingFirstResult = true;
    }
    this.notify();
    if (this.pendingCount() > 0) this.schedule();
  }

  subscribe(listener: MirrorStatusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  status(): MirrorStatus {
    const iso = (time: number | undefined) =>
      time === undefined ? undefined : new Date(time).toISOString();
    const failing =
      this.config.endpointError !== undefined ||
      (this.lastErrorAt !== undefined && (this.lastSuccessAt ?? -1) < this.lastErrorAt);
    const connecting = this.awaitingFirstResult && this.config.endpointError === undefined;
    return {
      state: !this.enabled ? 'off' : connecting ? 'connecting' : failing ? 'failing' : 'sending',
      endpoint: this.config.endpoint,
      lastSuccessAt: iso(this.lastSuccessAt),
      lastError: this.config.endpointError ?? this.lastError,
      lastErrorAt: iso(this.lastErrorAt),
      retryAt: failing && this.config.endpointError === undefined ? iso(this.retryAt) : undefined,
      counts: {
        exported: this.exported,
        failed: this.failed,
        dropped: this.dropped,
        queued: this.queue.length + this.received.length + this.spansInFlight,
      },
    };
  }

  onStart(_span: Span, _parentContext: Context): void {}

  onEnd(span: ReadableSpan): void {
    if (!this.enabled || this.closed) return;
    if (this.config.endpointError !== undefined) {
      this.failed += 1;
      this.lastErrorAt = this.now();
      this.notify();
      return;
    }
    if (this.pendingCount() >= this.tuning.maxQueueSize) {
      this.dropped += 1;
      this.notify();
      return;
    }
    this.queue.push(span);
    this.notify();
    this.schedule();
  }

  /**
   * Queues spans an OTLP receiver stored, to be sent like the app's own: batched, bounded by the same
   * queue (what does not fit is counted as dropped), counted as exported or failed.
   */
  forwardReceived(spans: readonly IncomingSpan[]): void {
    if (!this.enabled || this.closed || spans.length === 0) return;
    if (this.config.endpointError !== undefined) {
      this.failed += spans.length;
      this.lastErrorAt = this.now();
      this.notify();
      return;
    }
    const room = Math.max(0, this.tuning.maxQueueSize - this.pendingCount());
    const taken = Math.min(room, spans.length);
    for (let i = 0; i < taken; i++) this.received.push(spans[i]!);
    this.dropped += spans.length - taken;
    this.notify();
    this.schedule();
  }

  /**
   * Sends already-converted OTLP requests (the stored traces) one after the other, counted like
   * live spans. Resolves with what happened; never rejects.
   */
  async sendRequests(
    requests: readonly OtlpTraceRequest[],
  ): Promise<{ exported: number; failed: number; error?: string }> {
    let exported = 0;
    let failed = 0;
    let firstError: string | undefined;
    for (const request of requests) {
      const count = countSpans(request);
      if (count === 0) continue;
      if (this.config.endpointError !== undefined) {
        this.failed += count;
        failed += count;
        firstError ??= this.config.endpointError;
        continue;
      }
      const { requests: exporter, config } = this.currentExporters();
      this.spansInFlight += count;
      this.notify();
      const result = await new Promise<ExportResult>((resolve) =>
        exporter.export(request, resolve),
      );
      this.spansInFlight -= count;
      const error = this.record(result, count, config);
      if (error === undefined) exported += count;
      else {
        failed += count;
        firstError ??= error;
      }
    }
    this.notifyIdle();
    return { exported, failed, ...(firstError ? { error: firstError } : {}) };
  }

  /** Sends everything queued now, ignoring the batch delay and any retry wait. */
  async forceFlush(): Promise<void> {
    this.retryAt = undefined;
    this.clearTimer();
    this.startExports();
    if (this.pendingCount() === 0 && this.exportsInFlight === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  /** Flushes what it can within a short deadline: quitting must not hang on a dead endpoint. */
  async shutdown(): Promise<void> {
    if (this.closed) return;
    const deadline = Math.min(this.config.timeoutMillis, SHUTDOWN_DEADLINE_MS);
    await withDeadline(this.forceFlush(), deadline);
    this.closed = true;
    this.clearTimer();
    this.listeners.clear();
    if (this.exporters) {
      const { spans, requests } = this.exporters;
      await withDeadline(Promise.all([spans.shutdown(), requests.shutdown()]), deadline);
    }
  }

  private currentExporters(): Exporters {
    if (!this.exporters) {
      this.exporters = {
        config: this.config,
        spans: this.makeSpanExporter(this.config),
        requests: this.makeRequestExporter(this.config),
      };
    }
    return this.exporters;
  }

  private clearFailure(): void {
    this.lastError = undefined;
    this.lastErrorAt = undefined;
    this.consecutiveFailures = 0;
    this.retryAt = undefined;
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Spans waiting in either queue. */
  private pendingCount(): number {
    return this.queue.length + this.received.length;
  }

  private schedule(): void {
    if (this.closed || this.timer || this.pendingCount() === 0) return;
    const now = this.now();
    const waitForRetry = this.retryAt !== undefined ? this.retryAt - now : 0;
    const fullBatch =
      this.queue.length >= this.tuning.maxExportBatchSize ||
      this.received.length >= this.tuning.maxExportBatchSize;
    const delay = Math.max(waitForRetry, fullBatch ? 0 : this.tuning.scheduledDelayMillis);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.startExports();
    }, delay);
    // A pending batch must not keep a quitting app alive; shutdown() flushes it.
    this.timer.unref();
  }

  private startExports(): void {
    if (this.retryAt !== undefined && this.now() < this.retryAt) {
      this.schedule();
      return;
    }
    while (this.pendingCount() > 0 && this.exportsInFlight < this.tuning.maxConcurrentExports) {
      if (this.queue.length > 0)
        this.exportBatch(this.queue.splice(0, this.tuning.maxExportBatchSize));
      else this.exportReceived(this.received.splice(0, this.tuning.maxExportBatchSize));
    }
    if (this.pendingCount() > 0) this.schedule();
  }

  private exportReceived(batch: IncomingSpan[]): void {
    const { requests: exporter, config } = this.currentExporters();
    this.exportTracked(batch.length, config, (done) =>
      exporter.export(receivedSpansToOtlpRequest(batch), done),
    );
  }

  private exportBatch(batch: ReadableSpan[]): void {
    const { spans: exporter, config } = this.currentExporters();
    this.exportTracked(batch.length, config, (done) => exporter.export(batch, done));
  }

  /** Runs one export of `spanCount` spans, counting it in flight until its result (once) arrives. */
  private exportTracked(
    spanCount: number,
    config: Exporters['config'],
    send: (done: (result: ExportResult) => void) => void,
  ): void {
    this.exportsInFlight += 1;
    this.spansInFlight += spanCount;
    let settled = false;
    const finish = (result: ExportResult) => {
      if (settled) return;
      settled = true;
      this.exportsInFlight -= 1;
      this.spansInFlight -= spanCount;
      this.record(result, spanCount, config);
      if (this.pendingCount() > 0) this.schedule();
      this.notifyIdle();
    };
    try {
      send(finish);
    } catch (error) {
      finish({ code: ExportResultCode.FAILED, error: error as Error });
    }
  }

  /** Counts one export's result; returns the error in words when it failed. */
  private record(
    result: ExportResult,
    count: number,
    config: EffectiveMirrorConfig,
  ): string | undefined {
    const now = this.now();
    const current = config === this.config || sameExporterConfig(config, this.config);
    if (current) this.awaitingFirstResult = false;
    if (result.code === ExportResultCode.SUCCESS) {
      this.exported += count;
      this.lastSuccessAt = now;
      this.consecutiveFailures = 0;
      this.retryAt = undefined;
      this.notify();
      return undefined;
    }
    this.failed += count;
    const text = describeExportError(result.error, config.endpoint, config.timeoutMillis);
    // A late failure from a replaced endpoint is counted but does not mark the new one as failing.
    if (current) {
      this.lastError = text;
      this.lastErrorAt = now;
      this.consecutiveFailures += 1;
      const delay = Math.min(
        this.tuning.initialRetryDelayMillis * 2 ** (this.consecutiveFailures - 1),
        this.tuning.maxRetryDelayMillis,
      );
      this.retryAt = now + delay;
    }
    this.notify();
    return text;
  }

  private notifyIdle(): void {
    if (this.pendingCount() > 0 || this.exportsInFlight > 0 || this.spansInFlight > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
