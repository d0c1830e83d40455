// The one contract between Spanlight's core and any UI. Every host and the renderer's API object
// are derived from these types and name lists; only plain data crosses it.
import type { TraceDetail, TraceSummary } from './model/trace';

export type { TraceDetail, TraceSummary, AppSpan } from './model/trace';
export * from './model/otlp';

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

export interface ListTracesRequest {
  /** At most this many summaries, newest first; all when absent. */
  readonly limit?: number;
}

export interface TraceListResult {
  readonly traces: readonly TraceSummary[];
  readonly totalTraces: number;
  readonly droppedTraces: number;
  readonly maxTraces: number;
}

export interface GetTraceRequest {
  readonly traceId: string;
}

export interface TracesChangedEvent {
  /** Traces that were added or received spans since the previous event. */
  readonly changedTraceIds: readonly string[];
  /** Traces that the bounded store dropped since the previous event. */
  readonly removedTraceIds: readonly string[];
  readonly totalTraces: number;
  readonly droppedTraces: number;
}

/** Every command: one request object in, one response out. */
export interface SpanlightCommands {
  placeOrder(request: OrderOptions): Promise<PlaceOrderResult>;
  listTraces(request: ListTracesRequest): Promise<TraceListResult>;
  getTrace(request: GetTraceRequest): Promise<TraceDetail | null>;
}

/** Every event the core pushes to the UI. */
export interface SpanlightEvents {
  tracesChanged: TracesChangedEvent;
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

export const commandNames = ['placeOrder', 'listTraces', 'getTrace'] as const;
export const eventNames = ['tracesChanged'] as const;

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
