import { useCallback, useEffect, useState } from 'react';
import type { UpdateSettingsRequest } from '../../app/contract';
import { useClientActions, useClientState } from '../store/use-client-store';
import { StoragePanel } from './StoragePanel';
import { deletedText } from './storage-text';

/** The toolbar's "Storage" button; it opens the storage panel (rendered by the toolbar). */
export function StorageButton({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  const unsaved = useClientState((state) => state.storageStats.result?.unsavedSpanCount ?? 0);
  return (
    <button type="button" aria-expanded={open} aria-controls="storage-panel" onClick={onToggle}>
      Storage{unsaved > 0 ? ' ⚠' : ''}
    </button>
  );
}

/** The storage panel on the client store's storage stats and settings. */
export function StorageSettingsPanel({ onClose }: { onClose: () => void }) {
  const stats = useClientState((state) => state.storageStats);
  const settings = useClientState((state) => state.settings);
  const actions = useClientActions();
  const [updateError, setUpdateError] = useState<string>();
  // The figures are asked for while the panel is open, and again as traces change.
  useEffect(() => {
    actions.watchStorageStats(true);
    return () => actions.watchStorageStats(false);
  }, [actions]);
  const save = useCallback(
    (retention: NonNullable<UpdateSettingsRequest['retention']>) =>
      actions.updateSettings({ retention }).then(
        () => setUpdateError(undefined),
        (failure: Error) => setUpdateError(failure.message.replace(/^updateSettings: /, '')),
      ),
    [actions],
  );
  const clearAll = useCallback(() => actions.clearTraces().then(deletedText), [actions]);
  if (!stats.result || !settings.value) {
    return stats.error ? (
      <section
        id="storage-panel"
        className="popover-panel storage-panel"
        aria-label="Trace storage"
      >
        <p className="storage-error" role="alert">
          {stats.error}
        </p>
      </section>
    ) : null;
  }
  return (
    <StoragePanel
      stats={stats.result}
      saved={settings.value.settings.retention}
      save={save}
      clearAll={clearAll}
      error={updateError ?? settings.error}
      onClose={onClose}
    />
  );
}
