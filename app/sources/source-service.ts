// The core's side of remote sources: the list (saved in settings.json, plus the web host's
// --jaeger-url for one run), a Jaeger query client per source, and the contract's source commands.
// A remote failure is an answer ({ok: false, error}), never a thrown error: the UI shows it and the
// local store goes on. Requests with a requestId can be cancelled and report their progress.
// The traces a source answered are held (remote-trace-cache.ts) for the viewer's commands.
import { randomBytes } from 'node:crypto';
import type {
  KeptRemoteTrace,
  LookupTraceResult,
  RemoteTrace,
  SpanlightCommands,
  SpanlightEvent,
} from '../contract';
import { InvalidRequestError } from '../contract-validation';
import type {
  SourceAnswer,
  SourceInfo,
  SourceSettings,
  SourceSearchResult,
} from '../model/sources';
import { normalizeSourceUrl } from '../model/sources';
import { NotFoundError } from '../not-found-error';
import type { SettingsStore } from '../settings/settings-store';
import type { IncomingSpan } from '../storage/incoming-span';
import type { TraceStore } from '../storage/trace-store';
import { localTraceLookup } from '../trace-lookup/trace-lookup';
import type { HttpProgress } from './http-get';
import { JaegerQueryClient, type RemoteSpans } from './jaeger-query-client';
import { RemoteTraceCache } from './remote-trace-cache';
import { summariesOf, summaryOf, traceDetailOf } from './remote-traces';
import { SourceError, SourceFailureError } from './source-error';

export type SourceCommands = Pick<
  SpanlightCommands,
  | 'listSources'
  | 'addSource'
  | 'updateSource'
  | 'removeSource'
  | 'getSourceServices'
  | 'getSourceOperations'
  | 'searchSource'
  | 'openRemoteTrace'
  | 'keepRemoteTrace'
  | 'cancelSourceRequest'
>;

/** Where "keep a copy" puts spans: the local store (whatever its implementation). */
export interface SpanSink {
  addSpans(spans: readonly IncomingSpan[]): unknown;
}

/** A source for this run only (the web host's --jaeger-url). */
export interface RunSource {
  readonly baseUrl: string;
  readonly name?: string;
  readonly authorization?: string;
}

export interface SourceServiceOptions {
  readonly settings: SettingsStore;
  readonly store: SpanSink;
  readonly runSources?: readonly RunSource[];
  /** Tests replace it; the app uses Node's fetch. */
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
}

export interface SourceService {
  readonly commands: SourceCommands;
  /**
   * The store holding a trace of a remote source, for the viewer's commands: the one held since it
   * was opened or listed by a search, else fetched now. Undefined when the source has no such
   * trace; an unknown source is a NotFoundError, any other failure a SourceFailureError.
   */
  traceStoreOf(sourceId: string, traceId: string): Promise<TraceStore | undefined>;
  /** The last search's traces of a source, for its latency table (empty before a search). */
  searchResultsOf(sourceId: string): TraceStore;
  /** "Open trace by id" in a remote source: a whole id (16 or 32 digits) is asked of the source;
   * fewer digits are looked up among the last search's results. */
  lookupTrace(sourceId: string, idPrefix: string, limit: number): Promise<LookupTraceResult>;
  /** Starts pushing sourcesChanged and sourceRequestProgress events. */
  subscribe(emit: (event: SpanlightEvent) => void): () => void;
  /** Cancels every remote request in flight and drops the traces held. */
  close(): Promise<void>;
}

const DEFAULT_LOOKBACK_MS = 60 * 60 * 1000;
const PROGRESS_INTERVAL_MS = 100;
/** Opened remote traces kept for "keep a copy", so it need not download them again. */
const OPENED_TRACES_KEPT = 2;

interface ClientEntry {
  readonly key: string;
  readonly client: JaegerQueryClient;
}

/** The name a source gets when none is given: its host, port and path prefix. */
function defaultName(baseUrl: string): string {
  const url = new URL(baseUrl);
  return `${url.host}${url.pathname === '/' ? '' : url.pathname}`;
}

function newSourceId(): string {
  return `jaeger-${randomBytes(4).toString('hex')}`;
}

