// The OTLP receiver's status as the contract carries it: per transport, where it listens (or why it
// can't), what it has taken in, and the lines to paste into an app's environment.

export type ReceiverTransport = 'grpc' | 'http';

export const receiverTransports: readonly ReceiverTransport[] = ['grpc', 'http'];

export type ReceiverTransportState = 'off' | 'starting' | 'listening' | 'failed';

export interface ReceiverCounters {
  /** Export requests answered, successful or not. */
  readonly requests: number;
  /** Requests answered with an error (bad body, too large, …). */
  readonly failedRequests: number;
  /** Spans stored. */
  readonly spansAccepted: number;
  /** Spans left out as invalid (reported to the sender in partial_success). */
  readonly spansRejected: number;
  /** Bytes of OTLP messages received, after decompression. */
  readonly bytes: number;
}

export interface ReceiverTransportStatus {
  readonly transport: ReceiverTransport;
  readonly state: ReceiverTransportState;
  /** Whether it should run (the settings, or the host's command line, say so). */
  readonly enabled: boolean;
  /** The address it is told to listen on (host and port as configured; port 0 = any free one). */
  readonly host: string;
  readonly port: number;
  /** While listening: the real address, `127.0.0.1:4317` (gRPC) or `http://127.0.0.1:4318` (HTTP). */
  readonly address?: string;
  /** While failed: why, in words, with what to do (e.g. the port is taken by a running Jaeger). */
  readonly error?: string;
  /** While failed: the port that could not be had, for the window's notice. */
  readonly conflictPort?: number;
  readonly counters: ReceiverCounters;
  /** The last failed request, in words, and when (ISO time). */
  readonly lastError?: string;
  readonly lastErrorAt?: string;
}

export interface ReceiverStatus {
  readonly grpc: ReceiverTransportStatus;
  readonly http: ReceiverTransportStatus;
  /** True while a receiver listens beyond this machine (all interfaces): the UI warns. */
  readonly exposed: boolean;
  /** Lines to paste into an instrumented app's environment, for whichever transports listen. */
  readonly pasteLines: { readonly http?: string; readonly grpc?: string };
}
