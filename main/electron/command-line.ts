// Which trace files a command line names: the OS passes the files to open as arguments on Windows
// and Linux (file associations, "Open with"), and so does a second launch of the app.
import path from 'node:path';
import { TRACE_FILE_EXTENSIONS } from '../../app/model/trace-files';

const TRACE_FILE = new RegExp(`\\.(?:${TRACE_FILE_EXTENSIONS.join('|')})$`, 'i');

/**
 * The trace file arguments of `argv` (named as TRACE_FILE_EXTENSIONS: .json, .jsonl, .pb, …;
 * argv[0] is the executable), resolved against `cwd`. Switches (Chromium adds its own to a second instance's argv) and the app's own path are skipped.
 */
export function traceFilesInArgv(argv: readonly string[], cwd: string): string[] {
  const files: string[] = [];
  for (const arg of argv.slice(1)) {
    if (arg.startsWith('-') || !TRACE_FILE.test(arg)) continue;
    const file = path.resolve(cwd, arg);
    if (!files.includes(file)) files.push(file);
  }
  return files;
}
