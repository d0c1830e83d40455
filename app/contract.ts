// The one contract between Spanlight's core and any UI. Every host and the renderer's API object
// are derived from these types and name lists; only plain data crosses it.
import type { TraceDetail, TraceSummary } from './model/trace';
import type {
  FindSpansRequest,
  FindSpansResult,
  GetSpanRequest,
  SpanDetail,
  TraceEventAttributes,
  TraceOutline,
} from './model/trace-outline';
import type { ExportedTrace, TraceExportFormat, TraceFileResult } from './model/trace-files';
import type { MirrorStatus, SendStoredTracesRequest, SendStoredTracesResult } from './model/mirror';
import type { SettingsState, UpdateSettingsRequest } from './model/settings';

export type { TraceDetail, TraceSummary, AppSpan } from './model/trace';
export * from './model/otlp';
export type * from './model/trace-outline';
export * from './model/trace-files';
export type * from './model/mirror';
export type * from './model/settings';

export interface OrderOptions {
  /** The payment provider declines the card: payment span and root end with status ERROR. */
  readonly paymentDeclined: boolean;
  /** The mail server is unreachable: the email span and the root end with status ERROR. */
  readonly emailServerDown: boolean;
  /** The database answers slowly: INSERT orders takes extra time. */
  readonly slowDatabase: boolean;
}

export interface PlaceOrderResult {
  readonly orderId: string;
  readonly traceId: string;
  readonly status: 'ok' | 'error';
  readonly errorMessage?: string;
}

/** One attribute condition: some span of the trace (or its resource) has key = value (as text). */
export interface AttributeFilter {
  readonly key: string;
  readonly value: string;
}

/** Which traces to list; every field is optional and the given ones are ANDed. */
export interface TraceQuery {
  /** Some span of the trace belongs to this service.name. */
  readonly service?: string;
  /** A span's name contains this text, ignoring letter case, or matches `/regex/` (with an optional
   * `i` flag; see app/model/name-pattern.ts): the root span's, or (default) any span's. With
   * `service` and scope "any", the same span must have both, as in Jaeger's service + operation
   * search. */
  readonly spanName?: string;
  readonly spanNameScope?: 'root' | 'any';
  /** All of them must hold (each on any span or resource of the trace). */
  readonly attributes?: readonly AttributeFilter[];
  /** Trace duration bounds, inclusive. */
  readonly minDurationMicros?: number;
  readonly maxDurationMicros?: number;
  /** Only traces with at least one span with status ERROR. */
  readonly errorsOnly?: boolean;
  /** Only traces that started at or after this time (unix epoch milliseconds). */
  readonly startAfterUnixMillis?: number;
}

export interface ListTracesRequest {
  /** At most this many summaries, newest first; all when absent. */
  readonly limit?: number;
  /** Only the traces that match; all when absent. */
  readonly query?: TraceQuery;
  /** Only these of the matching traces (the ones a tracesChanged event named): the UI learns which
   * changed traces match its filters without listing every match again. `matchedTraces` still
   * counts all matches. At most 100,000 ids. */
  readonly traceIds?: readonly string[];
}

/** Where traces come from. Only the local store today; remote sources (issue 17) join here. */
export type TraceSourceId = 'local';

export interface LookupTraceRequest {
  /** A whole trace id or its first hex digits (1 to 32, any letter case). */
  readonly idPrefix: string;
  /** Where to look; the local store when absent. */
  readonly source?: TraceSourceId;
}

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

export interface GetTraceRequest {
  readonly traceId: string;
}

/** A span name within a service: the unit the latency table groups by. */
export interface OperationKey {
  readonly service: string;
  readonly spanName: string;
}

export interface LatencyRequest {
  /** Over the traces this query lists; all when absent. */
  readonly query?: TraceQuery;
  /** The operation whose span durations to bin into a histogram. */
  readonly histogramOf?: OperationKey;
  /** Number of equal-width histogram bins (default 30). */
  readonly binCount?: number;
}

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

export interface ImportTraceTextRequest {
  /** Shown in the result and in error messages. */
  readonly fileName: string;
  /** The file's whole text (the UI reads the file; the core tells the format by content). */
  readonly text: string;
}

export interface OpenTraceFilesRequest {
  /** Files on the machine running the core (desktop File > Open, command-line arguments). */
  readonly paths: readonly string[];
}

export interface OpenTraceFilesResult {
  readonly files: readonly TraceFileResult[];
}

export interface ExportTraceRequest {
  readonly traceId: string;
  readonly format: TraceExportFormat;
}

export interface SaveTraceToFileRequest {
  readonly traceId: string;
}

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

/** Problems found in the data directory at start; each names the file (and line) and what was done. */
export interface DataNotices {
  readonly notices: readonly string[];
}

/** Every command: one request object in, one response out. */
export interface SpanlightCommands {
  placeOrder(request: OrderOptions): Promise<PlaceOrderResult>;
  listTraces(request: ListTracesRequest): Promise<TraceListResult>;
  getTrace(request: GetTraceRequest): Promise<TraceDetail | null>;
  /** The waterfall's lean view of a trace (no attributes), null when it isn't stored. */
  getTraceOutline(request: GetTraceRequest): Promise<TraceOutline | null>;
  /** One span with its resource and scope, null when the trace or span isn't stored. */
  getSpan(request: GetSpanRequest): Promise<SpanDetail | null>;
  /** Spans of a trace matching a find query. */
  findSpans(request: FindSpansRequest): Promise<FindSpansResult>;
  /** The attributes of a trace's events, for the event list; null when it isn't stored. */
  getTraceEventAttributes(request: GetTraceRequest): Promise<TraceEventAttributes | null>;
  /** Imports one trace file's text; a bad file imports nothing and answers why. */
  importTraceText(request: ImportTraceTextRequest): Promise<TraceFileResult>;
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
  /** Sends stored traces to the mirror's endpoint, whether or not the switch is on. */
  sendStoredTraces(request: SendStoredTracesRequest): Promise<SendStoredTracesResult>;
  getLatencyByOperation(request: LatencyRequest): Promise<LatencyResult>;
  /** Traces whose id starts with the given digits ("open trace by id"). */
  lookupTrace(request: LookupTraceRequest): Promise<LookupTraceResult>;
  /** What the app found wrong with its data files (the order book) when it started. */
  getDataNotices(request: Record<string, never>): Promise<DataNotices>;
}

/** Every event the core pushes to the UI. */
export interface SpanlightEvents {
  tracesChanged: TracesChangedEvent;
  /** openTraceFiles ran (File > Open, files from the command line or the OS): show the results. */
  traceFilesOpened: OpenTraceFilesResult;
  /** The mirror's state or counts changed (at most a few times a second). */
  mirrorStatusChanged: MirrorStatus;
  settingsChanged: SettingsState;
  /** Sent by the desktop host, never by the core: a menu item for the UI to carry out. */
  menuCommand: MenuCommandEvent;
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
  'getTraceEventAttributes',
  'importTraceText',
  'openTraceFiles',
  'exportTrace',
  'saveTraceToFile',
  'getLatencyByOperation',
  'lookupTrace',
  'getDataNotices',
  'getSettings',
  'updateSettings',
  'getMirrorStatus',
  'sendStoredTraces',
] as const;
export const eventNames = [
  'tracesChanged',
  'traceFilesOpened',
  'mirrorStatusChanged',
  'settingsChanged',
  'menuCommand',
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
