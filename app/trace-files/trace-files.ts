// Opening trace files into the store and exporting a stored trace: the operations behind the
// contract's importTraceText, openTraceFiles and exportTrace commands.
import { open, readFile, stat } from 'node:fs/promises';
import { TRACE_FILE_HEAD_BYTES, traceFileHeadProblem } from '../model/trace-file-sniff';
import type { ExportedTrace, TraceExportFormat, TraceFileResult } from '../model/trace-files';
import { NotFoundError } from '../not-found-error';
import { rejectedSpansWarning } from '../storage/rejected-spans';
import type { TraceStore } from '../storage/trace-store';
import { toJaegerDocument } from './jaeger-json-writer';
import { endBeforeStartWarning, normalizeIncomingSpans } from '../otlp/normalize-incoming-spans';
import { toOtlpTraceRequest } from './otlp-json-writer';
import { parseTraceFile } from './parse-trace-file';
import { TraceFileError } from './trace-file-error';

/** V8 can't hold a longer string; larger files are refused before reading them. */
export const MAX_TRACE_FILE_BYTES = 512 * 1024 * 1024 - 64;

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
): Promise<TraceFileResult[]> {
  const results: TraceFileResult[] = [];
  for (const filePath of paths) {
    let text: string;
    try {
      text = await readTraceFileText(filePath);
    } catch (error) {
      results.push({ fileName: filePath, error: `${filePath}: ${errorText(error)}` });
      continue;
    }
    results.push(await importTraceText(store, filePath, text));
  }
  return results;
}

async function readTraceFileText(filePath: string): Promise<string> {
  let info;
  try {
    info = await stat(filePath);
  } catch (error) {
    throw new Error(describeFsError(error));
  }
  if (info.isDirectory()) throw new Error('is a folder, not a file');
  // A device or a pipe (/dev/zero, a FIFO) would be read forever.
  if (!info.isFile()) throw new Error('is not a regular file (a device, a pipe or a socket)');
  if (info.size > MAX_TRACE_FILE_BYTES)
    throw new Error(
      `is too large (${Math.round(info.size / 1024 / 1024)} MB); Spanlight opens trace files up to 512 MB`,
    );
  try {
    // Its start first: a file that is no trace file is refused without reading all of it.
    if (info.size > TRACE_FILE_HEAD_BYTES) {
      const problem = traceFileHeadProblem(await readHead(filePath), false);
      if (problem) throw new Error(problem);
    }
    return await readFile(filePath, 'utf8');
  } catch (error) {
    if (!(error as NodeJS.ErrnoException).code) throw error;
    throw new Error(describeFsError(error));
  }
}

async function readHead(filePath: string): Promise<string> {
  const handle = await open(filePath, 'r');
  try {
    const buffer = Buffer.alloc(TRACE_FILE_HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
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
