// The one contract between Spanlight's core and any UI. Every host and the renderer's API object
// are derived from these types and name lists; only plain data crosses it. Request types are derived
// from the schemas that check them (app/contract-schemas.ts).
import type * as v from 'valibot';
import type {
  addSourceRequestSchema,
  attributeFilterSchema,
  cancelSourceRequestSchema,
  cancelTraceImportSchema,
  deleteMatchingTracesRequestSchema,
  exportTraceRequestSchema,
  importTraceFileRequestSchema,
  importTraceTextRequestSchema,
  latencyRequestSchema,
  listTracesRequestSchema,
  lookupTraceRequestSchema,
  openTraceFilesRequestSchema,
  operationKeySchema,
  orderOptionsSchema,
  remoteTraceRequestSchema,
  searchSourceRequestSchema,
  setTracePinnedRequestSchema,
  sourceIdRequestSchema,
  sourceOperationsRequestSchema,
  sourceServicesRequestSchema,
  sourceQuerySchema,
  traceIdRequestSchema,
  getTraceOutlineRequestSchema,
  traceQuerySchema,
  updateSourceRequestSchema,
} from './contract-schemas';
import type { TraceDetail, TraceSummary } from './model/trace';
import type {
  FindSpansRequest,
  FindSpansResult,
  GetSpanRequest,
  SpanDetail,
  TraceEventAttributes,
  TraceOutline,
} from './model/trace-outline';
import type {
  ExportedTrace,
  TraceExportFormat,
  TraceFileResult,
  TraceImportProgress,
} from './model/trace-files';
import type { MirrorStatus, SendStoredTracesRequest, SendStoredTracesResult } from './model/mirror';
import type { SettingsState, UpdateSettingsRequest } from './model/settings';
import type { BacklinksResult, GetBacklinksRequest, TraceBacklinks } from './model/links';
import type { ExplainSpanRequest, SpanExplanation } from './model/explain';
import type { ReceiverStatus } from './model/receiver';
import type { DeleteTracesResult, SetTracePinnedResult, StorageStats } from './model/storage';
import type {
  SourceAnswer,
  SourceInfo,
  SourceOperation,
  SourceProgressEvent,
  SourceSearchResult,
  SourcesChangedEvent,
} from './model/sources';

export type { TraceDetail, TraceSummary, AppSpan } from './model/trace';
export * from './model/otlp';
export type * from './model/trace-outline';
export * from './model/trace-files';
export type * from './model/mirror';
export type * from './model/settings';
export type * from './model/links';
export type * from './model/explain';
export * from './model/receiver';
export type * from './model/sources';
export type * from './model/storage';
export type * from './model/retention';
export { sourceFailureKinds } from './model/sources';

export type OrderOptions = v.InferOutput<typeof orderOptionsSchema>;

export interface PlaceOrderResult {
  readonly orderId: string;
  readonly traceId: string;
  readonly status: 'ok' | 'error';
  readonly errorMessage?: string;
}

/** One attribute condition: some span of the trace (or its resource) has key = value (as text). */
export type AttributeFilter = v.InferOutput<typeof attributeFilterSchema>;

/** Which traces to list; every field is optional and the given ones are ANDed. */
export type TraceQuery = v.InferOutput<typeof traceQuerySchema>;

export type ListTracesRequest = v.InferOutput<typeof listTracesRequestSchema>;

/** Where traces come from: "local" (the local store) or a remote source's id (listSources). The
 * viewer's commands (outline, span, find, events, export, latency) take it as `source`. */
export type TraceSourceId = string;

export type LookupTraceRequest = v.InferOutput<typeof lookupTraceRequestSchema>;

export interface LookupTraceResult {
  /** Traces whose id starts with the prefix, newest first (at most 20). */
  readonly matches: readonly TraceSummary[];
  /** How many traces match in all. */
  readonly matchCount: number;
}

