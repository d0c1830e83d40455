// A client of a Jaeger query service over HTTP: its services and operations, trace search and one
// trace by id. It speaks api/v3 (OTLP JSON; cmd/query/app/apiv3/http_gateway.go) and falls back to
// the older /api JSON (cmd/query/app/http_handler.go, query_parser.go) when a Jaeger has no v3.
// Answers become the store's span model through the existing readers (otlp-json-reader.ts,
// jaeger-json-reader.ts); every failure is a SourceError saying what is wrong.
import type { OtlpReadResult } from '../otlp/read-problems';
import { FieldError } from '../otlp/field-error';
import { isObject } from '../otlp/json-field-readers';
import { endBeforeStartWarning, normalizeIncomingSpans } from '../otlp/normalize-incoming-spans';
import { readOtlpJsonRequest } from '../otlp/otlp-json-reader';
import type { JaegerApiVersion, SourceOperation } from '../model/sources';
import {
  DEFAULT_SOURCE_RESPONSE_LIMIT_MIB,
  DEFAULT_SOURCE_TIMEOUT_SECONDS,
} from '../model/sources';
import type { IncomingSpan } from '../storage/incoming-span';
import { resultsOfV3Answers } from '../trace-files/jaeger-api-answers';
import { readJaegerDocument } from '../trace-files/jaeger-json-reader';
import { parseJsonSequence } from '../trace-files/json-value-sequence';
import { httpGet, type HttpAnswer, type HttpProgress } from './http-get';
import { hostAndPort, SourceError } from './source-error';

export interface JaegerQueryClientOptions {
  /** What comes before /api/…: `http://host:16686`, or with a path prefix, `https://host/jaeger`. */
  readonly baseUrl: string;
  /** Sent as the Authorization header of every request (a bearer token, basic credentials). */
  readonly authorization?: string;
  /** Milliseconds a request may stay silent (before its answer starts, and between its parts). */
  readonly timeoutMs?: number;
  /** The largest answer read, in bytes. */
  readonly maxResponseBytes?: number;
  /** Tests replace it; the app uses Node's fetch. */
  readonly fetch?: typeof fetch;
}

export interface RequestOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: HttpProgress) => void;
}

/** A trace search, as Jaeger takes it: within one service. */
export interface JaegerSearchQuery {
  readonly service: string;
  readonly operation?: string;
  /** Some span (or its resource) has every one of them; matched by Jaeger, as text. */
  readonly attributes?: readonly { readonly key: string; readonly value: string }[];
  /** Traces that started in this range (unix epoch milliseconds). */
  readonly startAfterUnixMillis: number;
  readonly startBeforeUnixMillis: number;
  /** Jaeger matches these against spans of the service (and operation), not the whole trace. */
  readonly minDurationMicros?: number;
  readonly maxDurationMicros?: number;
  /** At most this many traces. */
  readonly limit: number;
}

export interface RemoteSpans {
  /** Each (trace id, span id) once; spans that end before they start end when they start. */
  readonly spans: IncomingSpan[];
  /** What was left out or changed, each naming where. */
  readonly warnings: readonly string[];
  readonly api: JaegerApiVersion;
}

type JsonRecord = Record<string, unknown>;

const DEFAULT_TIMEOUT_MS = DEFAULT_SOURCE_TIMEOUT_SECONDS * 1000;
const DEFAULT_MAX_BYTES = DEFAULT_SOURCE_RESPONSE_LIMIT_MIB * 1024 * 1024;

/** Go's time.ParseDuration takes "ns"; whole nanoseconds keep a fractional microsecond exact. */
function goDuration(micros: number): string {
  return `${Math.round(micros * 1000)}ns`;
}

export class JaegerQueryClient {
  readonly baseUrl: string;
  private readonly where: string;
  private detected: JaegerApiVersion | undefined;
  /** The one request finding out the API, shared by every request that waits for it. */
  private probing:
    | { promise: Promise<JaegerApiVersion>; controller: AbortController; waiters: number }
    | undefined;

  constructor(private readonly options: JaegerQueryClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.where = hostAndPort(new URL(this.baseUrl));
  }

  /** Which API the source answers, once a request found out. */
  get api(): JaegerApiVersion | undefined {
    return this.detected;
  }

  async services(options: RequestOptions = {}): Promise<string[]> {
    const api = await this.detectApi(options);
    if (api === 'v3') return servicesOfV3(await this.getJson('/api/v3/services', {}, options));
    return servicesOfV2(await this.getJson('/api/services', {}, options));
  }

