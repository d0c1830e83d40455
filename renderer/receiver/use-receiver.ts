// Everything the receiver's UI reads and changes, in one hook: fetched once, then kept current by
// the core's receiverStatusChanged and settingsChanged events (no polling). It is meant to move
// into the renderer's client store as it is.
import { useCallback, useEffect, useState } from 'react';
import type {
  ReceiverStatus,
  SettingsState,
  SpanlightApi,
  UpdateSettingsRequest,
} from '../../app/contract';

export type ReceiverSettingsChange = NonNullable<UpdateSettingsRequest['receiver']>;

export interface ReceiverState {
  readonly status: ReceiverStatus | undefined;
  readonly settings: SettingsState | undefined;
  /** Why the last fetch or change failed, in words. */
  readonly error: string | undefined;
  /** Changes receiver settings; resolves when the core has saved (and applied) them. */
  readonly update: (change: ReceiverSettingsChange) => Promise<void>;
}

export function useReceiver(api: SpanlightApi): ReceiverState {
  const [status, setStatus] = useState<ReceiverStatus>();
  const [settings, setSettings] = useState<SettingsState>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let live = true;
    const unsubscribe = api.subscribe((event) => {
      if (!live) return;
      if (event.name === 'receiverStatusChanged') setStatus(event.payload);
      else if (event.name === 'settingsChanged') setSettings(event.payload);
    });
    Promise.all([api.getReceiverStatus({}), api.getSettings({})]).then(
      ([nextStatus, nextSettings]) => {
        if (!live) return;
        setStatus(nextStatus);
        setSettings(nextSettings);
      },
      (failure: Error) => live && setError(failure.message),
    );
    return () => {
      live = false;
      unsubscribe();
    };
  }, [api]);
  const update = useCallback(
    (change: ReceiverSettingsChange) =>
      api
        .updateSettings({ receiver: change })
        // The core answers once the change took effect; its status says how (listening, failed).
        .then((next) => Promise.all([next, api.getReceiverStatus({})]))
        .then(
          ([next, nextStatus]) => {
            setSettings(next);
            setStatus(nextStatus);
            setError(undefined);
          },
          (failure: Error) => setError(failure.message.replace(/^updateSettings: /, '')),
        ),
    [api],
  );
  return { status, settings, error, update };
}
