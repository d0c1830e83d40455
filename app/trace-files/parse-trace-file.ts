// Reads a trace file's text, whatever its format: the format is told by the content, never by
// the file name. Either every span of the file is returned, or a TraceFileError and nothing.
import {
  NOT_A_TRACE_FILE_MESSAGE,
  TRACE_FILE_HEAD_BYTES,
  traceFileHeadProblem,
} from '../model/trace-file-sniff';
import type { TraceFileFormat } from '../model/trace-files';
import type { IncomingSpan } from '../storage/incoming-span';
import { FieldError, joinPath } from '../otlp/field-error';
import { isObject, type JsonObject } from '../otlp/json-field-readers';
import { readOtlpJsonRequest } from '../otlp/otlp-json-reader';
import type { OtlpReadResult } from '../otlp/read-problems';
import {
  isJaegerSpanList,
  isJaegerV3Answer,
  readJaegerSpanList,
  resultsOfV3Answers,
} from './jaeger-api-answers';
import { looksLikeJaeger, readJaegerDocument } from './jaeger-json-reader';
import { describeJsonSyntaxError, findJsonSyntaxError } from './json-syntax-error';
import { parseJsonSequence } from './json-value-sequence';
import { TraceFileError } from './trace-file-error';

export type { TraceFileFormat } from '../model/trace-files';

export interface ParsedTraceFile {
  readonly format: TraceFileFormat;
  readonly spans: IncomingSpan[];
  /** What was kept but changed (values nested too deep, cut), each naming where. */
  readonly warnings: readonly string[];
}

/** The spans of one OTLP JSON document; any invalid span throws (a bad file imports nothing). */
function readOtlpDocument(
  document: unknown,
  warnings: string[],
  line?: number,
  path = '',
): IncomingSpan[] {
  let result: OtlpReadResult;
  try {
    result = readOtlpJsonRequest(document, { tolerant: false });
  } catch (error) {
    if (path && error instanceof FieldError)
      throw new FieldError(joinPath(path, error.path), error.detail);
    throw error;
  }
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
    // Jaeger's api/v3 streams one {"result": …} per chunk: several documents, one after another.
    const sequence = parseJsonSequence(body);
    if (sequence) return parseSequence(fileName, sequence);
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
    const isRequest = isObject(document) && 'resourceSpans' in document;
    const isAnswer = isObject(document) && isV3StreamItem(document);
    if (!isRequest && !isAnswer)
      throw new TraceFileError(
        fileName,
        'expected an OTLP ExportTraceServiceRequest ({"resourceSpans": […]}) or an answer of Jaeger\'s api/v3 ({"result": …}) on every line',
        line,
      );
    try {
      const requests = isRequest
        ? [{ request: document, path: '' }]
        : resultsOfV3Answers([document]);
      for (const { request, path } of requests)
        for (const span of readOtlpDocument(request, warnings, line, path)) spans.push(span);
    } catch (error) {
      throw asFileError(fileName, error, line);
    }
  }
  if (spans.length === 0) throw new TraceFileError(fileName, 'holds no spans');
  return { format: 'otlp-json-lines', spans, warnings };
}

/** An object of an api/v3 stream: {"result": …}, or the {"end": true} / {"error": …} it ends with. */
function isV3StreamItem(document: JsonObject): boolean {
  return 'result' in document || document.end === true || isObject(document.error);
}

/** Several documents one after another: api/v3 answers, or OTLP requests written back to back. */
function parseSequence(fileName: string, documents: readonly unknown[]): ParsedTraceFile {
  const warnings: string[] = [];
  const spans: IncomingSpan[] = [];
  try {
    if (documents.every((document) => isObject(document) && 'resourceSpans' in document)) {
      documents.forEach((document, d) => {
        for (const span of readOtlpDocument(document, warnings, undefined, `[${d}]`))
          spans.push(span);
      });
    } else if (
      documents.every(
        (document) =>
          (isObject(document) && isV3StreamItem(document)) || isJaegerV3Answer(document),
      )
    ) {
      for (const { request, path } of resultsOfV3Answers(documents))
        for (const span of readOtlpDocument(request, warnings, undefined, path)) spans.push(span);
    } else {
      throw new TraceFileError(
        fileName,
        'holds several JSON documents one after another, but not all of them are OTLP requests ({"resourceSpans": […]}) or answers of Jaeger\'s api/v3 ({"result": …})',
      );
    }
  } catch (error) {
    if (error instanceof TraceFileError) throw error;
    throw asFileError(fileName, error);
  }
  if (spans.length === 0) throw new TraceFileError(fileName, 'holds no spans');
  return { format: 'otlp-json', spans, warnings };
}

function readDocument(fileName: string, document: unknown): ParsedTraceFile {
  try {
    if (isObject(document) && ('resourceSpans' in document || 'resource_spans' in document)) {
      const warnings: string[] = [];
      return { format: 'otlp-json', spans: readOtlpDocument(document, warnings), warnings };
    }
    if (isJaegerV3Answer(document)) {
      const warnings: string[] = [];
      const spans: IncomingSpan[] = [];
      for (const { request, path } of resultsOfV3Answers([document]))
        for (const span of readOtlpDocument(request, warnings, undefined, path)) spans.push(span);
      return { format: 'otlp-json', spans, warnings };
    }
    if (isJaegerSpanList(document))
      return { format: 'jaeger-json', spans: readJaegerSpanList(document), warnings: [] };
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
