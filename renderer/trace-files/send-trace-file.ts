// How one picked or dropped file reaches the core, the cheapest way the transport allows: the web
// host's upload (the browser streams the file from disk), its path on disk (the desktop app: the
// core reads it in chunks), or, for a file that has neither, its text read into the page.
import type { SpanlightApi, TraceFileResult } from '../../app/contract';
import { canUploadFiles } from '../api/http-api';
import { MAX_UPLOAD_BYTES } from './trace-file-messages';

/** What the desktop app's preload adds beside the commands (main/electron/preload.ts). */
export interface FilePathBridge {
  /** The file's path on disk; "" for a file with none (dragged out of a web page, say). */
  pathForFile(file: File): string;
}

export function canTellFilePaths(api: object): api is FilePathBridge {
  return typeof (api as Partial<FilePathBridge>).pathForFile === 'function';
}

/** The core's result for the file, or 'too-large' when it could only be read into the page and
 * is larger than MAX_UPLOAD_BYTES. */
export async function sendTraceFile(
  api: SpanlightApi,
  file: File,
): Promise<TraceFileResult | 'too-large'> {
  if (canUploadFiles(api)) return api.uploadTraceFile(file);
  const path = canTellFilePaths(api) ? api.pathForFile(file) : '';
  if (path) return api.importTraceFile({ path, fileName: file.name });
  if (file.size > MAX_UPLOAD_BYTES) return 'too-large';
  return api.importTraceText({ fileName: file.name, text: await file.text() });
}
