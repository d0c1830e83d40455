// The core behind every host: it owns the store, the tracing pipeline and the order workflow, and
// answers the contract's commands. Hosts (Electron, web) only bind it to a transport.
import path from 'node:path';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { EventListener, SpanlightCommands, SpanlightEvent } from './contract';
import { Outbox } from './orders/confirmation-email';
import { startConfirmationServer } from './orders/confirmation-server';
import { OrderBook } from './orders/order-book';
import { createOrderWorkflow } from './orders/order-workflow';
import { createMirrorService } from './mirror/mirror-service';
import type { JaegerMirrorOptions } from './mirror/jaeger-mirror';
import { createTraceSearch } from './search/trace-search';
import { openTraceStore } from './storage/open-trace-store';
import type { StoreChange, TraceStore } from './storage/trace-store';
import { exportTrace, importTraceText, openTraceFiles } from './trace-files/trace-files';
import { saveTraceToFile, type ChooseSavePath } from './trace-files/save-trace-to-file';
import { createTracing } from './telemetry/tracing';
import { OutlineCache } from './viewer/outline-cache';

export interface SpanlightCoreOptions {
  /** Where the order book, the outbox, settings and the trace database live. */
  readonly dataDir: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly maxTraces?: number;
  /** Keep traces in memory only (nothing survives a restart): throwaway runs and tests. */
  readonly inMemory?: boolean;
  /** More span processors after the app's own (benchmarks use this to observe span ends). */
  readonly spanProcessors?: readonly SpanProcessor[];
  /** Tuning of the Jaeger mirror (tests shorten its delays). */
  readonly mirrorOptions?: Partial<JaegerMirrorOptions>;
  /** The desktop host's save dialog, for saveTraceToFile; hosts without one leave it out. */
  readonly chooseSavePath?: ChooseSavePath;
}

export interface SpanlightCore {
  readonly commands: SpanlightCommands;
  readonly store: TraceStore;
  readonly dataDir: string;
  subscribe(listener: EventListener): () => void;
  close(): Promise<void>;
}

export async function createSpanlightCore(options: SpanlightCoreOptions): Promise<SpanlightCore> {
  const { store, notices } = await openTraceStore({
    dataDir: options.dataDir,
    inMemory: options.inMemory,
    maxTraces: options.maxTraces,
  });
  for (const notice of notices) console.warn(`Spanlight: ${notice}`);
  try {
    return await createCoreOverStore(options, store, notices);
  } catch (error) {
    // The database stays locked while open: a core that could not start lets it go.
    await store.close();
    throw error;
  }
}

async function createCoreOverStore(
  options: SpanlightCoreOptions,
  store: TraceStore,
  storeNotices: readonly string[],
): Promise<SpanlightCore> {
  const { dataDir, env = process.env } = options;
  const search = createTraceSearch(store);
  const mirrorService = await createMirrorService({
    dataDir,
    env,
    store,
    mirrorOptions: options.mirrorOptions,
  });
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
  // SPANLIGHT_PREBUILD_OUTLINES=0: build waterfall outlines only when a trace is opened.
  const outlines = new OutlineCache(
    store,
    env.SPANLIGHT_PREBUILD_OUTLINES === '0' ? { warmFromSpans: Infinity } : {},
  );
  store.subscribe((change) => outlines.onStoreChange(change));
  store.subscribe(
    coalesceChanges((change) =>
      emit({
        name: 'tracesChanged',
        payload: {
          ...change,
          totalTraces: store.traceCount,
          droppedTraces: store.droppedTraceCount,
        },
      }),
    ),
  );

  const commands: SpanlightCommands = {
    placeOrder: async (request) => {
      const result = await placeOrder(request);
      // The order's spans were handed to the store as they ended: answer once they are durable.
      await store.flush();
      return result;
    },
    listTraces: async (request) => search.listTraces(request),
    getTrace: async ({ traceId }) => store.getTrace(traceId) ?? null,
    getTraceOutline: async ({ traceId }) => outlines.get(traceId),
    getSpan: async ({ traceId, spanId }) => store.getSpan(traceId, spanId) ?? null,
    getTraceEventAttributes: async ({ traceId }) => {
      const attributes = store.getEventAttributes(traceId);
      return attributes ? { attributes } : null;
    },
    findSpans: async ({ traceId, query }) => ({ spanIds: store.findSpans(traceId, query) ?? [] }),
    importTraceText: ({ fileName, text }) => importTraceText(store, fileName, text),
    openTraceFiles: async ({ paths }) => {
      const opened = { files: await openTraceFiles(store, paths) };
      emit({ name: 'traceFilesOpened', payload: opened });
      return opened;
    },
    exportTrace: async ({ traceId, format }) => exportTrace(store, traceId, format),
    saveTraceToFile: ({ traceId }) => saveTraceToFile(store, traceId, options.chooseSavePath),
    getLatencyByOperation: async (request) => search.latencyByOperation(request),
    getDataNotices: async () => ({ notices: [...storeNotices, ...orderBook.problems] }),
    ...mirrorService.commands,
  };

  return {
    commands,
    store,
    dataDir,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      listeners.clear();
      outlines.close();
      await confirmationServer.close();
      await tracing.shutdown();
      search.close();
      await store.close();
    },
  };
}

/** Store changes within one turn of the event loop become one event, so a burst of spans is one push. */
function coalesceChanges(send: (change: StoreChange) => void): (change: StoreChange) => void {
  let changed = new Set<string>();
  let removed = new Set<string>();
  let scheduled = false;
  return (change) => {
    for (const id of change.changedTraceIds) changed.add(id);
    for (const id of change.removedTraceIds) {
      removed.add(id);
      changed.delete(id);
    }
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      const batch = { changedTraceIds: [...changed], removedTraceIds: [...removed] };
      changed = new Set();
      removed = new Set();
      send(batch);
    });
  };
}
