// The contract over the web host: POST /api/<command>, events from one EventSource.
import {
  commandNames,
  eventNames,
  traceFileNameHeader,
  type EventListener,
  type ImportTraceTextRequest,
  type SpanlightApi,
  type SpanlightCommands,
  type SpanlightEvent,
} from '../../app/contract';

export class ApiError extends Error {
  override name = 'ApiError';
}

/** A trace file travels as its bare text (see the web host): JSON-escaping it is the slow part. */
function requestInit(name: string, request: unknown): RequestInit {
  if (name === 'importTraceText') {
    const { fileName, text } = request as ImportTraceTextRequest;
    return {
      method: 'POST',
      headers: {
        'content-type': 'text/plain; charset=utf-8',
        [traceFileNameHeader]: encodeURIComponent(fileName),
      },
      body: text,
    };
  }
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request ?? {}),
  };
}

async function call(name: string, request: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`/api/${name}`, requestInit(name, request));
  } catch (error) {
    throw new ApiError(
      `${name}: the Spanlight web host did not answer (${(error as Error).message})`,
    );
  }
  const body = (await response.json().catch(() => null)) as { error?: string } | null;
  if (!response.ok) throw new ApiError(`${name}: ${body?.error ?? `HTTP ${response.status}`}`);
  return body;
}

export function createHttpApi(): SpanlightApi {
  const commands = Object.fromEntries(
    commandNames.map((name) => [name, (request: unknown) => call(name, request)]),
  ) as unknown as SpanlightCommands;
  const listeners = new Set<EventListener>();
  let source: EventSource | undefined;

  const openSource = () => {
    source = new EventSource('/api/events');
    for (const name of eventNames) {
      source.addEventListener(name, (message) => {
        const event = {
          name,
          payload: JSON.parse((message as MessageEvent<string>).data),
        } as SpanlightEvent;
        for (const listener of listeners) listener(event);
      });
    }
  };

  return {
    ...commands,
    subscribe(listener) {
      listeners.add(listener);
      if (!source) openSource();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          source?.close();
          source = undefined;
        }
      };
    },
  };
}
