// Reads a trace file's text, whatever its format: the format is told by the content, never by
// the file name. Either every span of the file is returned, or a TraceFileError and nothing.
import {
  NOT_A_TRACE_FILE_MESSAGE,
  TRACE_FILE_HEAD_BYTES,
  traceFileHeadProblem,
} from '../model/trace-file-sniff';
import type { TraceFileFormat } from '../model/trace-files';
import type { IncomingSpan } from '../storage/incoming-span';
import { FieldError } from '../otlp/field-error';
import { isObject } from '../otlp/json-field-readers';
import { readOtlpJsonRequest } from '../otlp/otlp-json-reader';
import type { OtlpReadResult } from '../otlp/read-problems';
import { looksLikeJaeger, readJaegerDocument } from './jaeger-json-reader';
import { describeJsonSyntaxError, findJsonSyntaxError } from './json-syntax-error';
import { TraceFileError } from './trace-file-error';

export type { TraceFileFormat } from '../model/trace-files';

export interface ParsedTraceFile {
  readonly format: TraceFileFormat;
  readonly spans: IncomingSpan[];
  /** What was kept but changed (values nested too deep, cut), each naming where. */
  readonly warnings: readonly string[];
}

/** The spans of one OTLP JSON document; any invalid span throws (a bad file imports nothing). */
function readOtlpDocument(document: unknown, warnings: string[], line?: number): IncomingSpan[] {
  const result: OtlpReadResult = readOtlpJsonRequest(document, { tolerant: false });
  for (const problem of result.problems)
    warnings.push(line === undefined ? problem : `line ${line}: ${problem}`);
  const unlisted = result.problemCount - result.problems.length;
  if (unlisted > 0)
    warnings.push(`and ${unlisted} more like it${line === undefined ? '' : ` on line ${line}`}`);
  return result.spans;
}

export function parseTraceFile(fileName: string, text: string): ParsedTraceFile {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // Characters, not bytes: a head of this many characters holds at least as many bytes.
  const problem = traceFileHeadProblem(
    body.slice(0, TRACE_FILE_HEAD_BYTES),
    body.length <= TRACE_FILE_HEAD_BYTES,
  );
  if (problem) throw new TraceFileError(fileName, problem);
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch {
    if (isJsonLines(body)) return parseJsonLines(fileName, body);
    // Not V8's message: it quotes the text around the error.
    throw new TraceFileError(fileName, `is not valid JSON: ${describeJsonSyntaxError(body)}`);
  }
  const parsed = readDocument(fileName, document);
  if (parsed.spans.length === 0) throw new TraceFileError(fileName, 'holds no spans');
  return parsed;
}

/** JSON Lines when the first non-blank line is a JSON value on its own. */
function isJsonLines(body: string): boolean {
  const lineStart = body.search(/\S/);
  const lineEnd = body.indexOf('\n', lineStart);
  if (lineEnd === -1) return false;
  try {
    JSON.parse(body.slice(lineStart, lineEnd));
    return true;
  } catch {
    return false;
  }
}

/** One ExportTraceServiceRequest per line, as the OpenTelemetry Collector's file exporter writes. */
function parseJsonLines(fileName: string, body: string): ParsedTraceFile {
  const spans: IncomingSpan[] = [];
  const warnings: string[] = [];
  let lineStart = 0;
  for (let line = 1; lineStart < body.length; line++) {
    let lineEnd = body.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = body.length;
    const lineText = body.slice(lineStart, lineEnd);
    lineStart = lineEnd + 1;
    if (lineText.trim() === '') continue;
    let document: unknown;
    try {
      document = JSON.parse(lineText);
    } catch {
      const error = findJsonSyntaxError(lineText);
      const where = error ? `column ${error.column}: ${error.problem}` : 'it could not be read';
      throw new TraceFileError(fileName, `is not valid JSON: ${where}`, line);
    }
    if (!isObject(document) || !('resourceSpans' in document))
      throw new TraceFileError(
        fileName,
        'expected an OTLP ExportTraceServiceRequest ({"resourceSpans": […]}) on every line',
        line,
      );
    try {
      for (const span of readOtlpDocument(document, warnings, line)) spans.push(span);
    } catch (error) {
      throw asFileError(fileName, error, line);
    }
  }
  if (spans.length === 0) throw new TraceFileError(fileName, 'holds no spans');
  return { format: 'otlp-json-lines', spans, warnings };
}

function readDocument(fileName: string, document: unknown): ParsedTraceFile {
  try {
    if (isObject(document) && ('resourceSpans' in document || 'resource_spans' in document)) {
      const warnings: string[] = [];
      return { format: 'otlp-json', spans: readOtlpDocument(document, warnings), warnings };
    }
    if (looksLikeJaeger(document))
      return { format: 'jaeger-json', spans: readJaegerDocument(document), warnings: [] };
  } catch (error) {
    throw asFileError(fileName, error);
  }
  throw new TraceFileError(fileName, NOT_A_TRACE_FILE_MESSAGE);
}

function asFileError(fileName: string, error: unknown, line?: number): TraceFileError {
  if (error instanceof FieldError) return new TraceFileError(fileName, error.message, line);
  throw error;
}
