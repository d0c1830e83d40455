// A stand-in for the core behind the client store: every command call is recorded and answered
// when the test says (or at once by a handler), and events are pushed by hand.
import type {
  CommandName,
  CommandRequest,
  CommandResponse,
  EventListener,
  SpanlightApi,
  SpanlightEvent,
  TraceListResult,
  TracesChangedEvent,
  TraceSummary,
} from '../../../app/contract';

export interface Call<C extends CommandName = CommandName> {
  readonly command: C;
  readonly request: CommandRequest<C>;
  answer(response: CommandResponse<C>): void;
  fail(error: Error): void;
}

type Handlers = { [C in CommandName]?: (request: CommandRequest<C>) => CommandResponse<C> };

export interface FakeApi {
  readonly api: SpanlightApi;
  readonly calls: Call[];
  callsOf<C extends CommandName>(command: C): Call<C>[];
  /** Calls not answered yet. */
  pending<C extends CommandName>(command: C): Call<C>[];
  push(event: SpanlightEvent): void;
  readonly listenerCount: () => number;
}

/** Commands with a handler answer at once (on a microtask); the others wait for `answer`. */
export function fakeApi(handlers: Handlers = {}): FakeApi {
  const calls: Call[] = [];
  const answered = new WeakSet<Call>();
  const listeners = new Set<EventListener>();
  const command =
    <C extends CommandName>(name: C) =>
    (request: CommandRequest<C>): Promise<CommandResponse<C>> =>
      new Promise((resolve, reject) => {
        const call: Call<C> = {
          command: name,
          request,
          answer: (response) => {
            answered.add(call as Call);
            resolve(response);
          },
          fail: (error) => {
            answered.add(call as Call);
            reject(error);
          },
        };
        calls.push(call as unknown as Call);
        const handler = handlers[name] as
          ((request: CommandRequest<C>) => CommandResponse<C>) | undefined;
        if (handler) call.answer(handler(request));
      });
  const api = new Proxy({} as SpanlightApi, {
    get(_target, property) {
      if (property === 'subscribe') {
        return (listener: EventListener) => {
          listeners.add(listener);
          return () => listeners.delete(listener);
        };
      }
      if (property === 'then') return undefined;
      return command(property as CommandName);
    },
  });
  const callsOf = <C extends CommandName>(name: C) =>
    calls.filter((call) => call.command === name) as unknown as Call<C>[];
  return {
    api,
    calls,
    callsOf,
    pending: (name) => callsOf(name).filter((call) => !answered.has(call as Call)),
    push: (event) => {
      for (const listener of listeners) listener(event);
    },
    listenerCount: () => listeners.size,
  };
}

export const traceId = (n: number) => n.toString(16).padStart(32, '0');

/** A summary of trace n that started n seconds after a fixed instant (so higher n is newer). */
export function summary(n: number, patch: Partial<TraceSummary> = {}): TraceSummary {
  const start = 1_750_000_000_000_000_000n + BigInt(n) * 1_000_000_000n;
  return {
    traceId: traceId(n),
    rootSpanName: `root ${n}`,
    serviceName: 'svc',
    startTimeUnixNano: start.toString(),
    endTimeUnixNano: (start + 1_000_000n).toString(),
    durationMicros: 1000,
    spanCount: 1,
    errorCount: 0,
    hasRoot: true,
    ...patch,
  };
}

export function listResult(
  traces: readonly TraceSummary[],
  patch: Partial<TraceListResult> = {},
): TraceListResult {
  return {
    traces,
    matchedTraces: traces.length,
    services: ['svc'],
    spanNames: [],
    totalTraces: traces.length,
    droppedTraces: 0,
    maxTraces: 10_000,
    ...patch,
  };
}

export function tracesChanged(
  changed: readonly TraceSummary[],
  patch: Partial<TracesChangedEvent> = {},
): SpanlightEvent {
  return {
    name: 'tracesChanged',
    payload: {
      changed,
      changedTraceIds: changed.map((s) => s.traceId),
      removedTraceIds: [],
      totalTraces: changed.length,
      droppedTraces: 0,
      maxTraces: 10_000,
      ...patch,
    },
  };
}
