// The receiver's side of the core: the saved settings (and a host's command-line overrides) say
// where each OTLP receiver listens; changes apply at once. Received spans go to the store and,
// while the mirror is on and the setting says so, on to the mirror. Status flows out as events.
import type { SpanlightCommands, SpanlightEvent } from '../contract';
import type { ReceiverStatus } from '../model/receiver';
import type { ReceiverSettings, UpdateSettingsRequest } from '../model/settings';
import type { SettingsStore } from '../settings/settings-store';
import { OtlpIngest, type ReceivedSpanForwarder, type SpanSink } from './otlp-ingest';
import { isLoopbackHost, OtlpReceivers, type ReceiversConfig } from './otlp-receivers';

/**
 * What a host's command line says, over the saved settings (see README, "Send traces from your
 * app"): a field given here wins until the user changes that same field in the receiver panel.
 */
export interface ReceiverOverrides {
  readonly grpc?: { readonly enabled?: boolean; readonly port?: number };
  readonly http?: { readonly enabled?: boolean; readonly port?: number };
  /** Listen on this address, whatever "listen on all interfaces" says. */
  readonly host?: string;
}

export const LOOPBACK_HOST = '127.0.0.1';
export const ALL_INTERFACES_HOST = '0.0.0.0';

export interface ReceiverService {
  readonly commands: Pick<SpanlightCommands, 'getReceiverStatus'>;
  /** The user changed settings: the overrides of the receiver fields they changed end. */
  noteSettingsUpdate(request: UpdateSettingsRequest): void;
  /** Resolves once both receivers listen, are off or have failed (the first time). */
  readonly started: Promise<void>;
  /** Resolves once the latest settings are applied (each receiver listening, off or failed). */
  settled(): Promise<void>;
  status(): ReceiverStatus;
  subscribe(emit: (event: SpanlightEvent) => void): () => void;
  close(): Promise<void>;
}

export interface ReceiverServiceOptions {
  readonly settings: SettingsStore;
  readonly store: SpanSink;
  readonly mirror: ReceivedSpanForwarder;
  readonly overrides?: ReceiverOverrides;
}

const STATUS_EVENT_INTERVAL_MS = 250;

/** The receiver settings with the overrides laid over them. */
export function effectiveReceiverConfig(
  settings: ReceiverSettings,
  overrides: ReceiverOverrides,
): ReceiversConfig {
  const host =
    overrides.host ?? (settings.listenOnAllInterfaces ? ALL_INTERFACES_HOST : LOOPBACK_HOST);
  return {
    grpc: {
      enabled: overrides.grpc?.enabled ?? settings.grpc.enabled,
      port: overrides.grpc?.port ?? settings.grpc.port,
      host,
    },
    http: {
      enabled: overrides.http?.enabled ?? settings.http.enabled,
      port: overrides.http?.port ?? settings.http.port,
      host,
    },
    corsOrigins: settings.corsOrigins,
  };
}

/** The overrides left once the user has set the fields `update` names. */
export function overridesAfterUpdate(
  overrides: ReceiverOverrides,
  update: UpdateSettingsRequest['receiver'],
): ReceiverOverrides {
  if (!update) return overrides;
  const transport = (
    current: ReceiverOverrides['grpc'],
    changed: { enabled?: boolean; port?: number } | undefined,
  ) => {
    if (!current || !changed) return current;
    const { enabled, port } = current;
    const left = {
      ...(enabled !== undefined && changed.enabled === undefined && { enabled }),
      ...(port !== undefined && changed.port === undefined && { port }),
    };
    return Object.keys(left).length > 0 ? left : undefined;
  };
  const grpc = transport(overrides.grpc, update.grpc);
  const http = transport(overrides.http, update.http);
  const host = update.listenOnAllInterfaces === undefined ? overrides.host : undefined;
  return {
    ...(grpc && { grpc }),
    ...(http && { http }),
    ...(host !== undefined && { host }),
  };
}

/** True when the mirror's endpoint is this very receiver: forwarding would send spans in a circle. */
export function mirrorsToItself(endpoint: string, httpReceiverPort: number | undefined): boolean {
  if (httpReceiverPort === undefined) return false;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return port === httpReceiverPort && (isLoopbackHost(host) || host === ALL_INTERFACES_HOST);
}

export function createReceiverService({
  settings,
  store,
  mirror,
  overrides: initialOverrides = {},
}: ReceiverServiceOptions): ReceiverService {
  let overrides = initialOverrides;
  const receivers: { current?: OtlpReceivers } = {};
  const ingest = new OtlpIngest({
    sink: store,
    forwarder: () => {
      const state = settings.state;
      if (!state.settings.receiver.forwardToMirror || !state.settings.mirror.enabled)
        return undefined;
      const http = receivers.current?.status().http;
      const httpPort =
        http?.state === 'listening' && http.address
          ? Number(new URL(http.address).port)
          : undefined;
      return mirrorsToItself(state.mirror.endpoint, httpPort) ? undefined : mirror;
    },
  });
  const otlpReceivers = new OtlpReceivers(ingest);
  receivers.current = otlpReceivers;
  const apply = () =>
    otlpReceivers.apply(effectiveReceiverConfig(settings.state.settings.receiver, overrides));
  let latest = apply();
  const started = latest;
  const unsubscribeSettings = settings.subscribe(() => {
    latest = apply();
  });

  return {
    commands: { getReceiverStatus: async () => otlpReceivers.status() },
    noteSettingsUpdate(request) {
      overrides = overridesAfterUpdate(overrides, request.receiver);
    },
    started,
    settled: () => latest,
    status: () => otlpReceivers.status(),
    subscribe(emit) {
      // Counters change with every request: push at most a few status events a second.
      let timer: NodeJS.Timeout | undefined;
      let lastSent = 0;
      const send = () => {
        timer = undefined;
        lastSent = Date.now();
        emit({ name: 'receiverStatusChanged', payload: otlpReceivers.status() });
      };
      const unsubscribe = otlpReceivers.subscribe(() => {
        if (timer) return;
        const wait = Math.max(0, lastSent + STATUS_EVENT_INTERVAL_MS - Date.now());
        timer = setTimeout(send, wait);
        timer.unref();
      });
      return () => {
        unsubscribe();
        if (timer) clearTimeout(timer);
      };
    },
    async close() {
      unsubscribeSettings();
      await otlpReceivers.close();
    },
  };
}
