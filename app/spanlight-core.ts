// The core behind every host: it owns the store, the tracing pipeline and the order workflow, and
// answers the contract's commands. Hosts (Electron, web) only bind it to a transport.
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { createTracesChangedEmitter } from './change-events/traces-changed-events';
import type { EventListener, SpanlightCommands, SpanlightEvent } from './contract';
import { LOCAL_SOURCE } from './contract-schemas';
import { NotFoundError } from './not-found-error';
import { Outbox } from './orders/confirmation-email';
import { startConfirmationServer } from './orders/confirmation-server';
import { OrderBook } from './orders/order-book';
import { createOrderWorkflow } from './orders/order-workflow';
import { createMirrorService } from './mirror/mirror-service';
import type { JaegerMirrorOptions } from './mirror/jaeger-mirror';
import { createReceiverService, type ReceiverOverrides } from './receiver/receiver-service';
import { createTraceSearch } from './search/trace-search';
import { createSourceService, type RunSource } from './sources/source-service';
import { openTraceStore } from './storage/open-trace-store';
import type { TraceStore } from './storage/trace-store';
import {
  exportTrace,
  importTraceText,
  importUploadedTraceFile,
  openTraceFile,
  openTraceFiles,
  type TrackImport,
} from './trace-files/trace-files';
import { UploadSource } from './trace-files/upload-source';
import { readSpansOnParseThread } from './trace-files/parse-thread';
import { readSpansHere } from './trace-files/span-reading';
import type { TraceFileResult } from './model/trace-files';
import { TraceImports } from './trace-files/trace-imports';
import { saveTraceToFile, type ChooseSavePath } from './trace-files/save-trace-to-file';
import { createResource, createTracing, INSTRUMENTATION_SCOPE } from './telemetry/tracing';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { createWorkflowExplainer, defaultExplainDir } from './explain/workflow-explainer';
import { listTracesAmong } from './trace-list/list-traces-among';
import { localTraceLookup, MAX_LOOKUP_MATCHES } from './trace-lookup/trace-lookup';
import { OutlineCache } from './viewer/outline-cache';
import { createRetentionSettings, retentionLimitsOf } from './storage/retention-settings';
import { SettingsStore } from './settings/settings-store';
import { createStorageCommands } from './storage/storage-commands';
import { FindIndexCache } from './viewer/find-index-cache';

export interface SpanlightCoreOptions {
  /** Where the order book, the outbox, settings and the trace database live. */
  readonly dataDir: string;
  readonly env?: NodeJS.ProcessEnv;
  /** For this run, instead of the count limit in settings (tests, benchmarks). */
  readonly maxTraces?: number;
  /** Keep traces in memory only (nothing survives a restart): throwaway runs and tests. */
  readonly inMemory?: boolean;
  /** More span processors after the app's own (benchmarks use this to observe span ends). */
  readonly spanProcessors?: readonly SpanProcessor[];
  /** Tuning of the Jaeger mirror (tests shorten its delays). */
  readonly mirrorOptions?: Partial<JaegerMirrorOptions>;
  /** The desktop host's save dialog, for saveTraceToFile; hosts without one leave it out. */
  readonly chooseSavePath?: ChooseSavePath;
  /**
   * The built parse worker (dist/main/parse-worker.js): big trace files are then read and parsed
   * on a thread of their own while this one stores them (parse-thread.ts). Absent: read here.
   */
  readonly parseWorkerScript?: string;
  /** Files smaller than this are read on the core's thread (PARSE_THREAD_MIN_BYTES; tests). */
  readonly parseThreadMinBytes?: number;
  /** Where the workflow's shipped source and its span-sites.json are (explain mode); default
   * dist/explain/ beside the bundled hosts. */
  readonly explainDir?: string;
  /**
   * Where the OTLP receivers listen: the saved settings with these overrides over them (the web
   * host's --otlp flags; {} for the desktop app). Absent: both receivers start off (tests, tools),
   * though the user can still turn them on.
   */
  readonly receivers?: ReceiverOverrides;
  /** Jaeger query services to browse for this run only, besides the saved ones (--jaeger-url). */
  readonly sources?: readonly RunSource[];
}

