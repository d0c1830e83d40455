// The Electron main process: one window showing the bundled renderer, bound to the core, with the
// desktop conventions (menu, remembered bounds, theme, single instance, files from the OS).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, ipcMain, Menu, nativeTheme, screen, session, shell } from 'electron';
import { eventChannel, type SpanlightEvent } from '../../app/contract';
import { createSpanlightCore, type SpanlightCore } from '../../app/spanlight-core';
import { openTelemetrySdkVersion } from '../../app/telemetry/sdk-version';
import { buildMenuTemplate } from './application-menu';
import { traceFilesInArgv } from './command-line';
import { showAboutDialog, showOpenTraceDialog, showSaveTraceDialog } from './file-dialogs';
import { bindCommands, senderIsWindow } from './ipc-bindings';
import { placeWindow } from './window-bounds';
import { denyAllPermissions, lockDownContents } from './window-security';
import { loadWindowState, saveWindowState } from './window-state-file';

const rendererFile = path.join(__dirname, '..', 'renderer', 'index.html');
const rendererUrl = pathToFileURL(rendererFile).href;
const windowDefaults = { width: 1280, height: 820, minWidth: 720, minHeight: 480 };

// One data directory per user (or per SPANLIGHT_DATA_DIR); the single-instance lock is per
// userData directory, so tests with their own data directory get their own lock.
const dataDir = process.env.SPANLIGHT_DATA_DIR
  ? path.resolve(process.env.SPANLIGHT_DATA_DIR)
  : app.getPath('userData');
app.setPath('userData', dataDir);

let mainWindow: BrowserWindow | undefined;
let core: SpanlightCore | undefined;
// Files the OS asked us to open before the core was ready (macOS sends open-file that early).
const pendingFiles: string[] = [...traceFilesInArgv(process.argv, process.cwd())];

async function createWindow(): Promise<BrowserWindow> {
  const saved = await loadWindowState(dataDir);
  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  const window = new BrowserWindow({
    ...placeWindow(saved?.bounds, workAreas, windowDefaults),
    minWidth: windowDefaults.minWidth,
    minHeight: windowDefaults.minHeight,
    title: 'Spanlight',
    show: false,
    webPreferences: {
      preload: path.join(__dirname, 'preload.js'),
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
    saveWindowState(dataDir, state).catch((error: unknown) =>
      console.error('Spanlight could not save the window bounds:', error),
    );
  });
  window.on('closed', () => {
    mainWindow = undefined;
  });
  await window.loadFile(rendererFile);
  return window;
}

function send(event: SpanlightEvent): void {
  mainWindow?.webContents.send(eventChannel, event);
}

async function openTraceFiles(paths: readonly string[]): Promise<void> {
  if (paths.length === 0) return;
  if (!core || !mainWindow) {
    pendingFiles.push(...paths);
    return;
  }
  // The core reports each file's result to the window as a traceFilesOpened event.
  await core.commands.openTraceFiles({ paths });
}

function focusWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

function installMenu(): void {
  const template = buildMenuTemplate({
    appName: app.name,
    platform: process.platform,
    development: !app.isPackaged,
    actions: {
      openTraceFile: () =>
        void showOpenTraceDialog(mainWindow).then((paths) => openTraceFiles(paths)),
      exportTrace: () => send({ name: 'menuCommand', payload: { command: 'exportTrace' } }),
      showAbout: () =>
        void showAboutDialog(mainWindow, {
          app: app.getVersion(),
          electron: process.versions.electron,
          chrome: process.versions.chrome,
          node: process.versions.node,
          openTelemetry: openTelemetrySdkVersion(),
        }),
    },
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

async function start(): Promise<void> {
  await app.whenReady();
  core = await createSpanlightCore({
    dataDir,
    chooseSavePath: (suggestedFileName) => showSaveTraceDialog(mainWindow, suggestedFileName),
  });
  denyAllPermissions(session.defaultSession);
  bindCommands(
    ipcMain,
    core.commands,
    senderIsWindow(() => mainWindow?.webContents, rendererUrl),
  );
  // nativeTheme drives the window's prefers-color-scheme and the native menus and dialogs.
  nativeTheme.themeSource = (await core.commands.getSettings({})).settings.theme;
  core.subscribe((event) => {
    if (event.name === 'settingsChanged') nativeTheme.themeSource = event.payload.settings.theme;
    send(event);
  });
  installMenu();
  mainWindow = await createWindow();
  await openTraceFiles(pendingFiles.splice(0));
  app.on('activate', () => {
    if (!mainWindow) void createWindow().then((window) => (mainWindow = window));
  });
}

if (!app.requestSingleInstanceLock()) {
  // Another Spanlight runs on this data directory: it got our argv (second-instance) and opens
  // the files; this process has nothing left to do.
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    focusWindow();
    void openTraceFiles(traceFilesInArgv(argv, workingDirectory));
  });
  app.on('open-file', (event, file) => {
    event.preventDefault();
    void openTraceFiles([file]);
  });
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
}