  async operations(service: string, options: RequestOptions = {}): Promise<SourceOperation[]> {
    const api = await this.detectApi(options);
    if (api === 'v3')
      return operationsOf(
        await this.getJson('/api/v3/operations', { service }, options),
        'operations',
        this.urlOf('/api/v3/operations', { service }),
      );
    const answer = await this.get('/api/operations', { service }, options);
    if (answer.status === 404 && !jaegerErrorOf(answer)) {
      // Jaeger before /api/operations: the route the old UI used, names only.
      const legacy = `/api/services/${encodeURIComponent(service)}/operations`;
      const names = this.jsonOf(this.checked(await this.get(legacy, {}, options)));
      return operationsOf(names, 'data', this.urlOf(legacy, {}));
    }
    return operationsOf(
      this.jsonOf(this.checked(answer)),
      'data',
      this.urlOf('/api/operations', { service }),
    );
  }

  async searchTraces(query: JaegerSearchQuery, options: RequestOptions = {}): Promise<RemoteSpans> {
    const api = await this.detectApi(options);
    // api/v3 of Jaeger up to v2.13 ignores attribute filters (http_gateway.go leaves them empty),
    // so a search with attributes asks the older /api/traces, which matches them as tags.
    if (api === 'v2' || (query.attributes?.length ?? 0) > 0) return this.searchV2(query, options);
    const params: Record<string, string> = {
      'query.service_name': query.service,
      'query.start_time_min': new Date(query.startAfterUnixMillis).toISOString(),
      'query.start_time_max': new Date(query.startBeforeUnixMillis).toISOString(),
      'query.num_traces': String(query.limit),
    };
    if (query.operation) params['query.operation_name'] = query.operation;
    if (query.minDurationMicros !== undefined)
      params['query.duration_min'] = goDuration(query.minDurationMicros);
    if (query.maxDurationMicros !== undefined)
      params['query.duration_max'] = goDuration(query.maxDurationMicros);
    const answer = await this.get('/api/v3/traces', params, options);
    // Jaeger answers a search without matches with 404 "No traces found".
    if (answer.status === 404 && jaegerErrorOf(answer)) return { spans: [], warnings: [], api };
    return this.spansOfV3(this.checked(answer));
  }

  async getTrace(traceId: string, options: RequestOptions = {}): Promise<RemoteSpans> {
    const api = await this.detectApi(options);
    const path = api === 'v3' ? `/api/v3/traces/${traceId}` : `/api/traces/${traceId}`;
    const answer = await this.get(path, {}, options);
    if (answer.status === 404 && jaegerErrorOf(answer))
      throw new SourceError(
        'trace-not-found',
        `${this.where} has no trace ${traceId} (Jaeger answered 404 "${jaegerErrorOf(answer)}"). It may be older than that Jaeger keeps traces, or in another Jaeger.`,
      );
    const checked = this.checked(answer);
    return api === 'v3' ? this.spansOfV3(checked) : this.spansOfV2(checked);
  }

  private async searchV2(query: JaegerSearchQuery, options: RequestOptions): Promise<RemoteSpans> {
    const params: Record<string, string> = {
      service: query.service,
      start: String(Math.floor(query.startAfterUnixMillis * 1000)),
      end: String(Math.ceil(query.startBeforeUnixMillis * 1000)),
      limit: String(query.limit),
    };
    if (query.operation) params.operation = query.operation;
    if (query.minDurationMicros !== undefined)
      params.minDuration = goDuration(query.minDurationMicros);
    if (query.maxDurationMicros !== undefined)
      params.maxDuration = goDuration(query.maxDurationMicros);
    if (query.attributes?.length)
      params.tags = JSON.stringify(
        Object.fromEntries(query.attributes.map(({ key, value }) => [key, value])),
      );
    return this.spansOfV2(this.checked(await this.get('/api/traces', params, options)));
  }

