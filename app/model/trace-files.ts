// What opening and exporting trace files answers; plain data, shared by the core and the UI.

/** How a trace file was written, as told by its content. */
export type TraceFileFormat = 'otlp-json' | 'otlp-json-lines' | 'jaeger-json';

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