export interface TraceListResult {
  readonly traces: readonly TraceSummary[];
  /** How many traces match the query (all of them when there is none), before `limit`. */
  readonly matchedTraces: number;
  /** The service.names and span names in the store, sorted, to offer as filter choices
   * (the first 1,000 of each). */
  readonly services: readonly string[];
  readonly spanNames: readonly string[];
  readonly totalTraces: number;
  readonly droppedTraces: number;
  readonly maxTraces: number;
}

export type GetTraceRequest = v.InferOutput<typeof traceIdRequestSchema>;
export type GetTraceOutlineRequest = v.InferOutput<typeof getTraceOutlineRequestSchema>;

/** A span name within a service: the unit the latency table groups by. */
export type OperationKey = v.InferOutput<typeof operationKeySchema>;

export type LatencyRequest = v.InferOutput<typeof latencyRequestSchema>;

/** Span durations of one operation over the listed traces. Percentiles interpolate linearly
 * between the two nearest ranks (numpy's default method). */
export interface OperationLatency extends OperationKey {
  readonly count: number;
  readonly errorCount: number;
  /** errorCount / count, 0..1. */
  readonly errorRate: number;
  readonly p50Micros: number;
  readonly p95Micros: number;
  readonly p99Micros: number;
  readonly maxMicros: number;
}

export interface HistogramBin {
  /** Inclusive lower bound; the last bin also includes its upper bound. */
  readonly startMicros: number;
  readonly endMicros: number;
  readonly count: number;
  readonly errorCount: number;
}

export interface LatencyResult {
  readonly operations: readonly OperationLatency[];
  readonly matchedTraces: number;
  /** Present when `histogramOf` names an operation found in the listed traces. */
  readonly histogram?: { readonly operation: OperationKey; readonly bins: readonly HistogramBin[] };
}

/** Sent at most ten times a second (app/change-events/traces-changed-events.ts), so a stream of
 * spans never floods the UI; the UI merges the summaries instead of listing every trace again. */
export interface TracesChangedEvent {
  /** Summaries, as they are when the event is sent, of the traces that were added or received
   * spans since the previous event. */
  readonly changed: readonly TraceSummary[];
  /** The same traces' ids, in the same order. */
  readonly changedTraceIds: readonly string[];
  /** Traces that the bounded store dropped since the previous event. */
  readonly removedTraceIds: readonly string[];
  readonly totalTraces: number;
  readonly droppedTraces: number;
  readonly maxTraces: number;
}

export type ImportTraceTextRequest = v.InferOutput<typeof importTraceTextRequestSchema>;

export type ImportTraceFileRequest = v.InferOutput<typeof importTraceFileRequestSchema>;

export type OpenTraceFilesRequest = v.InferOutput<typeof openTraceFilesRequestSchema>;

export interface OpenTraceFilesResult {
  readonly files: readonly TraceFileResult[];
}

export type ExportTraceRequest = v.InferOutput<typeof exportTraceRequestSchema>;

export type SaveTraceToFileRequest = v.InferOutput<typeof traceIdRequestSchema>;

/** Where the trace went; `saved: false` when the user cancelled the save dialog. */
export type SaveTraceToFileResult =
  | { readonly saved: false }
  | {
      readonly saved: true;
      readonly path: string;
      readonly format: TraceExportFormat;
      readonly spanCount: number;
    };

/** A desktop menu item the UI carries out, because it needs the UI's state (the selected trace). */
export interface MenuCommandEvent {
  readonly command: 'exportTrace';
}

/** Problems found in the data directory at start (and the trace database's while running); each
 * names the file (and line) and what was done. */
export interface DataNotices {
  readonly notices: readonly string[];
}

/** A Jaeger search of a remote source: service (required), operation, attributes, time range,
 * min/max span duration, limit (default 20). */
