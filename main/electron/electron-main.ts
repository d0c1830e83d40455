// The Electron main process: one window showing the bundled renderer, bound to the core.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, ipcMain, session } from 'electron';
import { eventChannel } from '../../app/contract';
import { createSpanlightCore, type SpanlightCore } from '../../app/spanlight-core';
import { bindCommands, senderIsWindow } from './ipc-bindings';
import { denyAllPermissions, lockDownContents } from './window-security';

const rendererFile = path.join(__dirname, '..', 'renderer', 'index.html');
const rendererUrl = pathToFileURL(rendererFile).href;

let mainWindow: BrowserWindow | undefined;
let core: SpanlightCore | undefined;

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 480,
    title: 'Spanlight',
    show: false,
    webPreferences: {
      preload: path.join(__dirname, 'preload.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  lockDownContents(window.webContents);
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    mainWindow = undefined;
  });
  void window.loadFile(rendererFile);
  return window;
}

async function start(): Promise<void> {
  await app.whenReady();
  const dataDir = process.env.SPANLIGHT_DATA_DIR ?? app.getPath('userData');
  core = await createSpanlightCore({ dataDir });
  denyAllPermissions(session.defaultSession);
  bindCommands(
    ipcMain,
    core.commands,
    senderIsWindow(() => mainWindow?.webContents, rendererUrl),
  );
  core.subscribe((event) => mainWindow?.webContents.send(eventChannel, event));
  mainWindow = createWindow();
  app.on('activate', () => {
    if (!mainWindow) mainWindow = createWindow();
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

let closing = false;
app.on('will-quit', (event) => {
  if (closing || !core) return;
  closing = true;
  event.preventDefault();
  void core.close().finally(() => app.quit());
});

start().catch((error: unknown) => {
  console.error('Spanlight could not start:', error);
  app.exit(1);
});
