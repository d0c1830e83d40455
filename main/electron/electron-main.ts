// The Electron main process: one window showing the bundled renderer, bound to the core, with the
// desktop conventions (menu, remembered bounds, theme, single instance, files from the OS).
import path from 'node:path';
import { app, dialog, ipcMain, Menu, nativeTheme, session, type BrowserWindow } from 'electron';
import { eventChannel, type SpanlightEvent } from '../../app/contract';
import type { CoreConnection } from '../../app/spanlight-core';
import { startCoreWorker } from '../../app/worker/start-core-worker';
import { openTelemetrySdkVersion } from '../../app/telemetry/sdk-version';
import { buildMenuTemplate } from './application-menu';
import { registerAppScheme, rendererUrl, serveRenderer } from './app-protocol';
import { resolveFromStart, startDirectory } from '../start-directory';
import { traceFilesInArgv } from './command-line';
import { showAboutDialog, showOpenTraceDialog, showSaveTraceDialog } from './file-dialogs';
import { bindCommands, senderIsWindow } from './ipc-bindings';
import { rendererSubscribedChannel } from './ipc-channels';
import { openMainWindow, windowStateSaved } from './main-window';
import { denyAllPermissions } from './window-security';

const rendererDir = path.join(__dirname, '..', 'renderer');
registerAppScheme();

// Relative paths (SPANLIGHT_DATA_DIR, files on the command line) are resolved from the directory
// the command was started in: under `npm start` that is npm's INIT_CWD, not the package folder.
const launchDirectory = startDirectory();
// One data directory per user (or per SPANLIGHT_DATA_DIR); the single-instance lock is per
// userData directory, so tests with their own data directory get their own lock.
const dataDir =
  resolveFromStart(process.env.SPANLIGHT_DATA_DIR, launchDirectory) ?? app.getPath('userData');
app.setPath('userData', dataDir);

let mainWindow: BrowserWindow | undefined;
let core: CoreConnection | undefined;
// Files to open once the page listens for the results (traceFilesOpened): from our own command
// line, and from the OS (macOS sends open-file even before the app is ready).
const pendingFiles: string[] = [...traceFilesInArgv(process.argv, launchDirectory)];
let pageListens = false;

function createWindow(): Promise<void> {
  return openMainWindow({
    dataDir,
    preload: path.join(__dirname, 'preload.js'),
    url: rendererUrl,
    onCreated: (window) => (mainWindow = window),
    onClosed: () => {
      mainWindow = undefined;
      pageListens = false;
    },
  });
}

function send(event: SpanlightEvent): void {
  mainWindow?.webContents.send(eventChannel, event);
}

async function openTraceFiles(paths: readonly string[]): Promise<void> {
  if (paths.length === 0) return;
  if (!core || !mainWindow || !pageListens) {
    pendingFiles.push(...paths);
    return;
  }
  // The core reports each file's result to the window as a traceFilesOpened event.
  await core.commands.openTraceFiles({ paths });
}

/** For event handlers: a failure is logged (each file's own problem comes back as a result). */
function openTraceFilesLater(paths: readonly string[]): void {
  openTraceFiles(paths).catch((error: unknown) =>
    console.error('Spanlight could not open the trace files:', error),
  );
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
        void showOpenTraceDialog(mainWindow).then((paths) => openTraceFilesLater(paths)),
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
  // The core runs in a worker thread, off the process that moves the window and draws the menus.
  core = await startCoreWorker({
    dataDir,
    workerScript: path.join(__dirname, 'core-worker.js'),
    parseWorkerScript: path.join(__dirname, 'parse-worker.js'),
    // The desktop app's receivers follow the saved settings (both on by default).
    receivers: {},
    chooseSavePath: (suggestedFileName) => showSaveTraceDialog(mainWindow, suggestedFileName),
    onUnexpectedExit: (error) => {
      dialog.showErrorBox('Spanlight stopped', `${error.message}. Spanlight will quit.`);
      app.exit(1);
    },
  });
  denyAllPermissions(session.defaultSession);
  serveRenderer(session.defaultSession, rendererDir);
  const fromOurWindow = senderIsWindow(() => mainWindow?.webContents, rendererUrl);
  bindCommands(ipcMain, core.commands, fromOurWindow);
  ipcMain.on(rendererSubscribedChannel, (event) => {
    if (!fromOurWindow(event) || pageListens) return;
    pageListens = true;
    openTraceFilesLater(pendingFiles.splice(0));
  });
  // nativeTheme drives the window's prefers-color-scheme and the native menus and dialogs.
  nativeTheme.themeSource = (await core.commands.getSettings({})).settings.theme;
  core.subscribe((event) => {
    if (event.name === 'settingsChanged') nativeTheme.themeSource = event.payload.settings.theme;
    // The taskbar's (dock's) progress: the share of the file read; -1 removes it.
    if (event.name === 'traceImportProgress') {
      const { done, bytesRead, totalBytes } = event.payload;
      mainWindow?.setProgressBar(done || totalBytes <= 0 ? -1 : bytesRead / totalBytes);
    }
    send(event);
  });
  installMenu();
  await createWindow();
  app.on('activate', () => {
    if (!mainWindow) void createWindow();
  });
}

/** What a second launch tells the first: the directory its relative file arguments are from. */
interface LaunchData {
  readonly startDirectory: string;
}
const launchData: LaunchData = { startDirectory: launchDirectory };

if (!app.requestSingleInstanceLock(launchData)) {
  // Another Spanlight runs on this data directory: it got our argv (second-instance) and opens
  // the files; this process has nothing left to do.
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory, additionalData) => {
    if (mainWindow) focusWindow();
    else if (core) void createWindow();
    const from = (additionalData as Partial<LaunchData> | undefined)?.startDirectory;
    openTraceFilesLater(traceFilesInArgv(argv, typeof from === 'string' ? from : workingDirectory));
  });
  app.on('open-file', (event, file) => {
    event.preventDefault();
    openTraceFilesLater([file]);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let closing = false;
  app.on('will-quit', (event) => {
    if (closing || !core) return;
    closing = true;
    event.preventDefault();
    void Promise.all([windowStateSaved(), core.close()]).finally(() => app.quit());
  });
  start().catch((error: unknown) => {
    console.error('Spanlight could not start:', error);
    app.exit(1);
  });
}
