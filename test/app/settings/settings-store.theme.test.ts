// The theme preference (system, light or dark) lives in settings.json beside the mirror settings.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidRequestError, validateRequest } from '../../../app/contract-validation';
import { defaultSettings } from '../../../app/settings/settings-file';
import { SettingsStore } from '../../../app/settings/settings-store';
import { makeTempDir } from '../../helpers/temp-dir';

describe('SettingsStore theme', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
  afterEach(() => cleanup());
  const file = () => path.join(dir, 'settings.json');

  it('follows the system theme until the user chooses one', async () => {
    const store = await SettingsStore.open(dir, {});
    expect(store.state.settings.theme).toBe('system');
  });

  it('saves the chosen theme and restores it at the next start', async () => {
    const store = await SettingsStore.open(dir, {});
    await store.update({ theme: 'dark' });
    expect(JSON.parse(await readFile(file(), 'utf8'))).toMatchObject({ theme: 'dark' });
    expect((await SettingsStore.open(dir, {})).state.settings.theme).toBe('dark');
  });

  it('keeps the theme when the mirror settings change, and the mirror settings when it changes', async () => {
    const store = await SettingsStore.open(dir, {});
    await store.update({ theme: 'light' });
    await store.update({ mirrorEnabled: true });
    await store.update({ theme: 'dark' });
    expect(store.state.settings).toEqual({
      mirror: { enabled: true },
      receiver: defaultSettings.receiver,
      theme: 'dark',
      attributeValueLimitKiB: 64,
      sources: [],
      sourceTimeoutSeconds: 30,
      sourceResponseLimitMiB: 256,
      retention: defaultSettings.retention,
    });
  });

  it('tells every listener about a theme change', async () => {
    const store = await SettingsStore.open(dir, {});
    const seen: string[] = [];
    store.subscribe((state) => seen.push(state.settings.theme));
    await store.update({ theme: 'light' });
    expect(seen).toEqual(['light']);
  });

  it('uses the defaults and names the field when the file has an unknown theme', async () => {
    await writeFile(file(), JSON.stringify({ mirror: { enabled: true }, theme: 'purple' }));
    const store = await SettingsStore.open(dir, {});
    expect(store.state.settings.theme).toBe('system');
    expect(store.state.notices.join('\n')).toContain('"theme" must be one of system, light, dark');
  });
});

describe("validateRequest('updateSettings') theme", () => {
  it('accepts system, light and dark', () => {
    for (const theme of ['system', 'light', 'dark'])
      expect(validateRequest('updateSettings', { theme })).toEqual({ theme });
  });

  it('refuses anything else, saying what is allowed', () => {
    expect(() => validateRequest('updateSettings', { theme: 'blue' })).toThrow(InvalidRequestError);
    expect(() => validateRequest('updateSettings', { theme: 'blue' })).toThrow(
      '"theme" must be one of system, light, dark',
    );
  });
});