  /**
   * api/v3 first; the older API when v3 is not there (404, or a page that is not JSON). Requests
   * made meanwhile wait for the same probe, each still cancellable by its own signal; the probe
   * itself stops once no request waits for it any more.
   */
  private detectApi(options: RequestOptions): Promise<JaegerApiVersion> {
    if (this.detected) return Promise.resolve(this.detected);
    const { signal } = options;
    const cancelled = () =>
      new SourceError('cancelled', `The request to ${this.where} was cancelled.`);
    if (signal?.aborted) return Promise.reject(cancelled());
    if (!this.probing) {
      const controller = new AbortController();
      const probing = {
        controller,
        waiters: 0,
        promise: this.probe({ signal: controller.signal }).then((api) => {
          this.detected = api;
          return api;
        }),
      };
      // A failed probe is tried again by the next request.
      probing.promise.catch(() => {
        if (this.probing === probing) this.probing = undefined;
      });
      this.probing = probing;
    }
    const probing = this.probing;
    probing.waiters += 1;
    return new Promise<JaegerApiVersion>((resolve, reject) => {
      let waiting = true;
      const stopWaiting = () => {
        if (!waiting) return false;
        waiting = false;
        probing.waiters -= 1;
        signal?.removeEventListener('abort', onAbort);
        return true;
      };
      const onAbort = () => {
        if (!stopWaiting()) return;
        reject(cancelled());
        if (probing.waiters === 0) {
          probing.controller.abort();
          if (this.probing === probing) this.probing = undefined;
        }
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      probing.promise.then(
        (api) => stopWaiting() && resolve(api),
        (error: unknown) => stopWaiting() && reject(error as Error),
      );
    });
  }

  private async probe(options: RequestOptions): Promise<JaegerApiVersion> {
    const v3 = await this.get('/api/v3/services', {}, { signal: options.signal });
    let v3Problem: SourceError;
    try {
      // Any 404 here means no api/v3, whatever its body says.
      if (v3.status === 404) throw new SourceError('api-not-found', `${v3.url} answered 404`);
      servicesOfV3(this.jsonOf(this.checked(v3)));
      return 'v3';
    } catch (error) {
      if (!(error instanceof SourceError)) throw error;
      const missing = error.kind === 'api-not-found' || error.kind === 'not-jaeger';
      if (!missing) throw error;
      v3Problem = error;
    }
    const v2 = await this.get('/api/services', {}, { signal: options.signal });
    try {
      servicesOfV2(this.jsonOf(this.checked(v2)));
      return 'v2';
    } catch (error) {
      if (!(error instanceof SourceError)) throw error;
      if (v3Problem.kind === 'api-not-found' && error.kind === 'api-not-found')
        throw new SourceError(
          'api-not-found',
          `No Jaeger query API at ${this.baseUrl}: ${v3.url} and ${v2.url} both answered 404 Not Found. Check the URL and its path prefix (the base_path Jaeger runs under, e.g. https://example.com/jaeger).`,
        );
      // Say what the more telling of the two answers was: a page, or JSON of something else.
      throw v3Problem.kind === 'api-not-found' ? error : v3Problem;
    }
  }

  private urlOf(path: string, params: Readonly<Record<string, string>>): string {
    const query = new URLSearchParams(params).toString();
    return `${this.baseUrl}${path}${query ? `?${query}` : ''}`;
  }

  private get(
    path: string,
    params: Readonly<Record<string, string>>,
    options: RequestOptions,
  ): Promise<HttpAnswer> {
    return httpGet(this.urlOf(path, params), {
      headers: this.options.authorization ? { authorization: this.options.authorization } : {},
      timeoutMs: this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxBytes: this.options.maxResponseBytes ?? DEFAULT_MAX_BYTES,
      ...(options.signal && { signal: options.signal }),
      ...(options.onProgress && { onProgress: options.onProgress }),
      ...(this.options.fetch && { fetch: this.options.fetch }),
    });
  }

  private async getJson(
    path: string,
    params: Readonly<Record<string, string>>,
    options: RequestOptions,
  ): Promise<unknown> {
    return this.jsonOf(this.checked(await this.get(path, params, options)));
  }

  /** The answer when it is a success; otherwise the SourceError its status means. */
  private checked(answer: HttpAnswer): HttpAnswer {
    const { status } = answer;
    if (status >= 200 && status < 300) return answer;
    const statusLine = `${status}${answer.statusText ? ` ${answer.statusText}` : ''}`;
    const hasAuthorization = !!this.options.authorization;
    if (status === 401)
      throw new SourceError(
        'unauthorized',
        hasAuthorization
          ? `${this.where} answered 401 Unauthorized: it did not accept the Authorization value (wrong or expired?). Check it in the source's settings.`
          : `${this.where} answered 401 Unauthorized: it needs an Authorization header, and this source has none. Add the Authorization value (such as "Bearer <token>") in the source's settings.`,
      );
    if (status === 403)
      throw new SourceError(
        'unauthorized',
        hasAuthorization
          ? `${this.where} answered 403 Forbidden: the Authorization value is not allowed to read traces there (wrong or without the right permissions?). Check it in the source's settings.`
          : `${this.where} answered 403 Forbidden: it needs an Authorization header, and this source has none. Add the Authorization value in the source's settings.`,
      );
    const jaegerMessage = jaegerErrorOf(answer);
    if (status === 404 && !jaegerMessage)
      throw new SourceError(
        'api-not-found',
        `${answer.url} answered 404 Not Found: there is no Jaeger query API at ${this.baseUrl}. Check the URL and its path prefix (the base_path Jaeger runs under, e.g. https://example.com/jaeger).`,
      );
    const said = jaegerMessage ? `"${jaegerMessage}"` : describeBody(answer);
    const proxyHint =
      status === 502 || status === 503 || status === 504
        ? ' A proxy in front of Jaeger could not get an answer from it; try again later.'
        : '';
    throw new SourceError(
      'server-error',
      `${this.where} answered ${statusLine}: ${said}.${proxyHint}`,
    );
  }

  /** The parsed answer: one document, or several streamed one after another. */
  private documentsOf(answer: HttpAnswer): unknown[] {
    try {
      return [JSON.parse(answer.text)];
    } catch {
      const sequence = parseJsonSequence(answer.text);
      if (sequence) return sequence;
      throw this.notJsonError(answer);
    }
  }

  private notJsonError(answer: HttpAnswer): SourceError {
    // Jaeger serves its UI's page for every path it has no route for, with the base path it
    // runs under in <base href>: a wrong path prefix shows as that page.
    const basePath = jaegerUiBasePath(answer.text);
    if (basePath !== undefined) {
      const origin = new URL(this.baseUrl).origin;
      const right = `${origin}${basePath.replace(/\/+$/, '')}`;
      return new SourceError(
        'not-jaeger',
        right === this.baseUrl
          ? `${answer.url} answered with Jaeger UI's page instead of its query API: this Jaeger has no such API (too old?).`
          : `${answer.url} answered with Jaeger UI's page instead of its query API: the path prefix is wrong. That Jaeger runs under ${basePath}: use ${right} as the URL.`,
      );
    }
    return new SourceError(
      'not-jaeger',
      `${answer.url} answered with ${describeBody(answer)} instead of JSON: this is not Jaeger's query API. Check the URL and its path prefix${answer.contentType.includes('html') ? ' (a login page of a proxy in front of Jaeger looks like this too)' : ''}.`,
    );
  }

  /** The answer's one JSON document. */
  private jsonOf(answer: HttpAnswer): unknown {
    const documents = this.documentsOf(answer);
    if (documents.length !== 1)
      throw notJaeger(`${answer.url} answered several JSON documents where Jaeger sends one`);
    return documents[0];
  }

  private spansOfV3(answer: HttpAnswer): RemoteSpans {
    const documents = this.documentsOf(answer);
    const spans: IncomingSpan[] = [];
    const warnings: string[] = [];
    let results;
    try {
      results = resultsOfV3Answers(documents);
    } catch (error) {
      throw this.unreadable(answer, error);
    }
    for (const { request, path } of results) {
      let read: OtlpReadResult;
      try {
        // Tolerant: a span Spanlight cannot read is left out and named, the rest are shown.
        read = readOtlpJsonRequest(request, { tolerant: true });
      } catch (error) {
        throw this.unreadable(answer, error, path);
      }
      for (const span of read.spans) spans.push(span);
      for (const problem of read.problems) warnings.push(problem);
      const unlisted = read.problemCount - read.problems.length;
      if (unlisted > 0) warnings.push(`and ${unlisted} more like it`);
    }
    return this.normalized(spans, warnings, 'v3');
  }

  private spansOfV2(answer: HttpAnswer): RemoteSpans {
    const json = this.jsonOf(answer);
    if (!isObject(json) || !('data' in json))
      throw new SourceError(
        'not-jaeger',
        `${answer.url} answered JSON that is not Jaeger's ({"data": […]} expected): this is not Jaeger's query API. Check the URL and its path prefix.`,
      );
    const warnings = v2ErrorsOf(json);
    if (json.data === null) return this.normalized([], warnings, 'v2');
    let spans: IncomingSpan[];
    try {
      spans = readJaegerDocument(json);
    } catch (error) {
      throw this.unreadable(answer, error);
    }
    return this.normalized(spans, warnings, 'v2');
  }

  private normalized(
    spans: IncomingSpan[],
    warnings: string[],
    api: JaegerApiVersion,
  ): RemoteSpans {
    const normalized = normalizeIncomingSpans(spans);
    const endWarning = endBeforeStartWarning(normalized);
    if (endWarning) warnings.push(endWarning);
    if (normalized.duplicateSpanCount > 0)
      warnings.push(
        `${normalized.duplicateSpanCount} span${normalized.duplicateSpanCount === 1 ? '' : 's'} came twice; shown once`,
      );
    return { spans: normalized.spans, warnings, api };
  }

  private unreadable(answer: HttpAnswer, error: unknown, path = ''): SourceError {
    if (!(error instanceof FieldError)) throw error;
    const where = [path, error.path].filter(Boolean).join('.');
    return new SourceError(
      'invalid-answer',
      `${answer.url} answered JSON Spanlight cannot read as traces: ${where ? `${where}: ` : ''}${error.detail}`,
    );
  }
}

/** Jaeger's own error message in an answer: api/v3's {"error": {"message"}}, /api's {"errors": [{"msg"}]}. */
function jaegerErrorOf(answer: HttpAnswer): string | undefined {
  let json: unknown;
  try {
    json = JSON.parse(answer.text);
  } catch {
    return undefined;
  }
  if (!isObject(json)) return undefined;
  if (isObject(json.error) && typeof json.error.message === 'string') return json.error.message;
  if (Array.isArray(json.errors)) {
    const first: unknown = json.errors[0];
    if (isObject(first) && typeof first.msg === 'string') return first.msg;
  }
  return undefined;
}

/** The base path in the page of Jaeger UI (<base href="/jaeger/" data-inject-target="BASE_URL">). */
function jaegerUiBasePath(text: string): string | undefined {
  const head = text.slice(0, 4096);
  if (!/data-inject-target="BASE_URL"|<title>\s*Jaeger UI\s*<\/title>/i.test(head))
    return undefined;
  const base = /<base\s+href="([^"]*)"/i.exec(head)?.[1];
  return base !== undefined && base.startsWith('/') ? base : undefined;
}

