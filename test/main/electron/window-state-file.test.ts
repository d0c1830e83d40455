import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  loadWindowState,
  saveWindowState,
  WINDOW_STATE_FILE_NAME,
} from '../../../main/electron/window-state-file';
import { makeTempDir } from '../../helpers/temp-dir';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());

describe('saveWindowState', () => {
  it('writes what loadWindowState reads back after a restart', async () => {
    const state = { bounds: { x: 10, y: 20, width: 900, height: 600 }, maximized: false };
    await saveWindowState(dir, state);
    expect(JSON.parse(await readFile(path.join(dir, WINDOW_STATE_FILE_NAME), 'utf8'))).toEqual(
      state,
    );
    await expect(loadWindowState(dir)).resolves.toEqual(state);
  });
});

describe('loadWindowState', () => {
  it('gives undefined (default bounds) when there is no file', async () => {
    await expect(loadWindowState(dir)).resolves.toBeUndefined();
  });

  it('gives undefined for a corrupt file instead of failing the start', async () => {
    await writeFile(path.join(dir, WINDOW_STATE_FILE_NAME), '{"bounds": ');
    await expect(loadWindowState(dir)).resolves.toBeUndefined();
  });
});
