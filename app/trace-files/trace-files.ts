// Opening trace files into the store and exporting a stored trace: the operations behind the
// contract's importTraceText, openTraceFiles and exportTrace commands.
import { stat } from 'node:fs/promises';
import {
  sniffTraceFileHead,
  TRACE_FILE_HEAD_BYTES,
  type TraceFileKind,
} from '../model/trace-file-sniff';
import type { ExportedTrace, TraceExportFormat, TraceFileResult } from '../model/trace-files';
import { NotFoundError } from '../not-found-error';
import { rejectedSpansWarning } from '../storage/rejected-spans';
import type { TraceStore } from '../storage/trace-store';
import { toJaegerDocument } from './jaeger-json-writer';
import { endBeforeStartWarning, normalizeIncomingSpans } from '../otlp/normalize-incoming-spans';
import { toOtlpTraceRequest } from './otlp-json-writer';
import { parseTraceFile, type ParsedTraceFile } from './parse-trace-file';
import {
  NotStreamableError,
  EarlyBindingError,
  StreamFieldError,
  StreamSyntaxError,
} from './otlp-json-stream';
import {
  readSpansHere,
  readWithReader,
  type ReadBatch,
  type ReadEnd,
  type ReadSpans,
} from './span-reading';
import type { StreamReaderChoice } from './stream-reader-choice';
import { StoreFailedError, StreamedImport } from './streamed-import';
import { TraceFileReadError, type TraceFileStreamReader } from './trace-file-stream-reader';
import { TraceFileError } from './trace-file-error';
import { ImportCancelledError, type ImportTracker } from './trace-imports';
import { fileSource, type TraceFileSource } from './trace-file-source';
import { UploadCutOffError, type UploadSource } from './upload-source';

/**
 * V8 can't hold a longer string: a file that no stream reader takes (OTLP JSON, OTLP protobuf and
 * Jaeger JSON are read in chunks; saved api/v3 answers and bare lists of Jaeger spans are read
 * whole) and is larger is refused before reading it.
 */
export const MAX_TRACE_FILE_BYTES = 512 * 1024 * 1024 - 64;

