// Remote sources: Jaeger query services a user browses besides the local store. The shapes the
// settings file holds and the contract carries, and the pure rules of a usable base URL and
// Authorization value (the settings schema and the UI check the same ones).
import * as v from 'valibot';
import type { TraceSummary } from './trace';

/** An id names a source in requests; settings hold it, the UI never has to show it. */
export const SOURCE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const SOURCE_ID_RULE = '1 to 64 letters, digits, _ or - (starting with a letter or digit)';

export const MAX_SOURCE_NAME_LENGTH = 200;

/**
 * Why `text` is not a usable base URL of a Jaeger query service, or undefined when it is. The base
 * is what comes before /api/…: `http://host:16686`, or with the path prefix Jaeger runs under
 * (`https://host/jaeger`, its `base_path`).
 */
export function sourceUrlProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `"${text}" is not a URL (expected e.g. http://jaeger.example.com:16686 or https://example.com/jaeger)`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `"${text}" is not an http or https URL`;
  if (url.username || url.password)
    return 'a URL with a user name or password cannot be used: put the credentials in the Authorization value instead (Basic base64(user:password))';
  if (url.search || url.hash)
    return `"${text}" has a query or fragment (?… or #…); give only the address and path prefix Jaeger answers under`;
  if (/\/api(\/v3)?\/?$/.test(url.pathname))
    return `"${text}" ends in /api: give the address Jaeger's UI is at (without /api), e.g. ${url.origin}${url.pathname.replace(/\/api(\/v3)?\/?$/, '')}`;
  return undefined;
}

