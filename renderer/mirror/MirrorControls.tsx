import { useState } from 'react';
import type { SpanlightApi } from '../../app/contract';
import { useTimeReached } from '../lib/use-time-reached';
import { useClientActions, useClientState } from '../store/use-client-store';
import { MirrorPanel } from './MirrorPanel';
import { mirrorCountsText, mirrorStatusText } from './mirror-status-text';

/** The switch moves at once; the core's answer confirms it (or puts it back, with the reason). */
function useMirrorSwitch() {
  const settings = useClientState((state) => state.settings);
  const actions = useClientActions();
  const [requested, setRequested] = useState<boolean>();
  const [error, setError] = useState<string>();
  const enabled = requested ?? settings.value?.settings.mirror.enabled ?? false;
  const toggle = (next: boolean) => {
    setRequested(next);
    actions.updateSettings({ mirrorEnabled: next }).then(
      () => {
        setRequested(undefined);
        setError(undefined);
      },
      (failure: Error) => {
        setRequested(undefined);
        setError(failure.message);
      },
    );
  };
  return { settings, enabled, toggle, error };
}

/** The toolbar's "Export to Jaeger" switch and its status. */
export function MirrorSwitch() {
  const { settings, enabled, toggle, error } = useMirrorSwitch();
  const { value: status, error: statusError } = useClientState((state) => state.mirrorStatus);
  // "Retrying at 12:01:05" becomes "retrying with the next span" when that time comes.
  useTimeReached(status?.retryAt);
  const text = error ?? statusError ?? settings.error ?? (status ? mirrorStatusText(status) : '…');
  return (
    <div className="mirror-controls">
      <label className="mirror-switch">
        <input
          type="checkbox"
          role="switch"
          aria-label="Export to Jaeger"
          checked={enabled}
          disabled={!settings.value}
          onChange={(event) => toggle(event.target.checked)}
        />
        Export to Jaeger
      </label>
      <span
        className={`mirror-status mirror-status-${status?.state ?? 'off'}`}
        role="status"
        aria-label="Jaeger export status"
        title={status ? `${text}\n${status.endpoint}\n${mirrorCountsText(status)}` : undefined}
      >
        {text}
      </span>
    </div>
  );
}

/** "Jaeger settings": opens the mirror's panel (rendered by the toolbar, see JaegerSettingsPanel). */
export function JaegerSettingsButton({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  return (
    <button type="button" aria-expanded={open} aria-controls="mirror-panel" onClick={onToggle}>
      Jaeger settings
    </button>
  );
}

export function JaegerSettingsPanel({ api, onClose }: { api: SpanlightApi; onClose: () => void }) {
  const { settings, enabled, toggle } = useMirrorSwitch();
  const status = useClientState((state) => state.mirrorStatus).value;
  const actions = useClientActions();
  if (!settings.value) return null;
  return (
    <MirrorPanel
      api={api}
      settings={settings.value}
      enabled={enabled}
      status={status}
      onSettings={(next) => actions.setLiveValue('settings', next)}
      onToggle={toggle}
      onClose={onClose}
    />
  );
}
