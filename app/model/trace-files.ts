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
  /** Spans read from the file (spans already in the store are not added twice). */
  readonly spanCount: number;
  /** What was kept but changed, e.g. a value nested too deep and cut; each names where. */
  readonly warnings?: readonly string[];
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