/** What an answer that is not Jaeger's JSON holds, without quoting more than a line of it. */
function describeBody(answer: HttpAnswer): string {
  const text = answer.text.trim();
  if (text === '') return 'an empty answer';
  if (answer.contentType.includes('html') || text.startsWith('<')) return 'an HTML page';
  const line = text.split('\n', 1)[0]!;
  const shown = line.length > 120 ? `${line.slice(0, 117)}…` : line;
  return `"${shown}"${answer.contentType ? ` (${answer.contentType.split(';')[0]})` : ''}`;
}

function notJaeger(what: string): SourceError {
  return new SourceError(
    'not-jaeger',
    `${what}: this is not Jaeger's query API. Check the URL and its path prefix.`,
  );
}

/** api/v3's {"services": […]}; Jaeger writes {} when there are none. */
function servicesOfV3(json: unknown): string[] {
  if (!isObject(json) || Object.keys(json).some((key) => key !== 'services'))
    throw notJaeger(`/api/v3/services answered JSON that is not Jaeger's ({"services": […]})`);
  return stringList(json.services ?? [], '/api/v3/services');
}

/** /api's {"data": […]}. */
function servicesOfV2(json: unknown): string[] {
  if (!isObject(json) || !('data' in json))
    throw notJaeger(`/api/services answered JSON that is not Jaeger's ({"data": […]})`);
  return stringList(json.data ?? [], '/api/services');
}

