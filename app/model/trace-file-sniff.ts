// A quick look at the start of a file, so that a file that is no trace file is refused at once
// whatever its size (before it is read whole, uploaded or parsed), and the reader that fits is
// chosen: JSON, or OTLP protobuf (one ExportTraceServiceRequest, or the OpenTelemetry Collector
// file exporter's length-prefixed messages). Pure: it runs wherever the file's start is.

/** How much of a file's start is looked at. */
export const TRACE_FILE_HEAD_BYTES = 64 * 1024;

/** Names that a trace file has near its start: OTLP JSON's, Jaeger JSON's and the envelope of
 * Jaeger's api/v3 answers (see the readers). */
const TRACE_KEYS = /"(?:resourceSpans|resource_spans|data|spans|traceID|processes|result)"\s*:/;

export const NOT_JSON_MESSAGE =
  'is not JSON: expected OTLP JSON (an ExportTraceServiceRequest, one per file or per line) or Jaeger JSON ({"data": [traces]})';

const EXPECTED_FORMATS =
  'expected OTLP JSON (an ExportTraceServiceRequest, one per file or per line), Jaeger JSON ({"data": [traces]}) or OTLP protobuf (a serialized ExportTraceServiceRequest, or the OpenTelemetry Collector file exporter\'s length-prefixed messages)';

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

/** How a file's content is read. */
export type TraceFileKind =
  /** OTLP JSON, Jaeger JSON or a saved Jaeger answer: the JSON readers decide. */
  | 'json'
  /** One serialized ExportTraceServiceRequest. */
  | 'otlp-protobuf'
  /** ExportTraceServiceRequests, each after its length as 4 bytes big-endian (the Collector's
   * file exporter with `format: proto`). */
  | 'otlp-protobuf-framed';

export type TraceFileSniff = { readonly kind: TraceFileKind } | { readonly problem: string };

const isJsonSpace = (code: number) =>
  code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;

/**
 * The kind of file whose first bytes are `head`, or why it cannot be a trace file (naming the
 * byte, never quoting it). `isWholeFile`: `head` is all of the file.
 */
export function sniffTraceFileHead(head: Uint8Array, isWholeFile: boolean): TraceFileSniff {
  let start = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (start < head.length && isJsonSpace(head[start]!)) start++;
  if (start === head.length)
    return isWholeFile ? { problem: 'the file is empty' } : { kind: 'json' };
  const startsLikeJson = head[start] === 0x7b || head[start] === 0x5b;
  const jsonProblem = startsLikeJson
    ? traceFileHeadProblem(new TextDecoder().decode(head), isWholeFile)
    : undefined;
  if (startsLikeJson && !jsonProblem) return { kind: 'json' };
  // Protobuf is binary from its first bytes (field tags and lengths are control characters), so a
  // JSON-looking start that holds control characters may still be protobuf.
  if (startsLikeProtobufRequest(head, 0)) return { kind: 'otlp-protobuf' };
  if (head.length > 4 && readUint32(head, 0) > 0) {
    if (startsLikeProtobufRequest(head, 4)) return { kind: 'otlp-protobuf-framed' };
    if (head[4] === 0x28 && head[5] === 0xb5 && head[6] === 0x2f && head[7] === 0xfd)
      return {
        problem:
          "byte 4: holds zstd-compressed messages (the Collector file exporter's `compression: zstd`), which Spanlight does not read; write the file without compression",
      };
  }
  if (head[0] === 0x1f && head[1] === 0x8b)
    return { problem: 'byte 0: is gzip-compressed; decompress it first (gunzip)' };
  if (jsonProblem) return { problem: jsonProblem };
  return {
    problem: `is not JSON: byte ${start} starts neither a JSON document ({ or [) nor an OTLP protobuf request; ${EXPECTED_FORMATS}`,
  };
}

function readUint32(bytes: Uint8Array, at: number): number {
  return (
    ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0
  );
}

/** A varint at `at`: its value and the index past it, or undefined (too long, or past the end). */
function readVarint(bytes: Uint8Array, at: number): { value: number; next: number } | undefined {
  let value = 0;
  for (let i = 0; i < 5 && at + i < bytes.length; i++) {
    const byte = bytes[at + i]!;
    value += (byte & 0x7f) * 2 ** (7 * i);
    if (byte < 0x80) return { value, next: at + i + 1 };
  }
  return undefined;
}

/** ResourceSpans' fields: resource (1), scope_spans (2), schema_url (3), all length-delimited; the
 * pre-1.0 instrumentation_library_spans (1000) is tag 8002, the varint C2 3E. */
const RESOURCE_SPANS_TAGS = new Set([0x0a, 0x12, 0x1a]);

/**
 * Whether the bytes at `at` start an ExportTraceServiceRequest: field 1 (resource_spans, tag 0A),
 * its length, and a ResourceSpans field whose length fits in it. Where the head ends first, what is
 * there must fit.
 */
function startsLikeProtobufRequest(bytes: Uint8Array, at: number): boolean {
  if (bytes[at] !== 0x0a) return false;
  const outer = readVarint(bytes, at + 1);
  if (!outer) return false;
  if (outer.value === 0) return false;
  if (outer.next >= bytes.length) return true;
  const tag = bytes[outer.next]!;
  const isLibrarySpans = tag === 0xc2 && bytes[outer.next + 1] === 0x3e;
  if (!RESOURCE_SPANS_TAGS.has(tag) && !isLibrarySpans) return false;
  const inner = readVarint(bytes, outer.next + (isLibrarySpans ? 2 : 1));
  if (!inner) return outer.next + 6 >= bytes.length;
  return inner.next - outer.next + inner.value <= outer.value;
}
