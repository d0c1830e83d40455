// The Jaeger mirror's status as the contract carries it.
import type * as v from 'valibot';
import type { sendStoredTracesRequestSchema } from '../contract-schemas';

/** `connecting`: on, but no export has succeeded or failed since it was switched on or pointed at
 * another endpoint (a refused connection is retried for up to the timeout before it fails). */
export type MirrorState = 'off' | 'connecting' | 'sending' | 'failing';

/**
 * Every span the switch let through is in exactly one of these:
 * accepted + failedBeforeQueue = exported + failed + dropped + queued.
 */
export interface MirrorCounts {
  /** Spans the endpoint accepted. */
  readonly exported: number;
  /** Spans given up after the exporter's attempts failed (or with no usable endpoint). */
  readonly failed: number;
  /** Spans discarded because the bounded queue was full. */
  readonly dropped: number;
  /** Spans waiting to be sent or on their way. */
  readonly queued: number;
}

export interface MirrorStatus {
  readonly state: MirrorState;
  readonly endpoint: string;
  /** ISO time of the last accepted export. */
  readonly lastSuccessAt?: string;
  /** The last failure in words, e.g. "connection refused at 127.0.0.1:4318". */
  readonly lastError?: string;
  readonly lastErrorAt?: string;
  /**
   * While failing: the earliest time of the next attempt (ISO). Spans queued by then go out at
   * that time; when none are queued, the next span that ends is sent at once.
   */
  readonly retryAt?: string;
  readonly counts: MirrorCounts;
}

export type SendStoredTracesRequest = v.InferOutput<typeof sendStoredTracesRequestSchema>;

export interface SendStoredTracesResult {
  readonly traceCount: number;
  readonly spanCount: number;
  readonly exportedSpanCount: number;
  readonly failedSpanCount: number;
  /** The first failure in words, when any request failed. */
  readonly error?: string;
}
