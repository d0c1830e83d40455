// The one Spanlight window: secure web preferences, placed where it was left (back on screen if
// the displays changed), its bounds saved when it closes.
import { BrowserWindow, screen, shell } from 'electron';
import { placeWindow } from './window-bounds';
import { lockDownContents } from './window-security';
import { loadWindowState, saveWindowState } from './window-state-file';

const windowDefaults = { width: 1280, height: 820, minWidth: 720, minHeight: 480 };

export interface MainWindowOptions {
  readonly dataDir: string;
  readonly preload: string;
  /** The page to load (app://spanlight/index.html, see app-protocol.ts). */
  readonly url: string;
  /** Called before the page loads: its first commands arrive while it loads. */
  readonly onCreated: (window: BrowserWindow) => void;
  readonly onClosed: () => void;
}

/** Resolves once the page has loaded. */
export async function openMainWindow(options: MainWindowOptions): Promise<void> {
  const saved = await loadWindowState(options.dataDir);
  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  const window = new BrowserWindow({
    ...placeWindow(saved?.bounds, workAreas, windowDefaults),
    minWidth: windowDefaults.minWidth,
    minHeight: windowDefaults.minHeight,
    title: 'Spanlight',
    show: false,
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  if (saved?.maximized) window.maximize();
  lockDownContents(window.webContents, (url) => shell.openExternal(url));
  window.once('ready-to-show', () => window.show());
  window.on('close', () => {
    const state = { bounds: window.getNormalBounds(), maximized: window.isMaximized() };
    lastSave = saveWindowState(options.dataDir, state).catch((error: unknown) =>
      console.error('Spanlight could not save the window bounds:', error),
    );
  });
  window.on('closed', options.onClosed);
  options.onCreated(window);
  await window.loadURL(options.url);
}

let lastSave: Promise<void> = Promise.resolve();

/** Quitting waits for this: the window's last bounds on disk. */
export function windowStateSaved(): Promise<void> {
  return lastSave;
}