export type SourceQuery = v.InferOutput<typeof sourceQuerySchema>;
export type SourceIdRequest = v.InferOutput<typeof sourceIdRequestSchema>;
export type AddSourceRequest = v.InferOutput<typeof addSourceRequestSchema>;
export type UpdateSourceRequest = v.InferOutput<typeof updateSourceRequestSchema>;
export type SourceServicesRequest = v.InferOutput<typeof sourceServicesRequestSchema>;
export type SourceOperationsRequest = v.InferOutput<typeof sourceOperationsRequestSchema>;
export type SearchSourceRequest = v.InferOutput<typeof searchSourceRequestSchema>;
export type RemoteTraceRequest = v.InferOutput<typeof remoteTraceRequestSchema>;
export type CancelSourceRequest = v.InferOutput<typeof cancelSourceRequestSchema>;
export type CancelTraceImportRequest = v.InferOutput<typeof cancelTraceImportSchema>;
export type SetTracePinnedRequest = v.InferOutput<typeof setTracePinnedRequestSchema>;
export type DeleteMatchingTracesRequest = v.InferOutput<typeof deleteMatchingTracesRequestSchema>;

export interface SourceListResult {
  readonly sources: readonly SourceInfo[];
}

export interface SourceChangeResult extends SourceListResult {
  /** The source as added or changed. */
  readonly source: SourceInfo;
}

export interface RemoteTrace {
  /** The trace as the source holds it, in the local store's shape (not stored); left out when
   * asked `withTrace: false`. */
  readonly trace?: TraceDetail;
  /** Its summary, as the trace list shows it. */
  readonly summary: TraceSummary;
  /** Spans left out or changed, each naming where. */
  readonly warnings: readonly string[];
}

export interface KeptRemoteTrace {
  readonly traceId: string;
  /** Spans handed to the local store (one already there is not added twice). */
  readonly spanCount: number;
  readonly warnings: readonly string[];
}

