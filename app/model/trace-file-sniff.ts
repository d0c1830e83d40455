// A quick look at the start of a file, so that a file that is no trace file is refused at once
// whatever its size (before it is read whole, uploaded or parsed). Pure: the renderer checks a
// dropped file's first bytes with it before sending the file, the core before reading one.

/** How much of a file's start is looked at. */
export const TRACE_FILE_HEAD_BYTES = 64 * 1024;

/** Names that a trace file has near its start: OTLP JSON's, Jaeger JSON's and the envelope of
 * Jaeger's api/v3 answers (see the readers). */
const TRACE_KEYS = /"(?:resourceSpans|resource_spans|data|spans|traceID|processes|result)"\s*:/;

export const NOT_JSON_MESSAGE =
  'is not JSON: expected OTLP JSON (an ExportTraceServiceRequest, one per file or per line) or Jaeger JSON ({"data": [traces]})';

export const NOT_A_TRACE_FILE_MESSAGE =
  'is JSON but not a trace file Spanlight knows: expected OTLP JSON ({"resourceSpans": […]}), Jaeger JSON ({"data": [{"traceID", "spans", "processes"}]}, or a list of spans each with its "process") or a saved answer of Jaeger\'s /api/v3/traces ({"result": {"resourceSpans": […]}})';

/** 1-based line and column of `offset` in `text`. */
function lineAndColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++)
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  return `line ${line}, column ${offset - lineStart + 1}`;
}

/**
 * Why a file whose text starts with `head` cannot be a trace file, or undefined when it may be one
 * (the readers then decide). `isWholeFile`: `head` is all of the file, not only its start. Says
 * where and what, never quotes the file.
 */
export function traceFileHeadProblem(head: string, isWholeFile: boolean): string | undefined {
  const body = head.charCodeAt(0) === 0xfeff ? head.slice(1) : head;
  const start = body.search(/\S/);
  if (start === -1) return isWholeFile ? 'the file is empty' : undefined;
  if (body[start] !== '{' && body[start] !== '[') return NOT_JSON_MESSAGE;
  // JSON holds no raw control characters but tab, line feed and carriage return (inside strings
  // they must be escaped): one of them means binary data, not JSON.
  for (let i = start; i < body.length; i++) {
    const code = body.charCodeAt(i);
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d)
      return `is not JSON: ${lineAndColumn(body, i)} holds a control character (binary data?)`;
  }
  // A big file that names none of the readers' fields near its start is some other JSON.
  if (!isWholeFile && !TRACE_KEYS.test(body)) return NOT_A_TRACE_FILE_MESSAGE;
  return undefined;
}
