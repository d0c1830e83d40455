// The user's theme choice (system, light or dark), saved in the settings by the core. The page
// follows it through a data-theme attribute on <html> (styles.css turns it into color-scheme);
// under Electron the main process also sets nativeTheme, for the native menus and dialogs.
import { useCallback, useEffect, useState } from 'react';
import type { SpanlightApi, ThemePreference } from '../../app/contract';

export function applyTheme(root: HTMLElement, theme: ThemePreference): void {
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}

export function useTheme(api: SpanlightApi): {
  theme: ThemePreference | undefined;
  setTheme: (theme: ThemePreference) => Promise<void>;
} {
  const [theme, setThemeState] = useState<ThemePreference>();
  useEffect(() => {
    let live = true;
    const unsubscribe = api.subscribe((event) => {
      if (live && event.name === 'settingsChanged') setThemeState(event.payload.settings.theme);
    });
    api.getSettings({}).then(
      (state) => live && setThemeState(state.settings.theme),
      () => undefined, // The settings notices report an unreachable core; keep the OS theme.
    );
    return () => {
      live = false;
      unsubscribe();
    };
  }, [api]);
  useEffect(() => {
    if (theme) applyTheme(document.documentElement, theme);
  }, [theme]);
  const setTheme = useCallback(
    async (next: ThemePreference) => {
      setThemeState(next);
      const state = await api.updateSettings({ theme: next });
      setThemeState(state.settings.theme);
    },
    [api],
  );
  return { theme, setTheme };
}
