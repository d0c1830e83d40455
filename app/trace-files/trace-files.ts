// Opening trace files into the store and exporting a stored trace: the operations behind the
// contract's importTraceText, openTraceFiles and exportTrace commands.
import { readFile, stat } from 'node:fs/promises';
import type { ExportedTrace, TraceExportFormat, TraceFileResult } from '../model/trace-files';
import type { TraceStore } from '../storage/trace-store';
import { toJaegerDocument } from './jaeger-json-writer';
import { toOtlpTraceRequest } from './otlp-json-writer';
import { parseTraceFile } from './parse-trace-file';
import { TraceFileError } from './trace-file-error';

/** V8 can't hold a longer string; larger files are refused before reading them. */
export const MAX_TRACE_FILE_BYTES = 512 * 1024 * 1024 - 64;

/**
 * Parses the whole file first, then adds its spans: a bad file adds nothing. Resolves once the
 * spans are durably in the store.
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
    if (error instanceof TraceFileError) return { fileName, error: error.message };
    throw error;
  }
  const traceIds = new Set<string>();
  for (const { span } of parsed.spans) traceIds.add(span.traceId);
  await store.addSpans(parsed.spans);
  return {
    fileName,
    format: parsed.format,
    traceIds: [...traceIds],
    spanCount: parsed.spans.length,
  };
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
      results.push({ fileName: filePath, error: `${filePath}: ${(error as Error).message}` });
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
  if (info.size > MAX_TRACE_FILE_BYTES)
    throw new Error(
      `is too large (${Math.round(info.size / 1024 / 1024)} MB); Spanlight opens trace files up to 512 MB`,
    );
  try {
    return await readFile(filePath, 'utf8');
  } catch (error) {
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

export class TraceNotFoundError extends Error {
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
