import { useCallback, useState } from 'react';
import type { ReceiverSettingsChange } from '../store/client-store';
import { useClientActions, useClientState } from '../store/use-client-store';
import { ReceiverPanel } from './ReceiverPanel';
import { receiverSummary } from './receiver-text';

/** The toolbar's "Receiver" button with a one-line status; it opens the receiver panel (rendered
 * by the toolbar, see ReceiverSettingsPanel). */
export function ReceiverButton({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  const status = useClientState((state) => state.receiverStatus).value;
  const summary = receiverSummary(status);
  return (
    <div className="receiver-controls">
      <button type="button" aria-expanded={open} aria-controls="receiver-panel" onClick={onToggle}>
        <span className={`receiver-dot receiver-dot-${summary.state}`} aria-hidden="true" />
        Receiver
      </button>
      <span className="receiver-summary" role="status" aria-label="OTLP receiver status">
        {summary.text}
      </span>
    </div>
  );
}

/** The receiver panel on the client store's receiver status and settings. */
export function ReceiverSettingsPanel({ onClose }: { onClose: () => void }) {
  const status = useClientState((state) => state.receiverStatus);
  const settings = useClientState((state) => state.settings);
  const actions = useClientActions();
  // Why the last change failed; cleared by the next one that works.
  const [updateError, setUpdateError] = useState<string>();
  const update = useCallback(
    (change: ReceiverSettingsChange) =>
      actions.updateReceiverSettings(change).then(
        () => setUpdateError(undefined),
        (failure: Error) => setUpdateError(failure.message.replace(/^updateSettings: /, '')),
      ),
    [actions],
  );
  if (!status.value || !settings.value) return null;
  return (
    <ReceiverPanel
      status={status.value}
      settings={settings.value}
      error={updateError ?? status.error ?? settings.error}
      update={update}
      onClose={onClose}
    />
  );
}
