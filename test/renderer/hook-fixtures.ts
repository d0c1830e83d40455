import * as v from 'valibot';
import type {
  MirrorStatus,
  ReceiverStatus,
  ReceiverTransportStatus,
  SettingsState,
  TraceListResult,
} from '../../app/contract';
import { receiverSettingsSchema } from '../../app/model/settings';

export function settingsState(overrides: Partial<SettingsState['settings']> = {}): SettingsState {
  return {
    settings: {
      mirror: { enabled: false },
      receiver: v.parse(receiverSettingsSchema, {}),
      theme: 'system',
      attributeValueLimitKiB: 64,
      sources: [],
      sourceTimeoutSeconds: 30,
      sourceResponseLimitMiB: 256,
      retention: { maxDatabaseMiB: 1024, maxAgeHours: null, maxTraces: 10_000 },
      ...overrides,
    },
    mirror: {
      endpoint: 'http://localhost:4318/v1/traces',
      endpointSource: 'default',
      headers: {},
      headersSource: 'default',
      timeoutMillis: 10_000,
    },
    file: '/data/settings.json',
    notices: [],
  };
}

export const offStatus = {
  state: 'off',
  counts: { exported: 0, failed: 0, dropped: 0, queued: 0 },
} as unknown as MirrorStatus;

const transportStatus = (
  transport: ReceiverTransportStatus['transport'],
  overrides: Partial<ReceiverTransportStatus>,
): ReceiverTransportStatus => ({
  transport,
  state: 'off',
  enabled: false,
  host: '127.0.0.1',
  port: transport === 'grpc' ? 4317 : 4318,
  counters: { requests: 0, failedRequests: 0, spansAccepted: 0, spansRejected: 0, bytes: 0 },
  ...overrides,
});

/** Both receivers off, or as `overrides` say. */
export function receiverStatus(
  overrides: {
    grpc?: Partial<ReceiverTransportStatus>;
    http?: Partial<ReceiverTransportStatus>;
  } = {},
): ReceiverStatus {
  return {
    grpc: transportStatus('grpc', overrides.grpc ?? {}),
    http: transportStatus('http', overrides.http ?? {}),
    exposed: false,
    pasteLines: {},
  };
}

/** listTraces' answer for an empty store (the client store lists the traces when it starts). */
export const emptyTraceList: TraceListResult = {
  traces: [],
  matchedTraces: 0,
  services: [],
  spanNames: [],
  totalTraces: 0,
  droppedTraces: 0,
  maxTraces: 1000,
};
