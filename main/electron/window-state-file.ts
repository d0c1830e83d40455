// window-state.json in the data directory: the window's last bounds, written atomically so a crash
// mid-write never leaves half a file; an unreadable file just means default bounds.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { parseSavedWindowState, type SavedWindowState } from './window-bounds';

export const WINDOW_STATE_FILE_NAME = 'window-state.json';

export async function loadWindowState(dataDir: string): Promise<SavedWindowState | undefined> {
  try {
    const text = await readFile(path.join(dataDir, WINDOW_STATE_FILE_NAME), 'utf8');
    return parseSavedWindowState(JSON.parse(text));
  } catch {
    return undefined;
  }
}

export async function saveWindowState(dataDir: string, state: SavedWindowState): Promise<void> {
  await writeFileAtomic(
    path.join(dataDir, WINDOW_STATE_FILE_NAME),
    `${JSON.stringify(state, null, 2)}\n`,
    { encoding: 'utf8' },
  );
}
