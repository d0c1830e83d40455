// The user's theme choice (system, light or dark), saved in the settings by the core. The page
// follows it through a data-theme attribute on <html> (styles.css turns it into color-scheme);
// under Electron the main process also sets nativeTheme, for the native menus and dialogs.
import { useCallback, useEffect, useState } from 'react';
import type { ThemePreference } from '../../app/contract';
import { useClientActions, useClientState } from '../store/use-client-store';

export function applyTheme(root: HTMLElement, theme: ThemePreference): void {
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}

export function useTheme(): {
  theme: ThemePreference | undefined;
  setTheme: (theme: ThemePreference) => Promise<void>;
} {
  // The settings come from the client store (fetched once, then settingsChanged events); an
  // unreachable core leaves the OS theme, and the settings notices say why.
  const saved = useClientState((state) => state.settings).value?.settings.theme;
  const actions = useClientActions();
  // The choice shows at once; the core's answer (or event) confirms it.
  const [requested, setRequested] = useState<ThemePreference>();
  const theme = requested ?? saved;
  useEffect(() => {
    if (theme) applyTheme(document.documentElement, theme);
  }, [theme]);
  const setTheme = useCallback(
    async (next: ThemePreference) => {
      setRequested(next);
      try {
        await actions.updateSettings({ theme: next });
      } finally {
        setRequested(undefined);
      }
    },
    [actions],
  );
  return { theme, setTheme };
}