/** Every command: one request object in, one response out. */
export interface SpanlightCommands {
  placeOrder(request: OrderOptions): Promise<PlaceOrderResult>;
  listTraces(request: ListTracesRequest): Promise<TraceListResult>;
  getTrace(request: GetTraceRequest): Promise<TraceDetail | null>;
  /** The waterfall's lean view of a trace (no attributes), null when it isn't stored. */
  /** The waterfall's columns; with `since`, only what the trace received after that (local traces;
   * a remote source answers the whole outline). */
  getTraceOutline(request: GetTraceOutlineRequest): Promise<TraceOutline | null>;
  /** One span with its resource and scope, null when the trace or span isn't stored. */
  getSpan(request: GetSpanRequest): Promise<SpanDetail | null>;
  /** Spans of a trace matching a find query. */
  findSpans(request: FindSpansRequest): Promise<FindSpansResult>;
  /** The stored spans (of any trace) whose links point at this span. */
  getBacklinks(request: GetBacklinksRequest): Promise<BacklinksResult>;
  /** The spans of this trace that stored spans link to, with how many link to each. */
  getTraceBacklinks(request: GetTraceRequest): Promise<TraceBacklinks>;
  /** For a span of the sample order workflow: the lines of its source that made it; null for
   * any other span, or when the span isn't stored. */
  explainSpan(request: ExplainSpanRequest): Promise<SpanExplanation | null>;
  /** The attributes of a trace's events, for the event list; null when it isn't stored. */
  getTraceEventAttributes(request: GetTraceRequest): Promise<TraceEventAttributes | null>;
  /** Imports one trace file's text; a bad file imports nothing and answers why. */
  importTraceText(request: ImportTraceTextRequest): Promise<TraceFileResult>;
  /** Imports one trace file from disk, named in the result as the user knows it (the web host's
   * uploads, streamed to a file first: no size limit); a bad file imports nothing. */
  importTraceFile(request: ImportTraceFileRequest): Promise<TraceFileResult>;
  /** Stops a trace file import (named by its traceImportProgress events): it keeps nothing and
   * answers an error saying it was cancelled. False when no import has that id any more. */
  cancelTraceImport(request: CancelTraceImportRequest): Promise<{ cancelled: boolean }>;
  /** Reads and imports files from disk, each on its own; also sent as a traceFilesOpened event. */
  openTraceFiles(request: OpenTraceFilesRequest): Promise<OpenTraceFilesResult>;
  /** A stored trace as OTLP JSON or Jaeger JSON text; opening it again gives the same spans. */
  exportTrace(request: ExportTraceRequest): Promise<ExportedTrace>;
  /** Asks the host's save dialog where to save the trace (the file name says the format:
   * *.jaeger.json is Jaeger JSON, anything else OTLP JSON) and saves it there. Desktop only. */
  saveTraceToFile(request: SaveTraceToFileRequest): Promise<SaveTraceToFileResult>;
  /** The saved settings, what the mirror uses after the environment, and notices to show. */
  getSettings(request: Record<string, never>): Promise<SettingsState>;
  /** Changes and saves settings; an invalid endpoint or header is refused and nothing changes. */
  updateSettings(request: UpdateSettingsRequest): Promise<SettingsState>;
  getMirrorStatus(request: Record<string, never>): Promise<MirrorStatus>;
  /** The OTLP receivers: each transport's address or error, counters, the lines to paste. */
  getReceiverStatus(request: Record<string, never>): Promise<ReceiverStatus>;
  /** Sends stored traces to the mirror's endpoint, whether or not the switch is on. */
  sendStoredTraces(request: SendStoredTracesRequest): Promise<SendStoredTracesResult>;
  getLatencyByOperation(request: LatencyRequest): Promise<LatencyResult>;
  /** Traces whose id starts with the given digits ("open trace by id"). */
  lookupTrace(request: LookupTraceRequest): Promise<LookupTraceResult>;
  /** What the app found wrong with its data files (the order book) when it started. */
  getDataNotices(request: Record<string, never>): Promise<DataNotices>;
  /** The remote sources: the saved ones and those of --jaeger-url. */
  listSources(request: Record<string, never>): Promise<SourceListResult>;
  /** Adds and saves a source; an invalid URL or Authorization value is refused (a 400). */
  addSource(request: AddSourceRequest): Promise<SourceChangeResult>;
  /** Changes a source (name, URL, Authorization: null removes it); unknown id: not found. */
  updateSource(request: UpdateSourceRequest): Promise<SourceChangeResult>;
  removeSource(request: SourceIdRequest): Promise<SourceListResult>;
  /** The services the source knows (also the way to test a source); cancellable by requestId. */
  getSourceServices(request: SourceServicesRequest): Promise<SourceAnswer<{ services: string[] }>>;
  getSourceOperations(
    request: SourceOperationsRequest,
  ): Promise<SourceAnswer<{ operations: SourceOperation[] }>>;
  /** Searches the source; results are summaries like the local list's. */
  searchSource(request: SearchSourceRequest): Promise<SourceAnswer<SourceSearchResult>>;
  /** One trace of the source, to show; cancellable by its requestId. */
  openRemoteTrace(request: RemoteTraceRequest): Promise<SourceAnswer<RemoteTrace>>;
  /** Keep a copy: imports the remote trace into the local store. */
  keepRemoteTrace(request: RemoteTraceRequest): Promise<SourceAnswer<KeptRemoteTrace>>;
  /** Stops the remote request with this requestId: it answers failure kind "cancelled". */
  cancelSourceRequest(request: CancelSourceRequest): Promise<{ cancelled: boolean }>;
  /** Pins a trace (retention never evicts it) or unpins it; answered once durable. */
  setTracePinned(request: SetTracePinnedRequest): Promise<SetTracePinnedResult>;
  /** Deletes one trace, pinned or not. */
  deleteTrace(request: GetTraceRequest): Promise<DeleteTracesResult>;
  /** Deletes the traces the list's filter matches (the same query listTraces takes), except
   * pinned ones. */
  deleteMatchingTraces(request: DeleteMatchingTracesRequest): Promise<DeleteTracesResult>;
  /** Deletes every trace except pinned ones. */
  clearTraces(request: Record<string, never>): Promise<DeleteTracesResult>;
  /** The database's size on disk, its counts and the limits in force. */
  getStorageStats(request: Record<string, never>): Promise<StorageStats>;
}