function stringList(value: unknown, what: string): string[] {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string'))
    throw notJaeger(`${what} answered a service list that is not a list of names`);
  return [...(value as string[])].sort((a, b) => a.localeCompare(b));
}

/** Operations as {name, spanKind} (api/v3, /api/operations) or bare names (the legacy route). */
function operationsOf(json: unknown, field: string, url: string): SourceOperation[] {
  if (!isObject(json)) throw notJaeger(`${url} answered JSON that is not Jaeger's`);
  const list = json[field] ?? [];
  if (!Array.isArray(list))
    throw notJaeger(`${url} answered JSON that is not Jaeger's ("${field}" is not a list)`);
  const operations = list.map((item: unknown): SourceOperation => {
    if (typeof item === 'string') return { name: item, spanKind: '' };
    if (isObject(item) && typeof item.name === 'string')
      return { name: item.name, spanKind: typeof item.spanKind === 'string' ? item.spanKind : '' };
    throw notJaeger(`${url} answered an operation that is not {"name", "spanKind"}`);
  });
  return operations.sort(
    (a, b) => a.name.localeCompare(b.name) || a.spanKind.localeCompare(b.spanKind),
  );
}

/** /api's per-trace errors ({"errors": [{"msg", "traceID"}]}) beside the data, as warnings. */
function v2ErrorsOf(json: JsonRecord): string[] {
  if (!Array.isArray(json.errors)) return [];
  return json.errors.flatMap((item: unknown) =>
    isObject(item) && typeof item.msg === 'string'
      ? [`Jaeger: ${item.msg}${typeof item.traceID === 'string' ? ` (trace ${item.traceID})` : ''}`]
      : [],
  );
}
