// What the UI says about each opened file.
import type { TraceFileResult } from '../../app/contract';
import { openedFileCounts } from '../../app/model/trace-files';

export interface TraceFileNotice {
  readonly kind: 'opened' | 'warning' | 'failed';
  readonly text: string;
}

/** Where a file's text must be read into the page (dropped on the desktop window from somewhere
 * that gives it no path on disk; files from disk go by their path, and the web UI streams files),
 * past this the page or the core gives up. */
export const MAX_UPLOAD_BYTES = 256 * 1024 * 1024;

/** Files the host opened are named by their full path; the notice shows the file's own name. */
const baseName = (fileName: string) => fileName.replace(/^.*[\\/]/, '');

/**
 * "Opened 1 trace, 10,000 spans, 12 duplicates ignored from x.json" (and the import's warnings,
 * such as spans shown with zero duration), or the core's error, which names the file.
 */
export function noticeFor(result: TraceFileResult): TraceFileNotice {
  if ('error' in result) return { kind: 'failed', text: `Could not open ${result.error}` };
  const warnings = result.warnings.length > 0 ? `. Warning: ${result.warnings.join('; ')}` : '';
  return {
    kind: result.warnings.length > 0 ? 'warning' : 'opened',
    text: `Opened ${openedFileCounts(result)} from ${baseName(result.fileName)}${warnings}`,
  };
}

export function tooLargeNotice(fileName: string, bytes: number): TraceFileNotice {
  return {
    kind: 'failed',
    text: `Could not open ${fileName}: it is ${Math.round(bytes / 1024 / 1024)} MB; files that are not on disk open up to ${MAX_UPLOAD_BYTES / 1024 / 1024} MB (save it to disk first, then open it or drop it)`,
  };
}

/** The trace to show after opening: the first trace of the first file that opened. */
export function traceToSelect(results: readonly TraceFileResult[]): string | undefined {
  for (const result of results)
    if ('traceIds' in result && result.traceIds[0]) return result.traceIds[0];
  return undefined;
}