/** The base URL as requests use it: no trailing slash, so `${base}/api/v3/…` is right. */
export function normalizeSourceUrl(text: string): string {
  const url = new URL(text.trim());
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${path}`;
}

/** Why `value` cannot be sent as an Authorization header, or undefined when it can. */
export function authorizationProblem(value: string): string | undefined {
  if (value.trim() === '')
    return 'is empty (leave it out, or give e.g. "Bearer <token>" or "Basic <base64>")';
  // RFC 9110: a field value is visible ASCII, spaces and tabs; no line breaks or controls.
  if (/[^\t\x20-\x7e]/.test(value))
    return 'has a line break, a control character or a non-ASCII character, which cannot go into an HTTP header';
  return undefined;
}

const sourceUrlSchema = v.pipe(
  v.string('must be a URL string'),
  v.check(
    (text) => sourceUrlProblem(text) === undefined,
    (issue) => `must be a usable Jaeger URL: ${sourceUrlProblem(issue.input as string)}`,
  ),
);

export const sourceIdSchema = v.pipe(
  v.string(`must be ${SOURCE_ID_RULE}`),
  v.regex(SOURCE_ID_PATTERN, `must be ${SOURCE_ID_RULE}`),
);

export const sourceNameSchema = v.pipe(
  v.string(`must be a name of 1 to ${MAX_SOURCE_NAME_LENGTH} characters`),
  v.trim(),
  v.minLength(1, `must be a name of 1 to ${MAX_SOURCE_NAME_LENGTH} characters`),
  v.maxLength(
    MAX_SOURCE_NAME_LENGTH,
    `must be a name of 1 to ${MAX_SOURCE_NAME_LENGTH} characters`,
  ),
);

export const authorizationSchema = v.pipe(
  v.string('must be text such as "Bearer <token>"'),
  v.check(
    (value) => authorizationProblem(value) === undefined,
    (issue) =>
      `must be a usable Authorization value: it ${authorizationProblem(issue.input as string)}`,
  ),
);

/** One saved source in settings.json. */
export const sourceSettingsSchema = v.object({
  id: sourceIdSchema,
  name: sourceNameSchema,
  baseUrl: v.pipe(sourceUrlSchema, v.transform(normalizeSourceUrl)),
  /** Sent as the Authorization header of every request to this source (kept owner-only). */
  authorization: v.optional(authorizationSchema),
});

export type SourceSettings = Readonly<v.InferOutput<typeof sourceSettingsSchema>>;

/** How long a remote request may stay silent: before the answer starts, and between its parts. */
export const DEFAULT_SOURCE_TIMEOUT_SECONDS = 30;
export const MAX_SOURCE_TIMEOUT_SECONDS = 600;
/** The largest answer read from a source; V8 strings stop at 512 MB. */
export const DEFAULT_SOURCE_RESPONSE_LIMIT_MIB = 256;
export const MAX_SOURCE_RESPONSE_LIMIT_MIB = 480;

export const sourceTimeoutSchema = v.pipe(
  v.number('must be a number of seconds'),
  v.integer('must be a whole number of seconds'),
  v.minValue(1, `must be 1 to ${MAX_SOURCE_TIMEOUT_SECONDS} seconds`),
  v.maxValue(MAX_SOURCE_TIMEOUT_SECONDS, `must be 1 to ${MAX_SOURCE_TIMEOUT_SECONDS} seconds`),
);

export const sourceResponseLimitSchema = v.pipe(
  v.number('must be a number of MiB'),
  v.integer('must be a whole number of MiB'),
  v.minValue(1, `must be 1 to ${MAX_SOURCE_RESPONSE_LIMIT_MIB} MiB`),
  v.maxValue(MAX_SOURCE_RESPONSE_LIMIT_MIB, `must be 1 to ${MAX_SOURCE_RESPONSE_LIMIT_MIB} MiB`),
);

/** Which of Jaeger's HTTP APIs a source answers: api/v3 (OTLP JSON), or only the older /api. */
export type JaegerApiVersion = 'v3' | 'v2';

/** A source as the UI lists it. The Authorization value itself never leaves the core. */
export interface SourceInfo {
  readonly id: string;
  readonly name: string;
  readonly baseUrl: string;
  readonly hasAuthorization: boolean;
  /** false: added with the web host's --jaeger-url, for this run only (not in settings.json). */
  readonly saved: boolean;
  /** Known once the source answered a request. */
  readonly api?: JaegerApiVersion;
}

/** What went wrong talking to a source; `message` is written for the user and names what to check. */
export const sourceFailureKinds = [
  /** No connection: refused, unknown host name, no route, connection timed out or cut. */
  'unreachable',
  /** The TLS handshake failed: an untrusted, expired or mismatched certificate, or no TLS at all. */
  'tls',
  /** 401 or 403: the Authorization value is missing, wrong or not allowed. */
  'unauthorized',
  /** 404 for a trace id: the source has no such trace (or no longer keeps it). */
  'trace-not-found',
  /** 404 for the API itself: the URL or its path prefix is wrong. */
  'api-not-found',
  /** An answer that is not JSON (an HTML page, a proxy's error page): not a Jaeger query API. */
  'not-jaeger',
  /** JSON that is not what Jaeger answers, or spans that cannot be read. */
  'invalid-answer',
  /** The source answered with an error of its own (4xx, 5xx), quoted. */
  'server-error',
  /** Nothing arrived for the timeout (before the answer started, or between its parts). */
  'timeout',
  /** The answer is larger than the response limit. */
  'too-large',
  /** Cancelled by the user (cancelSourceRequest). */
  'cancelled',
] as const;

export type SourceFailureKind = (typeof sourceFailureKinds)[number];

export interface SourceFailure {
  readonly kind: SourceFailureKind;
  readonly message: string;
}

/** Every remote command answers data or a failure; neither throws, so the UI shows either. */
export type SourceAnswer<T extends object> =
  ({ readonly ok: true } & T) | { readonly ok: false; readonly error: SourceFailure };

export interface SourceOperation {
  readonly name: string;
  /** Jaeger's span kind name ("server", "client", …), or "" when the source does not say. */
  readonly spanKind: string;
}

export interface SourceSearchResult {
  /** Summaries computed from the spans the source returned, newest first. */
  readonly traces: readonly TraceSummary[];
  readonly api: JaegerApiVersion;
  /** Spans the source returned that could not be read, each naming where. */
  readonly warnings: readonly string[];
}

/** A remote request's answer arriving: so a UI can show how much of a big trace has come. */
export interface SourceProgressEvent {
  readonly requestId: string;
  readonly sourceId: string;
  readonly receivedBytes: number;
  /** From Content-Length, when the source sent one. */
  readonly totalBytes?: number;
}

export interface SourcesChangedEvent {
  readonly sources: readonly SourceInfo[];
}
