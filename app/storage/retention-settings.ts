// The retention limits of settings.json applied to the trace store: at start, and whenever the
// settings change (a lowered limit evicts at once).
import type { RetentionSettings } from '../model/retention';
import type { SettingsStore } from '../settings/settings-store';
import type { RetentionLimits, TraceStore } from './trace-store';

const MIB = 1024 * 1024;
const HOUR_MS = 60 * 60 * 1000;

/** The store's limits for the settings; `maxTraces` (a run's override) replaces the setting's. */
export function retentionLimitsOf(
  settings: RetentionSettings,
  maxTraces?: number,
): RetentionLimits {
  return {
    maxBytes: settings.maxDatabaseMiB * MIB,
    maxAgeMs: settings.maxAgeHours === null ? null : settings.maxAgeHours * HOUR_MS,
    maxTraces: maxTraces ?? settings.maxTraces,
  };
}

export interface RetentionSettingsBinding {
  /** Resolves once the limits saved at start are applied. */
  readonly applied: Promise<void>;
  close(): void;
}

export function createRetentionSettings(
  store: TraceStore,
  settings: SettingsStore,
  maxTraces?: number,
): RetentionSettingsBinding {
  let current = settings.current.retention;
  const apply = (retention: RetentionSettings) =>
    store.setRetention(retentionLimitsOf(retention, maxTraces));
  const unsubscribe = settings.subscribe((state) => {
    if (JSON.stringify(state.settings.retention) === JSON.stringify(current)) return;
    current = state.settings.retention;
    apply(current).catch((error: unknown) =>
      console.error('Spanlight: the new retention limits could not be applied:', error),
    );
  });
  return { applied: apply(current), close: unsubscribe };
}
