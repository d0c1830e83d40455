// Words for the receiver's status, shared by the toolbar, the panel and the notices.
import type { ReceiverStatus, ReceiverTransportStatus } from '../../app/contract';

export const transportNames = { grpc: 'OTLP/gRPC', http: 'OTLP/HTTP' } as const;

export function transportStateText(status: ReceiverTransportStatus): string {
  switch (status.state) {
    case 'off':
      return 'Off';
    case 'starting':
      return 'Starting…';
    case 'listening':
      return `Listening on ${status.address}`;
    case 'failed':
      return `Not listening: ${status.error}`;
  }
}

/** The toolbar's short summary: how many receivers listen, or that one failed. */
export function receiverSummary(status: ReceiverStatus | undefined): {
  text: string;
  state: 'off' | 'ok' | 'failed';
} {
  if (!status) return { text: '…', state: 'off' };
  const transports = [status.grpc, status.http];
  if (transports.some((transport) => transport.state === 'failed'))
    return { text: 'Receiver: port in use', state: 'failed' };
  const listening = transports.filter((transport) => transport.state === 'listening');
  if (listening.length === 0) return { text: 'Receiver off', state: 'off' };
  return {
    text: `Receiving on ${listening.map((transport) => transportNames[transport.transport]).join(' and ')}`,
    state: 'ok',
  };
}

export function countsText(status: ReceiverTransportStatus): string {
  const { requests, failedRequests, spansAccepted, spansRejected, bytes } = status.counters;
  return `${requests.toLocaleString('en')} requests (${failedRequests.toLocaleString('en')} failed), ${spansAccepted.toLocaleString('en')} spans accepted, ${spansRejected.toLocaleString('en')} rejected, ${bytesText(bytes)}`;
}

export function bytesText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** Origins as typed in the panel: one a line (or separated by spaces or commas). */
export function originsFromText(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((origin) => origin.trim().replace(/\/+$/, ''))
    .filter((origin) => origin !== '');
}
