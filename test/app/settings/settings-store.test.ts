import { chmod, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../app/settings/settings-file';
import { SettingsStore } from '../../../app/settings/settings-store';
import { createSpanlightCore } from '../../../app/spanlight-core';
import { makeTempDir } from '../../helpers/temp-dir';

describe('SettingsStore', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
  afterEach(() => cleanup());

  const file = () => path.join(dir, 'settings.json');

  it('starts with the switch off and no notice when there is no file', async () => {
    const store = await SettingsStore.open(dir, {});
    expect(store.state.settings.mirror).toEqual({ enabled: false });
    expect(store.state.notices).toEqual([]);
  });

  it('saves every change to settings.json and restores it at the next start', async () => {
    const store = await SettingsStore.open(dir, {});
    await store.update({ mirrorEnabled: true, endpoint: 'http://127.0.0.1:4318/v1/traces' });
    await store.update({ headers: { authorization: 'Bearer x' } });
    expect(JSON.parse(await readFile(file(), 'utf8'))).toMatchObject({
      mirror: {
        enabled: true,
        endpoint: 'http://127.0.0.1:4318/v1/traces',
        headers: { authorization: 'Bearer x' },
      },
    });
    const reopened = await SettingsStore.open(dir, {});
    expect(reopened.state.settings).toEqual(store.state.settings);
  });

  it('resets endpoint and headers to the environment with null', async () => {
    const env = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://env:4318' };
    const store = await SettingsStore.open(dir, env);
    await store.update({ endpoint: 'http://mine:4318/v1/traces', headers: { a: 'b' } });
    const state = await store.update({ endpoint: null, headers: null });
    expect(state.settings.mirror).toEqual({ enabled: false });
    expect(state.mirror.endpoint).toBe('http://env:4318/v1/traces');
  });

  it('refuses a bad header name and changes nothing', async () => {
    const store = await SettingsStore.open(dir, {});
    await expect(
      store.update({ mirrorEnabled: true, headers: { 'bad name': 'x' } }),
    ).rejects.toThrow('The headers were not changed: "bad name" is not a valid HTTP header name');
    expect(store.state.settings.mirror.enabled).toBe(false);
  });

  it('uses the defaults and names the file when it is not JSON, keeping a copy', async () => {
    await writeFile(file(), '{"mirror": {"enabled": tru');
    const store = await SettingsStore.open(dir, {});
    expect(store.state.settings.mirror).toEqual({ enabled: false });
    expect(store.state.notices).toHaveLength(1);
    expect(store.state.notices[0]).toMatch(
      new RegExp(
        `^The settings file ${file().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is corrupt \\(.+\\); using the default settings\\. A copy was kept as .+settings\\.json\\.corrupt\\.$`,
      ),
    );
    expect(await readFile(`${file()}.corrupt`, 'utf8')).toBe('{"mirror": {"enabled": tru');
  });

  it('uses the defaults and says what is wrong when the JSON has the wrong shape', async () => {
    await writeFile(file(), JSON.stringify({ mirror: { enabled: 'yes' } }));
    const store = await SettingsStore.open(dir, {});
    expect(store.state.settings.mirror.enabled).toBe(false);
    expect(store.state.notices[0]).toContain('"mirror.enabled" must be true or false');
    await writeFile(file(), JSON.stringify({ mirror: { enabled: true, endpoint: 'nope' } }));
    expect((await SettingsStore.open(dir, {})).state.notices[0]).toContain(
      '"mirror.endpoint" must be an http or https URL: "nope" is not a URL',
    );
  });

  it('keeps every good field when one is wrong, and names only the wrong ones', async () => {
    await writeFile(
      file(),
      JSON.stringify({
        mirror: { enabled: true, endpoint: 'nope', headers: { 'bad name': 'x' } },
        theme: 'dark',
      }),
    );
    const store = await SettingsStore.open(dir, {});
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
    expect(store.state.notices).toHaveLength(1);
    expect(store.state.notices[0]).toContain('"mirror.endpoint" must be an http or https URL');
    expect(store.state.notices[0]).toContain(
      '"mirror.headers" must be usable HTTP headers: "bad name" is not a valid HTTP header name',
    );
    expect(store.state.notices[0]).not.toContain('"theme"');
    expect(store.state.notices[0]).toContain('the other settings are kept');
  });

  it('falls back for a whole section that is not an object, keeping the rest', async () => {
    await writeFile(file(), JSON.stringify({ mirror: 'on', theme: 'light' }));
    const store = await SettingsStore.open(dir, {});
    expect(store.state.settings).toEqual({
      mirror: { enabled: false },
      receiver: defaultSettings.receiver,
      theme: 'light',
      attributeValueLimitKiB: 64,
      sources: [],
      sourceTimeoutSeconds: 30,
      sourceResponseLimitMiB: 256,
      retention: defaultSettings.retention,
    });
    expect(store.state.notices[0]).toContain('"mirror" ');
  });

  it('starts from a file with a value nested 100,000 levels deep, keeping the other fields', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    await writeFile(file(), `{"theme":"dark","mirror":{"enabled":true,"headers":${deep}}}`);
    const store = await SettingsStore.open(dir, {});
    expect(store.state.settings.theme).toBe('dark');
    expect(store.state.settings.mirror).toEqual({ enabled: true });
    expect(store.state.notices[0]).toContain('"mirror.headers"');
  });

  it('uses the defaults with a notice when the file cannot be read', async () => {
    await mkdir(file());
    const store = await SettingsStore.open(dir, {});
    expect(store.state.settings.mirror.enabled).toBe(false);
    expect(store.state.notices[0]).toMatch(
      /^Could not read the settings file .*settings\.json \(EISDIR/,
    );
    // Saving fails too: the change still applies for this run, and says so.
    const state = await store.update({ mirrorEnabled: true });
    expect(state.settings.mirror.enabled).toBe(true);
    expect(state.notices.some((n) => n.startsWith('Could not save the settings to'))).toBe(true);
  });

  it.skipIf(process.getuid?.() === 0)(
    'reports a file it may not read (skipped as root, who may read any file)',
    async () => {
      await writeFile(file(), '{}');
      await chmod(file(), 0o000);
      const store = await SettingsStore.open(dir, {});
      expect(store.state.notices[0]).toMatch(/EACCES/);
    },
  );

  it('writes settings.json owner-only (0600) once it holds a secret, atomically', async () => {
    const store = await SettingsStore.open(dir, {});
    await store.update({ theme: 'dark' });
    expect((await stat(file())).mode & 0o077).not.toBe(0);
    await store.update({ headers: { 'x-api-key': 'k' } });
    expect((await stat(file())).mode & 0o777).toBe(0o600);
    await store.update({ headers: null });
    await store.setSources([
      { id: 'team', name: 'Team', baseUrl: 'http://jaeger:16686', authorization: 'Bearer t' },
    ]);
    expect((await stat(file())).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file(), 'utf8')).sources[0].authorization).toBe('Bearer t');
    // No temporary file is left beside it.
    expect((await readdir(dir)).filter((name) => name.startsWith('settings.json'))).toEqual([
      'settings.json',
    ]);
  });
});

