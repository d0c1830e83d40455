// What opening and exporting trace files answers; plain data, shared by the core and the UI.

/** How a trace file was written, as told by its content. */
export type TraceFileFormat = 'otlp-json' | 'otlp-json-lines' | 'otlp-protobuf' | 'jaeger-json';

/**
 * The file name endings the file pickers offer (the web UI's Open…, the desktop's File › Open);
 * the content, not the name, decides how a file is read. .pb, .binpb, .otlp and .proto are what
 * OTLP protobuf dumps are called.
 */
export const TRACE_FILE_EXTENSIONS = ['json', 'jsonl', 'pb', 'binpb', 'otlp', 'proto'] as const;

/** The formats a trace can be exported as (and opened again). */
export type TraceExportFormat = 'otlp-json' | 'jaeger-json';

export const traceExportFormats: readonly TraceExportFormat[] = ['otlp-json', 'jaeger-json'];

export interface TraceFileOpened {
  readonly fileName: string;
  readonly format: TraceFileFormat;
  /** The file's traces, in the order they first appear in it. */
  readonly traceIds: readonly string[];
  /** Spans of the file that were imported: each (trace id, span id) once; spans already in the
   * store are not added twice. */
  readonly spanCount: number;
  /** Spans left out because the same trace and span id came earlier in the file. */
  readonly duplicateSpanCount: number;
  /** What was imported but not as written (spans that end before they start, values nested too
   * deep and cut); each names where. */
  readonly warnings: readonly string[];
}

export interface TraceFileFailed {
  readonly fileName: string;
  /** Names the file and what is wrong (and the line, for line-delimited files). */
  readonly error: string;
}

/** Per file: what was opened, or why nothing of it was. */
export type TraceFileResult = TraceFileOpened | TraceFileFailed;

/** A trace file import that has run for a while (traceImportProgress events). */
export interface TraceImportProgress {
  /** Names the import for cancelTraceImport. */
  readonly importId: string;
  readonly fileName: string;
  readonly bytesRead: number;
  /** The file's size; 0 when not known. */
  readonly totalBytes: number;
  readonly spansRead: number;
  readonly elapsedMs: number;
  /** The last event of the import: it ended (opened, failed or cancelled). */
  readonly done: boolean;
}

/** Estimated time left, from the rate so far; undefined until there is a rate to go by. */
export function importTimeLeftMs(progress: TraceImportProgress): number | undefined {
  if (progress.totalBytes <= 0 || progress.bytesRead <= 0 || progress.elapsedMs <= 0)
    return undefined;
  const rest = Math.max(0, progress.totalBytes - progress.bytesRead);
  return (rest * progress.elapsedMs) / progress.bytesRead;
}

/** "45% (300 MB of 673 MB), 450,000 spans, about 6 s left": for the hosts' progress lines. */
export function importProgressText(progress: TraceImportProgress): string {
  const mb = (bytes: number) => `${Math.round(bytes / 1e6).toLocaleString('en-US')} MB`;
  const parts: string[] = [];
  if (progress.totalBytes > 0)
    parts.push(
      `${Math.floor((100 * progress.bytesRead) / progress.totalBytes)}% (${mb(progress.bytesRead)} of ${mb(progress.totalBytes)})`,
    );
  else parts.push(`${mb(progress.bytesRead)} read`);
  parts.push(counted(progress.spansRead, 'span'));
  const left = importTimeLeftMs(progress);
  if (left !== undefined && progress.bytesRead < progress.totalBytes)
    parts.push(`about ${Math.max(1, Math.round(left / 1000))} s left`);
  return parts.join(', ');
}

export interface ExportedTrace {
  /** A suggested file name, e.g. trace-<id>.otlp.json. */
  readonly fileName: string;
  readonly text: string;
}

const counted = (n: number, noun: string) =>
  `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;

/** "1 trace, 1,000 spans, 12 duplicates ignored": what an opened file held, for every host's notice. */
export function openedFileCounts(opened: TraceFileOpened): string {
  const parts = [counted(opened.traceIds.length, 'trace'), counted(opened.spanCount, 'span')];
  if (opened.duplicateSpanCount > 0)
    parts.push(`${counted(opened.duplicateSpanCount, 'duplicate')} ignored`);
  return parts.join(', ');
}
