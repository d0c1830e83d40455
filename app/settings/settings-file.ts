// settings.json in the data directory: read leniently (a bad file means defaults and a notice,
// never a crash), written atomically so a crash mid-write never leaves half a file.
import { copyFile, readFile } from 'node:fs/promises';
import writeFileAtomic from 'write-file-atomic';
import { themePreferences, type MirrorSettings, type Settings } from '../model/settings';
import { checkHeaders, endpointProblem } from '../mirror/otlp-endpoint-config';

export const SETTINGS_FILE_NAME = 'settings.json';

export const defaultSettings: Settings = { mirror: { enabled: false }, theme: 'system' };

export interface LoadedSettings {
  readonly settings: Settings;
  /** Set when the file existed but could not be used. */
  readonly notice?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The settings a parsed file describes; throws saying what is wrong with it. */
export function settingsFromJson(json: unknown): Settings {
  if (!isRecord(json)) throw new Error('it is not a JSON object');
  const mirror = json.mirror ?? {};
  if (!isRecord(mirror)) throw new Error('"mirror" is not an object');
  const { enabled = false, endpoint, headers } = mirror;
  if (typeof enabled !== 'boolean') throw new Error('"mirror.enabled" is not true or false');
  const result: { -readonly [K in keyof MirrorSettings]: MirrorSettings[K] } = { enabled };
  if (endpoint !== undefined) {
    if (typeof endpoint !== 'string') throw new Error('"mirror.endpoint" is not a string');
    const problem = endpointProblem(endpoint);
    if (problem) throw new Error(`"mirror.endpoint": ${problem}`);
    result.endpoint = endpoint;
  }
  if (headers !== undefined) {
    if (!isRecord(headers) || !Object.values(headers).every((v) => typeof v === 'string')) {
      throw new Error('"mirror.headers" is not an object of strings');
    }
    const stringHeaders = headers as Record<string, string>;
    try {
      checkHeaders(stringHeaders);
    } catch (error) {
      throw new Error(`"mirror.headers": ${(error as Error).message}`);
    }
    result.headers = stringHeaders;
  }
  const { theme = 'system' } = json;
  if (!themePreferences.includes(theme as Settings['theme'])) {
    throw new Error(`"theme" is not one of ${themePreferences.join(', ')}`);
  }
  return { mirror: result, theme: theme as Settings['theme'] };
}

export async function loadSettingsFile(file: string): Promise<LoadedSettings> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { settings: defaultSettings };
    return {
      settings: defaultSettings,
      notice: `Could not read the settings file ${file} (${(error as Error).message}); using the default settings.`,
    };
  }
  try {
    return { settings: settingsFromJson(JSON.parse(text)) };
  } catch (error) {
    // Keep the user's file: the next save replaces settings.json, so set a copy aside first.
    const backup = `${file}.corrupt`;
    const kept = await copyFile(file, backup).then(
      () => ` A copy was kept as ${backup}.`,
      () => '',
    );
    return {
      settings: defaultSettings,
      notice: `The settings file ${file} is corrupt (${(error as Error).message}); using the default settings.${kept}`,
    };
  }
}

export async function saveSettingsFile(file: string, settings: Settings): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(settings, null, 2)}\n`, { encoding: 'utf8' });
}