/** A trace file on its way: its name, its size in bytes (the request said), and its pieces. */
export interface TraceFileUpload {
  readonly fileName: string;
  readonly size: number;
  readonly pieces: AsyncIterable<Uint8Array>;
}

/** What a host needs of the core, wherever it runs (in process, or in a worker: app/worker/). */
export interface CoreConnection {
  readonly commands: SpanlightCommands;
  /**
   * Imports a trace file while it is uploaded (the web host's Open): listed and shown while the
   * rest arrives, like a file opened by path. Taking fewer pieces than come (the import failed or
   * was cancelled) stops iterating `pieces` early.
   */
  importUpload(upload: TraceFileUpload): Promise<TraceFileResult>;
  subscribe(listener: EventListener): () => void;
  close(): Promise<void>;
}

export interface SpanlightCore extends CoreConnection {
  readonly store: TraceStore;
  readonly dataDir: string;
}

const RECEIVERS_OFF: ReceiverOverrides = { grpc: { enabled: false }, http: { enabled: false } };

export async function createSpanlightCore(options: SpanlightCoreOptions): Promise<SpanlightCore> {
  const env = options.env ?? process.env;
  const pageLimit = Number(env.SPANLIGHT_TEST_MAX_DATABASE_PAGES);
  // Settings first: the store applies the saved retention limits as it loads.
  const settings = await SettingsStore.open(options.dataDir, env);
  const { store, notices } = await openTraceStore({
    dataDir: options.dataDir,
    inMemory: options.inMemory,
    retention: retentionLimitsOf(settings.current.retention, options.maxTraces),
    // Tests of a full disk, through a real host (see open-trace-store.ts).
    ...(Number.isInteger(pageLimit) && pageLimit > 0 && { maxPageCountForTests: pageLimit }),
  });
  for (const notice of notices) console.warn(`Spanlight: ${notice}`);
  try {
    return await createCoreOverStore(options, settings, store, notices);
  } catch (error) {
    // The database stays locked while open: a core that could not start lets it go.
    await store.close();
    throw error;
  }
}