describe('createSpanlightCore with saved settings', () => {
  it('restores the switch and the endpoint at the next start', async () => {
    const { dir, cleanup } = await makeTempDir();
    try {
      const first = await createSpanlightCore({ dataDir: dir, env: {} });
      await first.commands.updateSettings({
        mirrorEnabled: true,
        endpoint: 'http://127.0.0.1:9/v1/traces',
      });
      await first.close();
      const second = await createSpanlightCore({ dataDir: dir, env: {} });
      try {
        const status = await second.commands.getMirrorStatus({});
        expect(status.state).not.toBe('off');
        expect(status.endpoint).toBe('http://127.0.0.1:9/v1/traces');
      } finally {
        await second.close();
      }
    } finally {
      await cleanup();
    }
  });
});

describe('createSpanlightCore with a corrupt settings file', () => {
  it('starts, places orders and shows the notice through getSettings', async () => {
    const { dir, cleanup } = await makeTempDir();
    await writeFile(path.join(dir, 'settings.json'), '\u0000\u0001garbage');
    const core = await createSpanlightCore({ dataDir: dir, env: {} });
    try {
      const { notices } = await core.commands.getSettings({});
      expect(notices[0]).toContain(
        `The settings file ${path.join(dir, 'settings.json')} is corrupt`,
      );
      expect((await core.commands.getMirrorStatus({})).state).toBe('off');
      expect(
        (
          await core.commands.placeOrder({
            paymentDeclined: false,
            emailServerDown: false,
            slowDatabase: false,
          })
        ).status,
      ).toBe('ok');
    } finally {
      await core.close();
      await cleanup();
    }
  });
});
