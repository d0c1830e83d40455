import { useState } from 'react';
import type { SpanlightApi } from '../../app/contract';
import { MirrorPanel } from './MirrorPanel';
import { mirrorCountsText, mirrorStatusText } from './mirror-status-text';
import { useMirror } from './use-mirror';

/** The toolbar's "Export to Jaeger" switch, its status, and the button that opens its settings. */
export function MirrorControls({ api }: { api: SpanlightApi }) {
  const mirror = useMirror(api);
  const [panelOpen, setPanelOpen] = useState(false);
  const [error, setError] = useState<string>();
  // The switch moves at once; the core's answer confirms it (or puts it back, with the reason).
  const [requested, setRequested] = useState<boolean>();
  const enabled = requested ?? mirror.settings?.settings.mirror.enabled ?? false;

  const toggle = (next: boolean) => {
    setRequested(next);
    api.updateSettings({ mirrorEnabled: next }).then(
      (state) => {
        mirror.setSettings(state);
        setRequested(undefined);
        setError(undefined);
      },
      (failure: Error) => {
        setRequested(undefined);
        setError(failure.message);
      },
    );
  };

  const status = mirror.status;
  return (
    <div className="mirror-controls">
      <label className="mirror-switch">
        <input
          type="checkbox"
          role="switch"
          aria-label="Export to Jaeger"
          checked={enabled}
          disabled={!mirror.settings}
          onChange={(event) => toggle(event.target.checked)}
        />
        Export to Jaeger
      </label>
      <span
        className={`mirror-status mirror-status-${status?.state ?? 'off'}`}
        role="status"
        aria-label="Jaeger export status"
        title={status ? `${status.endpoint}\n${mirrorCountsText(status)}` : undefined}
      >
        {error ?? mirror.error ?? (status ? mirrorStatusText(status) : '…')}
      </span>
      <button
        type="button"
        aria-expanded={panelOpen}
        aria-controls="mirror-panel"
        onClick={() => setPanelOpen(!panelOpen)}
      >
        Jaeger settings
      </button>
      {panelOpen && mirror.settings && (
        <MirrorPanel
          api={api}
          settings={mirror.settings}
          enabled={enabled}
          status={status}
          onSettings={mirror.setSettings}
          onToggle={toggle}
          onClose={() => setPanelOpen(false)}
        />
      )}
    </div>
  );
}