/** How Jaeger JSON's {"data": [traces]} begins. */
const JAEGER_DOCUMENT_START = /^\uFEFF?\s*\{\s*"data"\s*:/;

/**
 * Parses the whole file first, then adds its spans: a bad file adds nothing. Whatever goes wrong
 * with one file is that file's error, never the caller's: other files, traces and the process go
 * on. Resolves once the spans are durably in the store; a span the store refuses is left out alone
 * and named in a warning.
 */
export async function importTraceText(
  store: TraceStore,
  fileName: string,
  text: string,
): Promise<TraceFileResult> {
  let parsed;
  try {
    parsed = parseTraceFile(fileName, text);
  } catch (error) {
    return { fileName, error: unreadableFileMessage(fileName, error) };
  }
  return storeParsedFile(store, fileName, parsed);
}

/** Adds a file's spans, all read and checked, to the store: the file's result. */
async function storeParsedFile(
  store: TraceStore,
  fileName: string,
  parsed: ParsedTraceFile,
): Promise<TraceFileResult> {
  const normalized = normalizeIncomingSpans(parsed.spans);
  let added;
  try {
    added = await store.addSpans(normalized.spans);
  } catch (error) {
    return { fileName, error: `${fileName}: could not be stored (${errorText(error)})` };
  }
  const { rejectedSpans } = added;
  const refused = new Set(rejectedSpans.map(({ traceId, spanId }) => traceId + spanId));
  const traceIds = new Set<string>();
  for (const { span } of normalized.spans)
    if (refused.size === 0 || !refused.has(span.traceId + span.spanId)) traceIds.add(span.traceId);
  const warning = endBeforeStartWarning(normalized);
  const refusedWarning = rejectedSpansWarning(rejectedSpans);
  return {
    fileName,
    format: parsed.format,
    traceIds: [...traceIds],
    spanCount: normalized.spans.length - rejectedSpans.length,
    duplicateSpanCount: normalized.duplicateSpanCount,
    warnings: [
      ...(warning ? [warning] : []),
      ...(refusedWarning ? [refusedWarning] : []),
      ...parsed.warnings,
    ],
  };
}

function unreadableFileMessage(fileName: string, error: unknown): string {
  if (error instanceof TraceFileError) return error.message;
  if (error instanceof TraceFileReadError) return `${fileName}: ${error.message}`;
  if (error instanceof RangeError && /call stack/i.test(error.message))
    return `${fileName}: holds values nested too deeply to read`;
  return `${fileName}: could not be read (${errorText(error)})`;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Reads and imports each file on its own: one bad file does not stop the others. */
export async function openTraceFiles(
  store: TraceStore,
  paths: readonly string[],
  track?: TrackImport,
  readSpans?: ReadSpans,
): Promise<TraceFileResult[]> {
  const results: TraceFileResult[] = [];
  for (const filePath of paths)
    results.push(await openTraceFile(store, filePath, filePath, track, readSpans));
  return results;
}

/** Runs one file's import under a tracker (TraceImports.run), for progress and Cancel. */
export type TrackImport = <T>(
  fileName: string,
  totalBytes: number,
  work: (tracker: ImportTracker) => Promise<T>,
) => Promise<T>;

const untracked: TrackImport = (_fileName, _totalBytes, work) =>
  work({
    signal: new AbortController().signal,
    report: () => {},
    checkCancelled: () => {},
  });

/**
 * Reads and imports one file; `fileName` is what results and messages call it. `readSpans` says
 * which thread reads a file in chunks (this one by default; parse-thread.ts for another).
 */
export async function openTraceFile(
  store: TraceStore,
  filePath: string,
  fileName = filePath,
  track: TrackImport = untracked,
  readSpans: ReadSpans = readSpansHere,
): Promise<TraceFileResult> {
  let size: number;
  try {
    size = await regularFileSize(filePath);
  } catch (error) {
    return { fileName, error: `${fileName}: ${fsErrorText(error)}` };
  }
  return importTraceSource(store, fileSource(filePath, size), fileName, track, readSpans);
}

/**
 * Imports a trace file while it is still being uploaded: the trace is listed and can be opened
 * while the rest arrives. An upload cut off on its way keeps nothing, like a cancelled import.
 */
export async function importUploadedTraceFile(
  store: TraceStore,
  upload: UploadSource,
  fileName: string,
  track: TrackImport = untracked,
  readSpans: ReadSpans = readSpansHere,
): Promise<TraceFileResult> {
  try {
    return await importTraceSource(store, upload, fileName, track, readSpans);
  } finally {
    await upload.close();
  }
}

async function importTraceSource(
  store: TraceStore,
  source: TraceFileSource,
  fileName: string,
  track: TrackImport,
  readSpans: ReadSpans,
): Promise<TraceFileResult> {
  const { size } = source;
  let head: Buffer;
  let kind: TraceFileKind;
  try {
    head = await source.head(TRACE_FILE_HEAD_BYTES);
    // Its start first: a file that is no trace file is refused without reading all of it, and
    // the start tells which reader reads it.
    const sniffed = sniffTraceFileHead(head, size <= TRACE_FILE_HEAD_BYTES);
    if ('problem' in sniffed) throw new Error(sniffed.problem);
    kind = sniffed.kind;
  } catch (error) {
    return { fileName, error: `${fileName}: ${fsErrorText(error)}` };
  }
  return track(fileName, size, async (tracker) => {
    try {
      const read: ReadFile = { store, source, fileName, tracker, readSpans };
      return await importTrackedFile(read, size, kind, head);
    } catch (error) {
      if (error instanceof ImportCancelledError)
        return { fileName, error: `${fileName}: ${error.message}` };
      throw error;
    }
  });
}

/** One file's import: where it goes, where it comes from, and who reads it. */
interface ReadFile {
  readonly store: TraceStore;
  readonly source: TraceFileSource;
  readonly fileName: string;
  readonly tracker: ImportTracker;
  readonly readSpans: ReadSpans;
}

async function importTrackedFile(
  read: ReadFile,
  size: number,
  kind: TraceFileKind,
  head: Buffer,
): Promise<TraceFileResult> {
  const { store, source, fileName, tracker } = read;
  if (kind !== 'json') {
    const choice: StreamReaderChoice = {
      format: 'otlp-protobuf',
      framed: kind === 'otlp-protobuf-framed',
    };
    const streamed = await streamOrError(read, choice);
    return 'result' in streamed
      ? streamed.result
      : { fileName, error: unreadableFileMessage(fileName, streamed.error) };
  }
  if (/^\uFEFF?\s*\{/.test(head.toString('utf8'))) {
    // OTLP JSON first (the common case), then Jaeger JSON; each gives up at once on the other's
    // documents (NotStreamableError).
    let streamError: unknown;
    const readers: StreamReaderChoice[] = [{ format: 'otlp-json' }, { format: 'jaeger-json' }];
    // A Jaeger UI download starts {"data": …}: its reader first, so that an upload of one is
    // read as it arrives too (a later pass waits for the whole upload).
    if (JAEGER_DOCUMENT_START.test(head.toString('utf8'))) readers.reverse();
    for (let next = 0; next < readers.length; next++) {
      const streamed = await streamOrError(read, readers[next]!);
      if ('result' in streamed) return streamed.result;
      streamError = streamed.error;
      tracker.checkCancelled();
      // A resource that changed after its spans were stored (rare: a member such as resource
      // after a big span list): read again, each span bound once its ResourceSpans ends.
      if (streamError instanceof EarlyBindingError)
        readers.splice(next + 1, 0, { format: 'otlp-json', bindEarly: false });
      else if (!(streamError instanceof NotStreamableError)) break;
    }
    // Neither (what they stored was taken out again): the whole-file readers know the other
    // documents and word every message about a bad file; past what they can hold, the stream's
    // own message is the answer.
    if (size > MAX_TRACE_FILE_BYTES)
      return { fileName, error: await streamErrorMessage(source, fileName, streamError) };
  }
  let text: string;
  try {
    text = await readTraceFileText(source);
  } catch (error) {
    return { fileName, error: `${fileName}: ${errorText(error)}` };
  }
  tracker.report(size, 0);
  tracker.checkCancelled();
  return importTraceText(store, fileName, text);
}

/**
 * streamTraceFile's result; or, once what it stored is taken out again, the reader's error (a
 * failed store and a cancel are answered here and by the caller's tracker).
 */
async function streamOrError(
  read: ReadFile,
  choice: StreamReaderChoice,
): Promise<{ result: TraceFileResult } | { error: unknown }> {
  const { fileName } = read;
  try {
    const { store, source, tracker, readSpans } = read;
    const reading = readSpans(source, choice, tracker.signal);
    return { result: await storeReading(store, fileName, reading, tracker) };
  } catch (error) {
    if (error instanceof ImportCancelledError) throw error;
    // Nothing more will come: no other reader can do better.
    if (error instanceof UploadCutOffError)
      return { result: { fileName, error: `${fileName}: ${error.message}` } };
    if (error instanceof StoreFailedError)
      return {
        result: { fileName, error: `${fileName}: could not be stored (${error.message})` },
      };
    return { error };
  }
}

export { FIRST_PART_BYTES, SLICE_BYTES } from './span-reading';

/**
 * A trace file read in chunks by `reader` on this thread, its spans stored as they are read
 * (streamed-import.ts): its result, or what went wrong once what it stored is taken out again.
 */
export function streamTraceFile(
  store: TraceStore,
  source: TraceFileSource,
  fileName: string,
  reader: TraceFileStreamReader,
  tracker: ImportTracker,
): Promise<TraceFileResult> {
  return storeReading(store, fileName, readWithReader(source, reader, tracker.signal), tracker);
}

/** Stores a reading's spans batch by batch (see streamTraceFile), whichever thread reads. */
async function storeReading(
  store: TraceStore,
  fileName: string,
  reading: AsyncGenerator<ReadBatch, ReadEnd, void>,
  tracker: ImportTracker,
): Promise<TraceFileResult> {
  const streamed = new StreamedImport(store);
  try {
    for (;;) {
      const next = await reading.next();
      if (next.done) {
        const end = next.value;
        if (end.progress.spansRead === 0) return { fileName, error: `${fileName}: holds no spans` };
        return await streamed.finish(fileName, end.format, end.warnings);
      }
      const batch = next.value;
      await streamed.add(batch.spans);
      // The file's first spans are stored before more is read: a big trace is listed at once.
      if (batch.first) await streamed.stored();
      const { bytesRead, spansRead } = batch.progress;
      tracker.report(bytesRead, spansRead);
      tracker.checkCancelled();
    }
  } catch (error) {
    await streamed.undo();
    throw error;
  } finally {
    // Stops a reading left early (a thread's reading stops its thread); the value is not used.
    await reading.return(undefined as never);
  }
}

async function streamErrorMessage(
  source: TraceFileSource,
  fileName: string,
  error: unknown,
): Promise<string> {
  if (error instanceof StreamSyntaxError) {
    const { line, column } = await lineAndColumnAt(source, error.offset);
    return `${fileName}: is not valid JSON: line ${line}, column ${column}: ${error.problem}`;
  }
  if (error instanceof StreamFieldError)
    return `${fileName}: ${error.document > 1 ? `document ${error.document}: ` : ''}${error.message}`;
  if (error instanceof NotStreamableError)
    return `${fileName}: is too large (${Math.round(MAX_TRACE_FILE_BYTES / 1024 / 1024)} MB at most) for a trace file that is neither OTLP JSON nor Jaeger JSON ({"data": [traces]}) nor OTLP protobuf, which are read in chunks (saved api/v3 answers and lists of Jaeger spans are read whole)`;
  return unreadableFileMessage(fileName, error);
}

/** 1-based line and byte column of a byte offset, counted in a second pass over the file. */
async function lineAndColumnAt(
  source: TraceFileSource,
  offset: number,
): Promise<{ line: number; column: number }> {
  let line = 1;
  let lineStart = 0;
  let position = 0;
  for await (const bytes of source.chunks({ last: Math.max(0, offset - 1) })) {
    for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, at + 1)) {
      line++;
      lineStart = position + at + 1;
    }
    position += bytes.length;
  }
  return { line, column: offset - lineStart + 1 };
}

async function regularFileSize(filePath: string): Promise<number> {
  let info;
  try {
    info = await stat(filePath);
  } catch (error) {
    throw new Error(describeFsError(error));
  }
  if (info.isDirectory()) throw new Error('is a folder, not a file');
  // A device or a pipe (/dev/zero, a FIFO) would be read forever.
  if (!info.isFile()) throw new Error('is not a regular file (a device, a pipe or a socket)');
  return info.size;
}

function fsErrorText(error: unknown): string {
  if ((error as NodeJS.ErrnoException).code) return describeFsError(error);
  return errorText(error);
}

async function readTraceFileText(source: TraceFileSource): Promise<string> {
  const { size } = source;
  if (size > MAX_TRACE_FILE_BYTES)
    throw new Error(
      `is too large (${Math.round(size / 1024 / 1024)} MB); Spanlight reads saved api/v3 answers and lists of Jaeger spans whole, up to 512 MB (OTLP JSON, Jaeger JSON's {"data": [traces]} and OTLP protobuf files of any size are read in chunks)`,
    );
  try {
    return await source.text();
  } catch (error) {
    if (!(error as NodeJS.ErrnoException).code) throw error;
    throw new Error(describeFsError(error));
  }
}

function describeFsError(error: unknown): string {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder, not a file';
    default:
      return `could not be read (${(error as Error).message})`;
  }
}

export class TraceNotFoundError extends NotFoundError {
  override name = 'TraceNotFoundError';
}

/** The stored trace as a file's text in the chosen format; opening it gives back the same spans. */
export function exportTrace(
  store: TraceStore,
  traceId: string,
  format: TraceExportFormat,
): ExportedTrace {
  const trace = store.getTrace(traceId);
  if (!trace) throw new TraceNotFoundError(`trace ${traceId} is not in the store`);
  const document = format === 'jaeger-json' ? toJaegerDocument(trace) : toOtlpTraceRequest(trace);
  return {
    fileName: `trace-${traceId}.${format === 'jaeger-json' ? 'jaeger' : 'otlp'}.json`,
    text: `${JSON.stringify(document)}\n`,
  };
}
