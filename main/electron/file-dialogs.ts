// The native dialogs behind File › Open, File › Export and Help › About.
import { dialog, type BrowserWindow } from 'electron';
import { TRACE_FILE_EXTENSIONS } from '../../app/model/trace-files';
import { aboutDetail, type AboutVersions } from './about-dialog';

const traceFileFilter = {
  name: 'Trace files (OTLP JSON, OTLP protobuf, Jaeger JSON)',
  extensions: [...TRACE_FILE_EXTENSIONS],
};

export async function showOpenTraceDialog(window: BrowserWindow | undefined): Promise<string[]> {
  const options: Electron.OpenDialogOptions = {
    title: 'Open Trace File',
    properties: ['openFile', 'multiSelections'],
    filters: [traceFileFilter, { name: 'All files', extensions: ['*'] }],
  };
  const result = window
    ? await dialog.showOpenDialog(window, options)
    : await dialog.showOpenDialog(options);
  return result.canceled ? [] : result.filePaths;
}

/** Both formats save as .json; the name tells them apart (see exportFormatForPath). */
export async function showSaveTraceDialog(
  window: BrowserWindow | undefined,
  suggestedFileName: string,
): Promise<string | undefined> {
  const options: Electron.SaveDialogOptions = {
    title: 'Export Trace',
    defaultPath: suggestedFileName,
    buttonLabel: 'Export',
    filters: [
      { name: 'OTLP JSON (name.otlp.json)', extensions: ['json'] },
      { name: 'Jaeger JSON (name.jaeger.json)', extensions: ['json'] },
    ],
    properties: ['showOverwriteConfirmation', 'createDirectory'],
  };
  const result = window
    ? await dialog.showSaveDialog(window, options)
    : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? undefined : result.filePath;
}

export async function showAboutDialog(
  window: BrowserWindow | undefined,
  versions: AboutVersions,
): Promise<void> {
  const options: Electron.MessageBoxOptions = {
    type: 'info',
    title: 'About Spanlight',
    message: 'Spanlight',
    detail: aboutDetail(versions),
    buttons: ['OK'],
  };
  if (window) await dialog.showMessageBox(window, options);
  else await dialog.showMessageBox(options);
}