export function createSourceService(options: SourceServiceOptions): SourceService {
  const { settings, store } = options;
  const now = options.now ?? Date.now;
  let runSources: SourceSettings[] = (options.runSources ?? []).map((source, i) => {
    const baseUrl = normalizeSourceUrl(source.baseUrl);
    return {
      id: `jaeger-url-${i + 1}`,
      name: source.name ?? defaultName(baseUrl),
      baseUrl,
      ...(source.authorization !== undefined && { authorization: source.authorization }),
    };
  });
  const clients = new Map<string, ClientEntry>();
  const inFlight = new Map<string, AbortController>();
  /** Requests without a requestId, cancelled only by close(). */
  const unnamed = new Set<AbortController>();
  const opened = new Map<string, RemoteSpans>();
  const cache = new RemoteTraceCache();
  const emitters = new Set<(event: SpanlightEvent) => void>();
  const emit = (event: SpanlightEvent) => {
    for (const send of emitters) send(event);
  };

  /** Saved sources first (the first of an id wins), then this run's. */
  function allSources(): { source: SourceSettings; saved: boolean }[] {
    const seen = new Set<string>();
    const list: { source: SourceSettings; saved: boolean }[] = [];
    for (const source of settings.current.sources)
      if (!seen.has(source.id)) {
        seen.add(source.id);
        list.push({ source, saved: true });
      }
    for (const source of runSources)
      if (!seen.has(source.id)) {
        seen.add(source.id);
        list.push({ source, saved: false });
      }
    return list;
  }

  function infoOf(source: SourceSettings, saved: boolean): SourceInfo {
    const api = clients.get(source.id)?.client.api;
    return {
      id: source.id,
      name: source.name,
      baseUrl: source.baseUrl,
      hasAuthorization: source.authorization !== undefined,
      saved,
      ...(api && { api }),
    };
  }

  const listed = (): SourceInfo[] => allSources().map(({ source, saved }) => infoOf(source, saved));

  function find(sourceId: string): { source: SourceSettings; saved: boolean } {
    const found = allSources().find(({ source }) => source.id === sourceId);
    if (!found)
      throw new NotFoundError(`there is no source "${sourceId}" (listSources lists them)`);
    return found;
  }

  /** The source's client; a new one when its URL, Authorization or the limits changed. */
  function clientOf(source: SourceSettings): JaegerQueryClient {
    const { sourceTimeoutSeconds, sourceResponseLimitMiB } = settings.current;
    const key = JSON.stringify([
      source.baseUrl,
      source.authorization ?? null,
      sourceTimeoutSeconds,
      sourceResponseLimitMiB,
    ]);
    const entry = clients.get(source.id);
    if (entry?.key === key) return entry.client;
    const client = new JaegerQueryClient({
      baseUrl: source.baseUrl,
      ...(source.authorization !== undefined && { authorization: source.authorization }),
      timeoutMs: sourceTimeoutSeconds * 1000,
      maxResponseBytes: sourceResponseLimitMiB * 1024 * 1024,
      ...(options.fetch && { fetch: options.fetch }),
    });
    clients.set(source.id, { key, client });
    return client;
  }

  function forget(sourceId: string): void {
    clients.delete(sourceId);
    for (const key of [...opened.keys()]) if (key.startsWith(`${sourceId}/`)) opened.delete(key);
    void cache.forget(sourceId);
  }

  function sourcesChanged(): void {
    emit({ name: 'sourcesChanged', payload: { sources: listed() } });
  }

  /**
   * Runs one remote request: a SourceError becomes the answer's failure; the request can be
   * cancelled by its id, and reports progress while its answer arrives.
   */
  async function run<T extends object>(
    sourceId: string,
    requestId: string | undefined,
    work: (
      client: JaegerQueryClient,
      request: { signal: AbortSignal; onProgress: (progress: HttpProgress) => void },
    ) => Promise<T>,
  ): Promise<SourceAnswer<T>> {
    const { source } = find(sourceId);
    if (requestId !== undefined && inFlight.has(requestId))
      throw new InvalidRequestError(`"requestId" ${requestId} is already in use by a request`);
    const client = clientOf(source);
    const apiBefore = client.api;
    const controller = new AbortController();
    if (requestId === undefined) unnamed.add(controller);
    else inFlight.set(requestId, controller);
    let lastProgress = 0;
    const onProgress = (progress: HttpProgress) => {
      if (requestId === undefined) return;
      const at = Date.now();
      const complete =
        progress.totalBytes !== undefined && progress.receivedBytes >= progress.totalBytes;
      if (!complete && at - lastProgress < PROGRESS_INTERVAL_MS) return;
      lastProgress = at;
      emit({
        name: 'sourceRequestProgress',
        payload: { requestId, sourceId, ...progress },
      });
    };
    try {
      const value = await work(client, { signal: controller.signal, onProgress });
      return { ok: true, ...value };
    } catch (error) {
      if (error instanceof SourceError) return { ok: false, error: error.toFailure() };
      // Anything else is a fault of reading the answer (a value nested too deeply, say): still
      // the source's answer that failed, never the app.
      const message = error instanceof Error ? error.message : String(error);
      return {
        ok: false,
        error: {
          kind: 'invalid-answer',
          message: `Spanlight could not read the answer of ${source.name}: ${message}`,
        },
      };
    } finally {
      if (requestId === undefined) unnamed.delete(controller);
      else inFlight.delete(requestId);
      if (client.api !== apiBefore) sourcesChanged();
    }
  }

  async function fetchTrace(
    sourceId: string,
    traceId: string,
    requestId: string | undefined,
  ): Promise<SourceAnswer<RemoteSpans>> {
    const cacheKey = `${sourceId}/${traceId}`;
    return run(sourceId, requestId, async (client, request) => {
      const remote = await client.getTrace(traceId, request);
      const spans = remote.spans.filter(({ span }) => span.traceId === traceId);
      if (spans.length === 0)
        throw new SourceError(
          'trace-not-found',
          `${find(sourceId).source.name} answered without any span of trace ${traceId}.`,
        );
      const others = remote.spans.length - spans.length;
      const result: RemoteSpans = {
        ...remote,
        spans,
        warnings: [
          ...remote.warnings,
          ...(others > 0 ? [`${others} spans of other traces in the answer were left out`] : []),
        ],
      };
      opened.delete(cacheKey);
      opened.set(cacheKey, result);
      while (opened.size > OPENED_TRACES_KEPT) opened.delete(opened.keys().next().value!);
      await cache.putOpened(sourceId, traceId, spans);
      return result;
    });
  }

  async function saveSources(sources: readonly SourceSettings[]): Promise<void> {
    await settings.setSources(sources);
  }

  const commands: SourceCommands = {
    listSources: async () => ({ sources: listed() }),

    addSource: async ({ name, baseUrl, authorization }) => {
      const normalized = normalizeSourceUrl(baseUrl);
      const ids = new Set(allSources().map(({ source }) => source.id));
      let id = newSourceId();
      while (ids.has(id)) id = newSourceId();
      const source: SourceSettings = {
        id,
        name: name ?? defaultName(normalized),
        baseUrl: normalized,
        ...(authorization !== undefined && { authorization }),
      };
      await saveSources([...settings.current.sources, source]);
      sourcesChanged();
      return { source: infoOf(source, true), sources: listed() };
    },

    updateSource: async ({ sourceId, name, baseUrl, authorization }) => {
      const { source, saved } = find(sourceId);
      const { authorization: previous, ...rest } = source;
      const kept = authorization === undefined ? previous : (authorization ?? undefined);
      const changed: SourceSettings = {
        ...rest,
        ...(name !== undefined && { name }),
        ...(baseUrl !== undefined && { baseUrl: normalizeSourceUrl(baseUrl) }),
        ...(kept !== undefined && { authorization: kept }),
      };
      if (saved)
        await saveSources(
          settings.current.sources.map((item) => (item.id === sourceId ? changed : item)),
        );
      else runSources = runSources.map((item) => (item.id === sourceId ? changed : item));
      forget(sourceId);
      sourcesChanged();
      return { source: infoOf(changed, saved), sources: listed() };
    },

    removeSource: async ({ sourceId }) => {
      const { saved } = find(sourceId);
      if (saved) await saveSources(settings.current.sources.filter((item) => item.id !== sourceId));
      else runSources = runSources.filter((item) => item.id !== sourceId);
      forget(sourceId);
      sourcesChanged();
      return { sources: listed() };
    },

    getSourceServices: ({ sourceId, requestId }) =>
      run(sourceId, requestId, async (client, request) => ({
        services: await client.services(request),
      })),

    getSourceOperations: ({ sourceId, service, requestId }) =>
      run(sourceId, requestId, async (client, request) => ({
        operations: await client.operations(service, request),
      })),

    searchSource: ({ sourceId, requestId, query }) =>
      run(sourceId, requestId, async (client, request): Promise<SourceSearchResult> => {
        const before =
          query.startBeforeUnixMillis ??
          (query.startAfterUnixMillis !== undefined
            ? Math.max(now(), query.startAfterUnixMillis)
            : now());
        const after = query.startAfterUnixMillis ?? before - DEFAULT_LOOKBACK_MS;
        const remote = await client.searchTraces(
          {
            service: query.service,
            ...(query.operation !== undefined && { operation: query.operation }),
            ...(query.attributes !== undefined && { attributes: query.attributes }),
            startAfterUnixMillis: after,
            startBeforeUnixMillis: before,
            ...(query.minDurationMicros !== undefined && {
              minDurationMicros: query.minDurationMicros,
            }),
            ...(query.maxDurationMicros !== undefined && {
              maxDurationMicros: query.maxDurationMicros,
            }),
            limit: query.limit,
          },
          request,
        );
        const traces = summariesOf(remote.spans).slice(0, query.limit);
        const listed = new Set(traces.map((trace) => trace.traceId));
        await cache.replaceResults(
          sourceId,
          remote.spans.filter(({ span }) => listed.has(span.traceId)),
        );
        return {
          traces,
          api: remote.api,
          warnings: remote.warnings,
        };
      }),

    openRemoteTrace: async ({ sourceId, traceId, requestId, withTrace = true }) => {
      const answer = await fetchTrace(sourceId, traceId, requestId);
      if (!answer.ok) return answer;
      const remote: RemoteTrace = {
        ...(withTrace && { trace: traceDetailOf(traceId, answer.spans) }),
        summary: summaryOf(traceId, answer.spans),
        warnings: answer.warnings,
      };
      return { ok: true, ...remote };
    },

    keepRemoteTrace: async ({ sourceId, traceId, requestId }) => {
      find(sourceId);
      const cached = opened.get(`${sourceId}/${traceId}`);
      const answer: SourceAnswer<RemoteSpans> = cached
        ? { ok: true, ...cached }
        : await fetchTrace(sourceId, traceId, requestId);
      if (!answer.ok) return answer;
      await store.addSpans(answer.spans);
      const kept: KeptRemoteTrace = {
        traceId,
        spanCount: answer.spans.length,
        warnings: answer.warnings,
      };
      return { ok: true, ...kept };
    },

    cancelSourceRequest: async ({ requestId }) => {
      const controller = inFlight.get(requestId);
      controller?.abort();
      return { cancelled: controller !== undefined };
    },
  };

  async function traceStoreOf(sourceId: string, traceId: string): Promise<TraceStore | undefined> {
    find(sourceId);
    const held = cache.holding(sourceId, traceId);
    if (held) return held;
    const answer = await fetchTrace(sourceId, traceId, undefined);
    if (answer.ok) return cache.holding(sourceId, traceId);
    if (answer.error.kind === 'trace-not-found') return undefined;
    throw new SourceFailureError(answer.error.message);
  }

  return {
    commands,
    traceStoreOf,
    searchResultsOf(sourceId) {
      find(sourceId);
      return cache.results(sourceId);
    },
    async lookupTrace(sourceId, idPrefix, limit) {
      if (idPrefix.length === 16 || idPrefix.length === 32) {
        const traceId = idPrefix.padStart(32, '0');
        const summary = (await traceStoreOf(sourceId, traceId))?.getSummary(traceId);
        return { matches: summary ? [summary] : [], matchCount: summary ? 1 : 0 };
      }
      find(sourceId);
      return localTraceLookup(cache.results(sourceId)).lookup(idPrefix, limit);
    },
    subscribe(send) {
      emitters.add(send);
      return () => emitters.delete(send);
    },
    async close() {
      for (const controller of [...inFlight.values(), ...unnamed]) controller.abort();
      inFlight.clear();
      unnamed.clear();
      emitters.clear();
      await cache.close();
    },
  };
}
