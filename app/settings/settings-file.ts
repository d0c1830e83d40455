// settings.json in the data directory: read leniently (a bad file means defaults and a notice,
// never a crash), written atomically so a crash mid-write never leaves half a file.
import { copyFile, readFile } from 'node:fs/promises';
import * as v from 'valibot';
import writeFileAtomic from 'write-file-atomic';
import { describeIssue } from '../contract-schemas';
import { settingsSchema, type Settings } from '../model/settings';

export const SETTINGS_FILE_NAME = 'settings.json';

export const defaultSettings: Settings = v.parse(settingsSchema, {});

export interface LoadedSettings {
  readonly settings: Settings;
  /** Set when the file existed but could not be used, whole or in part. */
  readonly notice?: string;
}

export interface SettingsFromJson {
  readonly settings: Settings;
  /** One entry per field that was wrong and fell back to its default, naming the field. */
  readonly problems: readonly string[];
}

/**
 * The settings a parsed file describes. A wrong field falls back to its default alone and is
 * named in `problems`; the other fields are kept.
 */
export function settingsFromJson(json: unknown): SettingsFromJson {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { settings: defaultSettings, problems: ['it is not a JSON object'] };
  }
  const problems: string[] = [];
  let input: unknown = json;
  // Each round removes the field the first issue is about, so its default applies; a file has
  // only so many fields, so this ends.
  for (;;) {
    const result = v.safeParse(settingsSchema, input, { abortEarly: true });
    if (result.success) return { settings: result.output, problems };
    const issue = result.issues[0];
    const fullPath = issue.path?.map((item) => item.key as string | number) ?? [];
    problems.push(describeIssue(issue));
    if (fullPath.length === 0) return { settings: defaultSettings, problems };
    // A wrong field of a list item (a source without a usable URL) drops that item whole: a
    // required field left out would be wrong again.
    const lastIndex = fullPath.findLastIndex((key) => typeof key === 'number');
    const path = lastIndex === -1 ? fullPath : fullPath.slice(0, lastIndex + 1);
    input = withoutField(input, path);
  }
}

/** A copy of `input` without the field (or list item) at `path`; only the objects along the path are copied, so
 * a deeply nested value elsewhere in the file is never walked. */
function withoutField(input: unknown, path: readonly (string | number)[]): unknown {
  const [key, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(input)) {
    const copy = [...(input as unknown[])];
    if (rest.length === 0) copy.splice(key as number, 1);
    else copy[key as number] = withoutField(copy[key as number], rest);
    return copy;
  }
  const copy = { ...(input as Record<string | number, unknown>) };
  if (rest.length === 0) delete copy[key];
  else copy[key] = withoutField(copy[key], rest);
  return copy;
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
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const kept = await keepCopy(file);
    return {
      settings: defaultSettings,
      notice: `The settings file ${file} is corrupt (${(error as Error).message}); using the default settings.${kept}`,
    };
  }
  const { settings, problems } = settingsFromJson(json);
  if (problems.length === 0) return { settings };
  const kept = await keepCopy(file);
  return {
    settings,
    notice: `The settings file ${file} has values Spanlight cannot use: ${problems.join('; ')}. Those fall back to their defaults; the other settings are kept.${kept}`,
  };
}

/** Keep the user's file: the next save replaces settings.json, so set a copy aside first. */
function keepCopy(file: string): Promise<string> {
  const backup = `${file}.corrupt`;
  return copyFile(file, backup).then(
    () => ` A copy was kept as ${backup}.`,
    () => '',
  );
}

/** A source's Authorization value, or the mirror's headers (often an API key), are secrets. */
export function holdsSecrets(settings: Settings): boolean {
  return (
    settings.sources.some((source) => source.authorization !== undefined) ||
    Object.keys(settings.mirror.headers ?? {}).length > 0
  );
}

/**
 * Atomic (a temporary file renamed over the old one). A file holding secrets is owner-only (0600)
 * from the moment it is created; otherwise the file keeps the mode it had.
 */
export async function saveSettingsFile(file: string, settings: Settings): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(settings, null, 2)}\n`, {
    encoding: 'utf8',
    ...(holdsSecrets(settings) && { mode: 0o600 }),
  });
}