async function createCoreOverStore(
  options: SpanlightCoreOptions,
  settings: SettingsStore,
  store: TraceStore,
  storeNotices: readonly string[],
): Promise<SpanlightCore> {
  const { dataDir, env = process.env } = options;
  const search = createTraceSearch(store);
  const mirrorService = createMirrorService({
    settings,
    store,
    mirrorOptions: options.mirrorOptions,
  });
  // The limits in settings.json apply from the start and whenever they change.
  const retention = createRetentionSettings(store, settings, options.maxTraces);
  await retention.applied;
  const tracing = createTracing({
    store,
    env,
    extraProcessors: [mirrorService.mirror, ...(options.spanProcessors ?? [])],
  });
  const orderBook = await OrderBook.open(path.join(dataDir, 'order-book.jsonl'));
  for (const problem of orderBook.problems) console.warn(`Spanlight: ${problem}`);
  const outbox = new Outbox(path.join(dataDir, 'outbox'));
  const confirmationServer = await startConfirmationServer(
    orderBook,
    tracing.tracer,
    tracing.propagator,
  );
  const placeOrder = createOrderWorkflow({
    tracer: tracing.tracer,
    propagator: tracing.propagator,
    orderBook,
    outbox,
    confirmationServer,
  });

  const listeners = new Set<EventListener>();
  const emit = (event: SpanlightEvent): void => {
    for (const listener of listeners) listener(event);
  };
  mirrorService.subscribe(emit);
  const imports = new TraceImports((payload) => emit({ name: 'traceImportProgress', payload }));
  // A parse thread costs more CPU in all: it pays only with a core of its own (parse-thread.ts).
  const readSpans =
    options.parseWorkerScript && availableParallelism() > 1
      ? readSpansOnParseThread({
          workerScript: options.parseWorkerScript,
          ...(options.parseThreadMinBytes !== undefined && {
            minBytes: options.parseThreadMinBytes,
          }),
        })
      : readSpansHere;
  const trackImport: TrackImport = (fileName, totalBytes, work) =>
    imports.run(fileName, totalBytes, work);
  // Received spans take the same path as the app's own: the store, then (if on) the mirror.
  const receiverService = createReceiverService({
    settings: mirrorService.settings,
    store,
    mirror: mirrorService.mirror,
    overrides: options.receivers ?? RECEIVERS_OFF,
  });
  receiverService.subscribe(emit);
  const sourceService = createSourceService({
    settings: mirrorService.settings,
    store,
    runSources: options.sources,
  });
  sourceService.subscribe(emit);
  // SPANLIGHT_PREBUILD_OUTLINES=0: build waterfall outlines only when a trace is opened.
  const outlines = new OutlineCache(
    store,
    env.SPANLIGHT_PREBUILD_OUTLINES === '0' ? { warmFromSpans: Infinity } : {},
  );
  store.subscribe((change) => outlines.onStoreChange(change));
  const findIndexes = new FindIndexCache(
    store,
    env.SPANLIGHT_PREBUILD_OUTLINES === '0' ? { warmFromSpans: Infinity } : {},
  );
  store.subscribe((change) => findIndexes.onStoreChange(change));
  const explainer = createWorkflowExplainer({
    dir: options.explainDir ?? defaultExplainDir(),
    scopeName: INSTRUMENTATION_SCOPE,
    serviceName: String(createResource().attributes[ATTR_SERVICE_NAME]),
  });
  // The UI hears of store changes at most ten times a second, with the changed traces' summaries.
  const tracesChanged = createTracesChangedEmitter(store, (payload) =>
    emit({ name: 'tracesChanged', payload }),
  );
  store.subscribe((change) => tracesChanged.onChange(change));

  const localLookup = localTraceLookup(store);
  const isLocal = (source: string | undefined) => source === undefined || source === LOCAL_SOURCE;
  /** Where the viewer's commands read a trace: the local store, or what a remote source answered
   * (fetched when it is no longer held); undefined when the source has no such trace. */
  const storeOf = async (source: string | undefined, traceId: string) =>
    isLocal(source) ? store : sourceService.traceStoreOf(source!, traceId);
  const remoteTraceNotFound = (source: string, traceId: string) =>
    new NotFoundError(`source "${source}" has no trace ${traceId}`);

  const dataNotices = () => ({
    notices: [...storeNotices, ...store.notices(), ...orderBook.problems],
  });
  // A full disk is news at once; the count of spans not saved after it, once a second at most.
  let noticeTimer: NodeJS.Timeout | undefined;
  let noticesSentAt = -Infinity;
  const sendNotices = () => {
    noticeTimer = undefined;
    noticesSentAt = Date.now();
    emit({ name: 'dataNoticesChanged', payload: dataNotices() });
  };
  const stopNotices = store.onNoticesChanged(() => {
    if (noticeTimer) return;
    noticeTimer = setTimeout(sendNotices, Math.max(0, noticesSentAt + 1000 - Date.now()));
    noticeTimer.unref();
  });

  const commands: SpanlightCommands = {
    placeOrder: async (request) => {
      const result = await placeOrder(request);
      // The order's spans were handed to the store as they ended: answer once they are durable.
      await store.flush();
      return result;
    },
    listTraces: async (request) => listTracesAmong(search, request),
    getTrace: async ({ traceId, source }) =>
      (await storeOf(source, traceId))?.getTrace(traceId) ?? null,
    getTraceOutline: async ({ traceId, source, since }) =>
      isLocal(source)
        ? outlines.get(traceId, since)
        : ((await storeOf(source, traceId))?.getOutline(traceId) ?? null),
    getSpan: async ({ traceId, spanId, source }) =>
      (await storeOf(source, traceId))?.getSpan(traceId, spanId) ?? null,
    getBacklinks: async ({ traceId, spanId, source }) =>
      (await storeOf(source, traceId))?.backlinksOf(traceId, spanId) ?? { backlinks: [], total: 0 },
    getTraceBacklinks: async ({ traceId, source }) =>
      (await storeOf(source, traceId))?.backlinkedSpansOf(traceId) ?? { spanIds: [], counts: [] },
    explainSpan: async (request) => {
      const detail = await commands.getSpan(request);
      return detail && explainer.explain(detail);
    },
    getTraceEventAttributes: async ({ traceId, source }) => {
      const limitKiB = mirrorService.settings.current.attributeValueLimitKiB;
      const attributes = (await storeOf(source, traceId))?.getEventAttributes(traceId, limitKiB);
      return attributes ? { attributes } : null;
    },
    findSpans: async ({ traceId, query, source }) =>
      isLocal(source)
        ? (findIndexes.find(traceId, query) ?? { spanIds: [] })
        : { spanIds: (await storeOf(source, traceId))?.findSpans(traceId, query) ?? [] },
    importTraceText: ({ fileName, text }) => importTraceText(store, fileName, text),
    importTraceFile: ({ path, fileName }) =>
      openTraceFile(store, path, fileName, trackImport, readSpans),
    cancelTraceImport: async ({ importId }) => ({ cancelled: imports.cancel(importId) }),
    openTraceFiles: async ({ paths }) => {
      const opened = { files: await openTraceFiles(store, paths, trackImport, readSpans) };
      emit({ name: 'traceFilesOpened', payload: opened });
      return opened;
    },
    exportTrace: async ({ traceId, format, source }) => {
      const holder = await storeOf(source, traceId);
      if (!holder) throw remoteTraceNotFound(source!, traceId);
      return exportTrace(holder, traceId, format);
    },
    saveTraceToFile: async ({ traceId, source }) => {
      const holder = await storeOf(source, traceId);
      if (!holder) throw remoteTraceNotFound(source!, traceId);
      return saveTraceToFile(holder, traceId, options.chooseSavePath);
    },
    getLatencyByOperation: async ({ source, ...request }) =>
      isLocal(source)
        ? search.latencyByOperation(request)
        : sourceService.searchResultsOf(source!).latencyByOperation(request),
    lookupTrace: ({ idPrefix, source = LOCAL_SOURCE }) =>
      isLocal(source)
        ? localLookup.lookup(idPrefix.toLowerCase(), MAX_LOOKUP_MATCHES)
        : sourceService.lookupTrace(source, idPrefix.toLowerCase(), MAX_LOOKUP_MATCHES),
    getDataNotices: async () => dataNotices(),
    ...createStorageCommands(store),
    ...mirrorService.commands,
    ...receiverService.commands,
    ...sourceService.commands,
    updateSettings: async (request) => {
      receiverService.noteSettingsUpdate(request);
      const state = await mirrorService.commands.updateSettings(request);
      // A receiver change is answered once it took effect: the receiver listens where asked, or failed.
      if (request.receiver) await receiverService.settled();
      return state;
    },
  };
  await receiverService.started;

  return {
    commands,
    store,
    dataDir,
    importUpload: ({ fileName, size, pieces }) =>
      importUploadedTraceFile(
        store,
        new UploadSource(size, pieces),
        fileName,
        trackImport,
        readSpans,
      ),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      // First: refuse new exports and let those in flight reach the store.
      await receiverService.close();
      await sourceService.close();
      listeners.clear();
      tracesChanged.close();
      outlines.close();
      findIndexes.close();
      await confirmationServer.close();
      await tracing.shutdown();
      search.close();
      retention.close();
      stopNotices();
      clearTimeout(noticeTimer);
      await store.close();
    },
  };
}
