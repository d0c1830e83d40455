// The attribute-value size limit (KiB shown of a value in lists) lives in settings.json too.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidRequestError, validateRequest } from '../../../app/contract-validation';
import { SettingsStore } from '../../../app/settings/settings-store';
import { makeTempDir } from '../../helpers/temp-dir';

describe('SettingsStore attributeValueLimitKiB', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
  afterEach(() => cleanup());
  const file = () => path.join(dir, 'settings.json');

  it('is 64 KiB until changed, then saved and restored', async () => {
    const store = await SettingsStore.open(dir, {});
    expect(store.state.settings.attributeValueLimitKiB).toBe(64);
    await store.update({ attributeValueLimitKiB: 256 });
    expect(JSON.parse(await readFile(file(), 'utf8'))).toMatchObject({
      attributeValueLimitKiB: 256,
    });
    expect((await SettingsStore.open(dir, {})).state.settings.attributeValueLimitKiB).toBe(256);
  });

  it('falls back alone to 64 when the file holds a wrong value, naming it', async () => {
    await writeFile(file(), JSON.stringify({ theme: 'dark', attributeValueLimitKiB: 0.5 }));
    const store = await SettingsStore.open(dir, {});
    expect(store.state.settings).toMatchObject({ theme: 'dark', attributeValueLimitKiB: 64 });
    expect(store.state.notices[0]).toContain('"attributeValueLimitKiB"');
  });

  it('refuses a request to set a limit that is not 1 to 65,536 whole KiB', () => {
    expect(validateRequest('updateSettings', { attributeValueLimitKiB: 8 })).toEqual({
      attributeValueLimitKiB: 8,
    });
    for (const bad of [0, -1, 1.5, 70_000, '64'])
      expect(() => validateRequest('updateSettings', { attributeValueLimitKiB: bad })).toThrow(
        InvalidRequestError,
      );
  });
});
