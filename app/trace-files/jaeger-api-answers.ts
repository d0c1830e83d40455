// Adapters from what Jaeger's query API and tools write to what the existing readers take:
//   - api/v3 (cmd/query/app/apiv3/http_gateway.go): {"result": <OTLP TracesData>}, or a stream of
//     several such objects (one per chunk or line, the last maybe {"end": true}), or a list of them;
//     each result is an OTLP JSON request for otlp-json-reader.ts.
//   - the bare list of Jaeger spans, each with its "process" (the anonymizer's output file, and
//     uimodel spans with an embedded process), for jaeger-json-reader.ts.
import type { IncomingSpan } from '../storage/incoming-span';
import { describeValue, FieldError } from '../otlp/field-error';
import { isObject } from '../otlp/json-field-readers';
import { readJaegerDocument } from './jaeger-json-reader';

/** An api/v3 envelope: {"result": …}, or a list of them. */
export function isJaegerV3Answer(document: unknown): boolean {
  if (Array.isArray(document)) return document.length > 0 && isEnvelope(document[0]);
  return isEnvelope(document);
}

function isEnvelope(value: unknown): boolean {
  return isObject(value) && 'result' in value;
}

/**
 * The OTLP requests inside api/v3 answers (one document, or each of a stream), in order, with the
 * JSON path of each. A stream's {"end": true} is skipped; an {"error": …} it ends with throws.
 */
export function resultsOfV3Answers(
  documents: readonly unknown[],
): { readonly request: unknown; readonly path: string }[] {
  const results: { request: unknown; path: string }[] = [];
  const single = documents.length === 1;
  documents.forEach((document, d) => {
    const base = single ? '' : `[${d}]`;
    const items = Array.isArray(document) ? document : [document];
    items.forEach((item, i) => {
      const path = Array.isArray(document) ? `${base}[${i}]` : base;
      if (isObject(item) && 'result' in item) {
        // An empty search answer may come as {"result": {}} or with no result at all.
        if (item.result === null || item.result === undefined) return;
        results.push({ request: item.result, path: path ? `${path}.result` : 'result' });
        return;
      }
      if (isObject(item) && item.end === true) return;
      if (isObject(item) && isObject(item.error))
        throw new FieldError(
          path ? `${path}.error` : 'error',
          `is Jaeger's error answer${typeof item.error.httpCode === 'number' ? ` (${item.error.httpCode})` : ''}: ${describeValue(item.error.message)}`,
        );
      throw new FieldError(path, `expected Jaeger's {"result": …}, got ${describeValue(item)}`);
    });
  });
  return results;
}

/** A list of Jaeger spans (not of traces): each has a traceID and spanID, and its own process. */
export function isJaegerSpanList(document: unknown): document is unknown[] {
  if (!Array.isArray(document) || document.length === 0) return false;
  const first: unknown = document[0];
  return (
    isObject(first) &&
    'spanID' in first &&
    'traceID' in first &&
    !('spans' in first) &&
    ('process' in first || 'processID' in first)
  );
}

/** The spans of a bare Jaeger span list, read as one trace of the Jaeger reader. Throws FieldError. */
export function readJaegerSpanList(list: readonly unknown[]): IncomingSpan[] {
  try {
    return readJaegerDocument({ spans: list });
  } catch (error) {
    // The reader names the paths within its trace ("spans[3].tags…"); in the file they are "[3].tags…".
    if (error instanceof FieldError)
      throw new FieldError(error.path.replace(/^spans(?=\[)/, ''), error.detail);
    throw error;
  }
}
