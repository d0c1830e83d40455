// Reads a trace file's text, whatever its format: the format is told by the content, never by
// the file name. Either every span of the file is returned, or a TraceFileError and nothing.
import type { TraceFileFormat } from '../model/trace-files';
import type { IncomingSpan } from '../store/trace-store';
import { FieldError } from '../otlp/field-error';
import { isObject } from '../otlp/json-field-readers';
import { readOtlpJsonRequest } from '../otlp/otlp-json-reader';
import type { OtlpReadResult } from '../otlp/read-problems';
import { looksLikeJaeger, readJaegerDocument } from './jaeger-json-reader';
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
  const start = body.search(/\S/);
  if (start === -1) throw new TraceFileError(fileName, 'the file is empty');
  if (body[start] !== '{' && body[start] !== '[')
    throw new TraceFileError(
      fileName,
      'is not JSON: expected OTLP JSON (an ExportTraceServiceRequest, one per file or per line) or Jaeger JSON ({"data": [traces]})',
    );
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch (error) {
    if (isJsonLines(body)) return parseJsonLines(fileName, body);
    throw new TraceFileError(fileName, `is not valid JSON: ${syntaxDetail(error, body)}`);
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
    } catch (error) {
      throw new TraceFileError(fileName, `is not valid JSON: ${syntaxDetail(error)}`, line);
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
  throw new TraceFileError(
    fileName,
    'is JSON but not a trace file Spanlight knows: expected OTLP JSON ({"resourceSpans": […]}) or Jaeger JSON ({"data": [{"traceID", "spans", "processes"}]})',
  );
}

function asFileError(fileName: string, error: unknown, line?: number): TraceFileError {
  if (error instanceof FieldError) return new TraceFileError(fileName, error.message, line);
  throw error;
}

/** V8's message, with the line and column added when it gives only a character position. */
function syntaxDetail(error: unknown, body?: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(message);
  if (!body || !position || /line \d+/.test(message)) return message;
  const offset = Number(position[1]);
  const before = body.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `${message} (line ${line} column ${column})`;
}
