import { useEffect, useState } from 'react';
import type { MirrorStatus, SettingsState, SpanlightApi } from '../../app/contract';

export interface MirrorState {
  readonly settings: SettingsState | undefined;
  readonly status: MirrorStatus | undefined;
  readonly error: string | undefined;
}

/** The settings and the mirror's status: fetched once, then kept current by the core's events. */
export function useMirror(
  api: SpanlightApi,
  { pollStatus = true }: { pollStatus?: boolean } = {},
): MirrorState & {
  setSettings: (settings: SettingsState) => void;
} {
  const [settings, setSettings] = useState<SettingsState>();
  const [status, setStatus] = useState<MirrorStatus>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let live = true;
    const unsubscribe = api.subscribe((event) => {
      if (!live) return;
      if (event.name === 'mirrorStatusChanged') setStatus(event.payload);
      else if (event.name === 'settingsChanged') setSettings(event.payload);
    });
    Promise.all([api.getSettings({}), api.getMirrorStatus({})]).then(
      ([nextSettings, nextStatus]) => {
        if (!live) return;
        setSettings(nextSettings);
        setStatus(nextStatus);
      },
      (failure: Error) => live && setError(failure.message),
    );
    // Status events come only on changes; a slow poll keeps "retry at" and times honest anyway.
    const timer = setInterval(() => {
      if (!pollStatus) return;
      api.getMirrorStatus({}).then(
        (next) => live && setStatus(next),
        () => undefined,
      );
    }, 2_000);
    return () => {
      live = false;
      unsubscribe();
      clearInterval(timer);
    };
  }, [api, pollStatus]);
  return { settings, status, error, setSettings };
}
