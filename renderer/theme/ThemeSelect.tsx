import type { ThemePreference } from '../../app/contract';
import { themePreferences } from '../../app/model/settings';
import { useTheme } from './use-theme';

const labels: Record<ThemePreference, string> = {
  system: 'System',
  light: 'Light',
  dark: 'Dark',
};

export function ThemeSelect({ onError }: { onError: (message: string | undefined) => void }) {
  const { theme, setTheme } = useTheme();
  return (
    <label className="theme-select">
      Theme
      <select
        value={theme ?? 'system'}
        disabled={theme === undefined}
        onChange={(event) =>
          setTheme(event.target.value as ThemePreference).then(
            () => onError(undefined),
            (error: Error) => onError(`Could not change the theme: ${error.message}`),
          )
        }
      >
        {themePreferences.map((preference) => (
          <option key={preference} value={preference}>
            {labels[preference]}
          </option>
        ))}
      </select>
    </label>
  );
}
