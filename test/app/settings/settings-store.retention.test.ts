// The retention limits (database size, age, trace count) live in settings.json too.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidRequestError, validateRequest } from '../../../app/contract-validation';
import { SettingsStore } from '../../../app/settings/settings-store';
import { retentionLimitsOf } from '../../../app/storage/retention-settings';
import { makeTempDir } from '../../helpers/temp-dir';

describe('SettingsStore retention', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
  afterEach(() => cleanup());
  const file = () => path.join(dir, 'settings.json');

  it('is 1 GB, no age limit and 10,000 traces until changed, then saved and restored', async () => {
    const store = await SettingsStore.open(dir, {});
    expect(store.state.settings.retention).toEqual({
      maxDatabaseMiB: 1024,
      maxAgeHours: null,
      maxTraces: 10_000,
    });
    await store.update({ retention: { maxAgeHours: 48 } });
    await store.update({ retention: { maxDatabaseMiB: 200 } });
    expect(JSON.parse(await readFile(file(), 'utf8')).retention).toEqual({
      maxDatabaseMiB: 200,
      maxAgeHours: 48,
      maxTraces: 10_000,
    });
    const reopened = await SettingsStore.open(dir, {});
    expect(reopened.state.settings.retention.maxAgeHours).toBe(48);
    await reopened.update({ retention: { maxAgeHours: null } });
    expect(reopened.state.settings.retention).toEqual({
      maxDatabaseMiB: 200,
      maxAgeHours: null,
      maxTraces: 10_000,
    });
  });

  it('falls back alone for a wrong limit in the file, naming it', async () => {
    await writeFile(
      file(),
      JSON.stringify({ theme: 'dark', retention: { maxDatabaseMiB: 2, maxTraces: 50 } }),
    );
    const store = await SettingsStore.open(dir, {});
    expect(store.state.settings.theme).toBe('dark');
    expect(store.state.settings.retention.maxDatabaseMiB).toBe(1024);
    expect(store.state.notices[0]).toContain('"retention.maxDatabaseMiB"');
  });

  it('refuses a request with a limit out of range, naming the field', () => {
    expect(validateRequest('updateSettings', { retention: { maxTraces: 5 } })).toEqual({
      retention: { maxTraces: 5 },
    });
    for (const retention of [
      { maxDatabaseMiB: 1 },
      { maxDatabaseMiB: 100.5 },
      { maxAgeHours: 0 },
      { maxTraces: 1_000_000 },
      [],
      'big',
    ])
      expect(() => validateRequest('updateSettings', { retention })).toThrow(InvalidRequestError);
    expect(() => validateRequest('updateSettings', { retention: { maxAgeHours: -1 } })).toThrow(
      /"retention.maxAgeHours" must be a whole number of hours/,
    );
  });

  it('turns into the store limits in bytes and milliseconds', () => {
    expect(retentionLimitsOf({ maxDatabaseMiB: 16, maxAgeHours: 2, maxTraces: 7 })).toEqual({
      maxBytes: 16 * 1024 * 1024,
      maxAgeMs: 2 * 3_600_000,
      maxTraces: 7,
    });
    expect(retentionLimitsOf({ maxDatabaseMiB: 16, maxAgeHours: null, maxTraces: 7 }, 3)).toEqual({
      maxBytes: 16 * 1024 * 1024,
      maxAgeMs: null,
      maxTraces: 3,
    });
  });
});
