// The one ingest path of both OTLP receivers: decode (protobuf or JSON, tolerant: an invalid span is
// left out alone), hand the spans to the store and wait until it has them (durable, once the store
// is), forward them to the mirror, count. Transports only move bytes and map errors.
import type { ReceiverCounters, ReceiverTransport } from '../model/receiver';
import { FieldError } from '../otlp/field-error';
import { readOtlpJsonRequest } from '../otlp/otlp-json-reader';
import { OtlpWireError, readOtlpProtobufRequest } from '../otlp/otlp-protobuf-reader';
import { endBeforeStartWarning, normalizeIncomingSpans } from '../otlp/normalize-incoming-spans';
import { problemSummary, type OtlpReadResult } from '../otlp/read-problems';
import type { IncomingSpan } from '../storage/incoming-span';
import { rejectedSpansWarning } from '../storage/rejected-spans';
import type { RejectedSpan } from '../storage/trace-store';
import type { ExportOutcome } from './export-response';
import { asReceiverError, ReceiverError } from './receiver-errors';

export type OtlpEncoding = 'protobuf' | 'json';

/**
 * Where received spans go. The store's addSpans resolves once they are stored (on disk), with the
 * spans it refused (each alone; the others are kept).
 */
export interface SpanSink {
  addSpans(
    spans: readonly IncomingSpan[],
  ): void | Promise<void | { readonly rejectedSpans: readonly RejectedSpan[] }>;
}

/** The mirror's side: received spans to forward (it counts them, whatever becomes of them). */
export interface ReceivedSpanForwarder {
  forwardReceived(spans: readonly IncomingSpan[]): void;
}

type MutableCounters = { -readonly [K in keyof ReceiverCounters]: ReceiverCounters[K] };

export interface TransportActivity {
  readonly counters: ReceiverCounters;
  readonly lastError?: string;
  readonly lastErrorAt?: string;
}

export interface OtlpIngestOptions {
  readonly sink: SpanSink;
  /** Asked per request, so the "forward to the mirror" setting applies at once. */
  readonly forwarder?: () => ReceivedSpanForwarder | undefined;
  readonly now?: () => number;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

export class OtlpIngest {
  private readonly activity: Record<
    ReceiverTransport,
    { counters: MutableCounters; lastError?: string; lastErrorAt?: number }
  > = { grpc: { counters: zeroCounters() }, http: { counters: zeroCounters() } };
  private closing = false;
  private inFlight = 0;
  private idle: (() => void)[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly now: () => number;

  constructor(private readonly options: OtlpIngestOptions) {
    this.now = options.now ?? Date.now;
  }

  /**
   * Decodes one export request and stores its valid spans; resolves once they are in the store.
   * Throws a ReceiverError (counted) when the request as a whole fails.
   */
  async ingest(
    transport: ReceiverTransport,
    encoding: OtlpEncoding,
    body: Uint8Array,
  ): Promise<ExportOutcome> {
    if (this.closing) throw this.fail(transport, unavailable());
    this.inFlight += 1;
    try {
      const counters = this.activity[transport].counters;
      counters.bytes += body.length;
      const read = decode(encoding, body);
      // As for files: a span that ends before it starts is kept with zero duration, and said.
      const normalized = normalizeIncomingSpans(read.spans);
      let refused: readonly RejectedSpan[] = [];
      if (normalized.spans.length > 0) {
        const stored = await this.options.sink.addSpans(normalized.spans);
        refused = stored ? stored.rejectedSpans : [];
        this.options.forwarder?.()?.forwardReceived(keptSpans(normalized.spans, refused));
      }
      const accepted = normalized.spans.length - refused.length;
      const rejected = read.rejectedSpans + refused.length;
      counters.requests += 1;
      counters.spansAccepted += accepted;
      counters.spansRejected += rejected;
      const message = joinMessages(
        problemSummary(read),
        rejectedSpansWarning(refused),
        endBeforeStartWarning(normalized),
      );
      if (message !== undefined) this.recordError(transport, message);
      this.notify();
      return {
        acceptedSpans: accepted,
        rejectedSpans: rejected,
        ...(message !== undefined && { errorMessage: message }),
      };
    } catch (error) {
      throw this.fail(transport, asReceiverError(error));
    } finally {
      this.inFlight -= 1;
      if (this.inFlight === 0) for (const resolve of this.idle.splice(0)) resolve();
    }
  }

  /** Counts a request a transport refused before decoding (wrong path, type, size…). */
  fail(transport: ReceiverTransport, error: ReceiverError): ReceiverError {
    const counters = this.activity[transport].counters;
    counters.requests += 1;
    counters.failedRequests += 1;
    this.recordError(transport, error.message);
    this.notify();
    return error;
  }

  get isClosing(): boolean {
    return this.closing;
  }

  activityOf(transport: ReceiverTransport): TransportActivity {
    const { counters, lastError, lastErrorAt } = this.activity[transport];
    return {
      counters: { ...counters },
      ...(lastError !== undefined && {
        lastError,
        lastErrorAt: new Date(lastErrorAt!).toISOString(),
      }),
    };
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** New requests are refused with UNAVAILABLE; resolves when those in flight are stored. */
  async close(): Promise<void> {
    this.closing = true;
    if (this.inFlight === 0) return;
    await new Promise<void>((resolve) => this.idle.push(resolve));
  }

  private recordError(transport: ReceiverTransport, message: string): void {
    const activity = this.activity[transport];
    activity.lastError = message;
    activity.lastErrorAt = this.now();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}

function zeroCounters(): MutableCounters {
  return { requests: 0, failedRequests: 0, spansAccepted: 0, spansRejected: 0, bytes: 0 };
}

function unavailable(): ReceiverError {
  return new ReceiverError('unavailable', 'Spanlight is shutting down; try again later');
}

function decode(encoding: OtlpEncoding, body: Uint8Array): OtlpReadResult {
  try {
    // The store keeps each span's message as its details (no JSON to encode).
    if (encoding === 'protobuf')
      return readOtlpProtobufRequest(body, { tolerant: true, keepSpanMessages: true });
    let text: string;
    try {
      text = decoder.decode(body);
    } catch {
      throw new ReceiverError('malformed', 'the JSON body is not valid UTF-8');
    }
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch (error) {
      throw new ReceiverError(
        'malformed',
        `the body is not valid JSON: ${(error as Error).message}`,
      );
    }
    return readOtlpJsonRequest(document, { tolerant: true });
  } catch (error) {
    if (error instanceof OtlpWireError) throw new ReceiverError('malformed', error.message);
    if (error instanceof FieldError)
      throw new ReceiverError(
        'malformed',
        `the body is not an OTLP ExportTraceServiceRequest: ${error.message}`,
      );
    throw error;
  }
}

/** The spans the store kept: all of them, unless it refused some. */
function keptSpans(
  spans: readonly IncomingSpan[],
  refused: readonly RejectedSpan[],
): readonly IncomingSpan[] {
  if (refused.length === 0) return spans;
  const left = new Set(refused.map(({ traceId, spanId }) => `${traceId}/${spanId}`));
  return spans.filter(({ span }) => !left.has(`${span.traceId}/${span.spanId}`));
}

function joinMessages(...messages: (string | undefined)[]): string | undefined {
  const given = messages.filter((message): message is string => message !== undefined);
  return given.length > 0 ? given.join('; ') : undefined;
}
