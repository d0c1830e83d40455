import * as v from 'valibot';
import type { MirrorStatus, SettingsState } from '../../app/contract';
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
