// The contract over the web host: POST /api/<command>, events from one server-sent-events stream,
// every request carrying the launch's token (see web-token.ts and event-stream.ts).
import { decodeTypedArrayFrame, TYPED_ARRAY_FRAME_TYPE } from '../../app/model/typed-array-frame';
import {
  commandNames,
  eventNames,
  traceFileNameHeader,
  type EventListener,
  type ImportTraceTextRequest,
  type SpanlightApi,
  type SpanlightCommands,
  type SpanlightEvent,
  type TraceFileResult,
} from '../../app/contract';
import { openEventStream } from './event-stream';

export class ApiError extends Error {
  override name = 'ApiError';
}

const knownEvents: ReadonlySet<string> = new Set(eventNames);

/** A transport that can send a picked file as it is, without reading it into a string first. */
export interface TraceFileUploader {
  uploadTraceFile(file: File): Promise<TraceFileResult>;
}

export function canUploadFiles(api: object): api is TraceFileUploader {
  return typeof (api as Partial<TraceFileUploader>).uploadTraceFile === 'function';
}

/** A trace file travels as its bare text (see the web host): JSON-escaping it is the slow part. */
function requestInit(name: string, request: unknown, token: string): RequestInit {
  const authorization = { authorization: `Bearer ${token}` };
  if (name === 'importTraceText') {
    const { fileName, text } = request as ImportTraceTextRequest | { fileName: string; text: Blob };
    return {
      method: 'POST',
      headers: {
        ...authorization,
        'content-type': 'text/plain; charset=utf-8',
        [traceFileNameHeader]: encodeURIComponent(fileName),
      },
      body: text,
    };
  }
  return {
    method: 'POST',
    headers: {
      ...authorization,
      'content-type': 'application/json',
      // Outlines come as typed arrays in bytes (see typed-array-frame.ts), everything else as JSON.
      accept: `${TYPED_ARRAY_FRAME_TYPE}, application/json`,
    },
    body: JSON.stringify(request ?? {}),
  };
}

async function call(name: string, request: unknown, token: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`/api/${name}`, requestInit(name, request, token));
  } catch (error) {
    throw new ApiError(
      `${name}: the Spanlight web host did not answer (${(error as Error).message})`,
    );
  }
  if (response.ok && response.headers.get('content-type') === TYPED_ARRAY_FRAME_TYPE) {
    try {
      return decodeTypedArrayFrame(await response.arrayBuffer());
    } catch (error) {
      throw new ApiError(`${name}: ${(error as Error).message}`);
    }
  }
  const body = (await response.json().catch(() => null)) as {
    error?: string;
    notFound?: boolean;
  } | null;
  // The contract answers null for a trace or span that is not there; HTTP says 404.
  if (response.status === 404 && body?.notFound === true) return null;
  if (!response.ok) throw new ApiError(`${name}: ${body?.error ?? `HTTP ${response.status}`}`);
  return body;
}

export function createHttpApi(token: string): SpanlightApi & TraceFileUploader {
  const commands = Object.fromEntries(
    commandNames.map((name) => [name, (request: unknown) => call(name, request, token)]),
  ) as unknown as SpanlightCommands;
  const listeners = new Set<EventListener>();
  let stop: (() => void) | undefined;

  const openStream = () =>
    openEventStream({
      url: '/api/events',
      headers: { authorization: `Bearer ${token}` },
      onEvent: ({ name, data }) => {
        if (!knownEvents.has(name)) return;
        const event = { name, payload: JSON.parse(data) } as SpanlightEvent;
        for (const listener of listeners) listener(event);
      },
      onError: (message) => console.warn(`Spanlight: ${message}`),
    });

  return {
    ...commands,
    // The browser streams a File body from disk: no size limit, no copy in the page's memory.
    uploadTraceFile: (file) =>
      call(
        'importTraceText',
        { fileName: file.name, text: file },
        token,
      ) as Promise<TraceFileResult>,
    subscribe(listener) {
      listeners.add(listener);
      stop ??= openStream();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          stop?.();
          stop = undefined;
        }
      };
    },
  };
}
