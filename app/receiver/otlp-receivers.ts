// Both OTLP receivers as one thing the core configures: given where each should listen, it starts,
// stops or moves them (no app restart), keeps each one's address or error, and reports status.
// A port that is taken fails that receiver alone, with a message saying what to do.
import type {
  ReceiverStatus,
  ReceiverTransport,
  ReceiverTransportState,
  ReceiverTransportStatus,
} from '../model/receiver';
import { receiverTransports } from '../model/receiver';
import { startGrpcReceiver } from './grpc-receiver';
import { startHttpReceiver } from './http-receiver';
import type { OtlpIngest } from './otlp-ingest';

export interface TransportConfig {
  readonly enabled: boolean;
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
}

export interface ReceiversConfig {
  readonly grpc: TransportConfig;
  readonly http: TransportConfig;
  readonly corsOrigins: readonly string[];
}

export const transportLabels: Record<ReceiverTransport, string> = {
  grpc: 'OTLP/gRPC',
  http: 'OTLP/HTTP',
};

interface Running {
  readonly host: string;
  readonly requestedPort: number;
  readonly port: number;
  close(): Promise<void>;
}

interface TransportSlot {
  state: ReceiverTransportState;
  config: TransportConfig;
  running?: Running;
  error?: string;
  conflictPort?: number;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|\[::1\]|localhost)$/i;

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.test(host);
}

export class OtlpReceivers {
  private readonly slots: Record<ReceiverTransport, TransportSlot> = {
    grpc: { state: 'off', config: { enabled: false, host: '127.0.0.1', port: 4317 } },
    http: { state: 'off', config: { enabled: false, host: '127.0.0.1', port: 4318 } },
  };
  private corsOrigins: readonly string[] = [];
  private applying: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly ingest: OtlpIngest) {
    ingest.subscribe(() => this.notify());
  }

  /** Brings both receivers to `config`; resolves when each listens, is off, or has failed. */
  apply(config: ReceiversConfig): Promise<void> {
    this.corsOrigins = [...config.corsOrigins];
    this.applying = this.applying.then(() =>
      Promise.all(
        receiverTransports.map((transport) => this.applyTransport(transport, config[transport])),
      ).then(() => undefined),
    );
    return this.applying;
  }

  status(): ReceiverStatus {
    const grpc = this.transportStatus('grpc');
    const http = this.transportStatus('http');
    const listening = [grpc, http].filter((status) => status.state === 'listening');
    return {
      grpc,
      http,
      exposed: listening.some((status) => !isLoopbackHost(status.host)),
      pasteLines: {
        ...(http.state === 'listening' && {
          http: `OTEL_EXPORTER_OTLP_ENDPOINT=http://${pasteHost(http.host)}:${this.slots.http.running!.port}`,
        }),
        ...(grpc.state === 'listening' && {
          grpc: `OTEL_EXPORTER_OTLP_PROTOCOL=grpc OTEL_EXPORTER_OTLP_ENDPOINT=http://${pasteHost(grpc.host)}:${this.slots.grpc.running!.port}`,
        }),
      },
    };
  }

  /** The port a receiver really listens on, while it does. */
  listeningPort(transport: ReceiverTransport): number | undefined {
    const slot = this.slots[transport];
    return slot.state === 'listening' ? slot.running?.port : undefined;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Refuses new requests, waits for those in flight to be stored, then stops both servers. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.ingest.close();
    await this.applying.catch(() => undefined);
    await Promise.all(
      receiverTransports.map(async (transport) => {
        const slot = this.slots[transport];
        const running = slot.running;
        slot.running = undefined;
        slot.state = 'off';
        await running?.close();
      }),
    );
    this.listeners.clear();
  }

  private transportStatus(transport: ReceiverTransport): ReceiverTransportStatus {
    const slot = this.slots[transport];
    const activity = this.ingest.activityOf(transport);
    const running = slot.running;
    return {
      transport,
      state: slot.state,
      enabled: slot.config.enabled,
      host: slot.config.host,
      port: slot.config.port,
      ...(running &&
        slot.state === 'listening' && {
          address:
            transport === 'http'
              ? `http://${hostForUrl(running.host)}:${running.port}`
              : `${hostForUrl(running.host)}:${running.port}`,
        }),
      ...(slot.state === 'failed' && { error: slot.error }),
      ...(slot.state === 'failed' &&
        slot.conflictPort !== undefined && { conflictPort: slot.conflictPort }),
      ...activity,
    };
  }

  private async applyTransport(
    transport: ReceiverTransport,
    config: TransportConfig,
  ): Promise<void> {
    if (this.closed) return;
    const slot = this.slots[transport];
    const running = slot.running;
    const unchanged =
      running !== undefined &&
      config.enabled &&
      running.host === config.host &&
      running.requestedPort === config.port;
    slot.config = config;
    if (unchanged) return;
    if (running) {
      slot.running = undefined;
      await running.close();
    }
    if (!config.enabled) {
      slot.state = 'off';
      slot.error = undefined;
      this.notify();
      return;
    }
    slot.state = 'starting';
    this.notify();
    try {
      const started =
        transport === 'grpc'
          ? await startGrpcReceiver({ host: config.host, port: config.port, ingest: this.ingest })
          : await startHttpReceiver({
              host: config.host,
              port: config.port,
              ingest: this.ingest,
              corsOrigins: () => this.corsOrigins,
            });
      if (this.closed) {
        await started.close();
        return;
      }
      slot.running = { ...started, requestedPort: config.port };
      slot.state = 'listening';
      slot.error = undefined;
      slot.conflictPort = undefined;
    } catch (error) {
      slot.state = 'failed';
      const { text, portTaken } = describeListenError(transport, config, error);
      slot.error = text;
      slot.conflictPort = portTaken ? config.port : undefined;
    }
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** An app on this machine reaches a loopback or all-interfaces receiver as localhost. */
function pasteHost(host: string): string {
  return isLoopbackHost(host) || host === '0.0.0.0' || host === '::'
    ? 'localhost'
    : hostForUrl(host);
}

/** Why a receiver could not listen, in words a user can act on. */
export function describeListenError(
  transport: ReceiverTransport,
  config: TransportConfig,
  error: unknown,
): { text: string; portTaken: boolean } {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const label = transportLabels[transport];
  const where = `${hostForUrl(config.host)}:${config.port}`;
  if (code === 'EADDRINUSE' || /EADDRINUSE/.test(message))
    return {
      portTaken: true,
      text: `The ${label} receiver could not listen on ${where}: port ${config.port} is already in use, perhaps by a running Jaeger or another Spanlight. Stop that program, or choose another port for the ${label} receiver in the receiver settings.`,
    };
  if (code === 'EADDRNOTAVAIL' || /EADDRNOTAVAIL/.test(message))
    return {
      portTaken: false,
      text: `The ${label} receiver could not listen on ${where}: ${config.host} is not an address of this machine.`,
    };
  if (code === 'EACCES' || /EACCES/.test(message))
    return {
      portTaken: false,
      text: `The ${label} receiver could not listen on ${where}: permission denied (ports below 1024 need administrator rights); choose a port from 1024 up.`,
    };
  return {
    portTaken: false,
    text: `The ${label} receiver could not listen on ${where}: ${message}`,
  };
}