/** Every event the core pushes to the UI. */
export interface SpanlightEvents {
  tracesChanged: TracesChangedEvent;
  /** openTraceFiles ran (File > Open, files from the command line or the OS): show the results. */
  traceFilesOpened: OpenTraceFilesResult;
  /** The mirror's state or counts changed (at most a few times a second). */
  mirrorStatusChanged: MirrorStatus;
  /** A receiver started, stopped or failed, or its counters moved (at most a few times a second). */
  receiverStatusChanged: ReceiverStatus;
  settingsChanged: SettingsState;
  /** Sent by the desktop host, never by the core: a menu item for the UI to carry out. */
  menuCommand: MenuCommandEvent;
  /** A source was added, changed or removed, or its API became known. */
  sourcesChanged: SourcesChangedEvent;
  /** A remote request with a requestId is receiving its answer (at most ~10 a second each). */
  sourceRequestProgress: SourceProgressEvent;
  /** A trace file import that has run for half a second: how far it is (about 5 a second), and
   * a last one with done: true when it ends. */
  traceImportProgress: TraceImportProgress;
  /** The data notices changed while running (the disk filled up; spans not saved, at most once a
   * second). */
  dataNoticesChanged: DataNotices;
}

export type CommandName = keyof SpanlightCommands;
export type CommandRequest<C extends CommandName> = Parameters<SpanlightCommands[C]>[0];
export type CommandResponse<C extends CommandName> = Awaited<ReturnType<SpanlightCommands[C]>>;
export type EventName = keyof SpanlightEvents;
export type SpanlightEvent = {
  [E in EventName]: { readonly name: E; readonly payload: SpanlightEvents[E] };
}[EventName];
export type EventListener = (event: SpanlightEvent) => void;

/** What the renderer talks to, whatever the transport. */
export interface SpanlightApi extends SpanlightCommands {
  /** Calls the listener for every core event; returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void;
}

export const commandNames = [
  'placeOrder',
  'listTraces',
  'getTrace',
  'getTraceOutline',
  'getSpan',
  'findSpans',
  'getBacklinks',
  'getTraceBacklinks',
  'explainSpan',
  'getTraceEventAttributes',
  'importTraceText',
  'importTraceFile',
  'cancelTraceImport',
  'openTraceFiles',
  'exportTrace',
  'saveTraceToFile',
  'getLatencyByOperation',
  'lookupTrace',
  'getDataNotices',
  'getSettings',
  'updateSettings',
  'getMirrorStatus',
  'getReceiverStatus',
  'sendStoredTraces',
  'listSources',
  'addSource',
  'updateSource',
  'removeSource',
  'getSourceServices',
  'getSourceOperations',
  'searchSource',
  'openRemoteTrace',
  'keepRemoteTrace',
  'cancelSourceRequest',
  'setTracePinned',
  'deleteTrace',
  'deleteMatchingTraces',
  'clearTraces',
  'getStorageStats',
] as const;
export const eventNames = [
  'tracesChanged',
  'traceFilesOpened',
  'mirrorStatusChanged',
  'receiverStatusChanged',
  'settingsChanged',
  'menuCommand',
  'sourcesChanged',
  'sourceRequestProgress',
  'traceImportProgress',
  'dataNoticesChanged',
] as const;

// Compile-time proof that the name lists above match the interfaces exactly.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const commandNamesAreComplete: Exact<(typeof commandNames)[number], CommandName> = true;
const eventNamesAreComplete: Exact<(typeof eventNames)[number], EventName> = true;
void commandNamesAreComplete;
void eventNamesAreComplete;

export function isCommandName(name: string): name is CommandName {
  return (commandNames as readonly string[]).includes(name);
}

/** The IPC channel (Electron) that carries core events to the window. */
export const eventChannel = 'spanlight:event';

/** Web host: importTraceText may send the file's bare text (text/plain), its name in this header. */
export const traceFileNameHeader = 'x-spanlight-file-name';
