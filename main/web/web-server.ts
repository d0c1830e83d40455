// The web host: the same UI and contract as the desktop app, over HTTP on 127.0.0.1 only.
//   POST /api/<command>  JSON request in, JSON response out (an outline as a typed-array frame to
//                        a client that accepts one: typed-array-frame.ts; as JSON, its span ids
//                        as text: outline-span-ids.ts)
//   GET  /api/events     server-sent events, one `event:` per contract event
//   GET  /*              the built renderer
// Every /api/ request needs the launch's token (`Authorization: Bearer <token>`): any local
// process can reach 127.0.0.1, and only the one who started the host was told the token.
import {
  encodeTypedArrayFrame,
  hasTypedArrayFields,
  TYPED_ARRAY_FRAME_TYPE,
  withArraysAsLists,
} from '../../app/model/typed-array-frame';
import { withSpanIdsAsText, type OutlineSpanIds } from '../../app/model/outline-span-ids';
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { pipeline } from 'node:stream/promises';
import path from 'node:path';
import {
  isCommandName,
  traceFileNameHeader,
  type CommandName,
  type SpanlightEvent,
} from '../../app/contract';
import { InvalidRequestError, validateRequest } from '../../app/contract-validation';
import { limitNestingIn } from '../../app/model/any-value-depth';
import { NotFoundError } from '../../app/not-found-error';
import { SourceFailureError } from '../../app/sources/source-error';
import type { CoreConnection } from '../../app/spanlight-core';
import { PieceQueue } from '../../app/trace-files/piece-queue';
import { CONTENT_SECURITY_POLICY } from '../content-security-policy';

export const MAX_BODY_BYTES = 1024 * 1024;
/** importTraceText as JSON carries a whole trace file (JSON-escaped); V8 strings stop at 512 MB.
 * Sent as bare text it has no limit: it is streamed to a file (see importUpload). */
export const MAX_BODY_BYTES_BY_COMMAND: Partial<Record<CommandName, number>> = {
  importTraceText: 320 * 1024 * 1024,
};
const KEEP_ALIVE_MS = 15_000;
/** How much of an upload may wait for the core before the request is paused. */
const MAX_QUEUED_UPLOAD_BYTES = 4 * 1024 * 1024;
/** After a 413, the rest of an upload is read and dropped (so the client sees the answer, not a
 * reset), up to this much more; a client that keeps sending past it is cut off. */
const MAX_DISCARDED_BYTES = 512 * 1024 * 1024;

/** Commands whose null answer means "no such trace or span": over HTTP that is a 404. */
const NULL_MEANS_NOT_FOUND: ReadonlySet<CommandName> = new Set([
  'getTrace',
  'getTraceOutline',
  'getSpan',
  'getTraceEventAttributes',
]);

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

export interface WebServer {
  /** http://127.0.0.1:<port>, without the token. */
  readonly url: string;
  /** The page's address with the token, as the web host prints it. */
  readonly pageUrl: string;
  readonly port: number;
  close(): Promise<void>;
}

export interface WebServerOptions {
  readonly core: CoreConnection;
  /** The built renderer (dist/renderer). */
  readonly staticDir: string;
  readonly port: number;
  /** What every /api/ request must carry as `Authorization: Bearer <token>`. */
  readonly token: string;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
    /** Extra fields of the JSON error body. */
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

export async function startWebServer({
  core,
  staticDir,
  port,
  token,
}: WebServerOptions): Promise<WebServer> {
  if (token.length === 0) throw new Error('the web host needs a non-empty API token');
  const expectedAuthorization = Buffer.from(`Bearer ${token}`);
  const eventStreams = new Set<ServerResponse>();
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => sendError(request, response, error));
  });
  // A request line or headers Node cannot parse (bad URL characters, bad headers): a 400, not a
  // dropped connection.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (socket.writable && error.code !== 'ECONNRESET')
      socket.end(
        'HTTP/1.1 400 Bad Request\r\ncontent-type: application/json; charset=utf-8\r\nconnection: close\r\n\r\n{"error":"malformed HTTP request"}',
      );
    else socket.destroy();
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    checkHost(request, actualPort());
    const pathname = requestPath(request);
    if (pathname === '/api/events') {
      if (request.method !== 'GET')
        throw new HttpError(405, 'the event stream takes GET', { allow: 'GET' });
      checkToken(request);
      return openEventStream(request, response);
    }
    if (pathname.startsWith('/api/')) return handleCommand(request, response, pathname.slice(5));
    return serveStatic(request, response, pathname);
  }

  function checkToken(request: IncomingMessage): void {
    const given = Buffer.from(request.headers.authorization ?? '');
    if (
      given.length === expectedAuthorization.length &&
      timingSafeEqual(given, expectedAuthorization)
    )
      return;
    throw new HttpError(
      401,
      'this request needs the web host’s API token: send "Authorization: Bearer <token>" (the token is in the address the web host printed, ?token=…, or the one given with --token)',
      { 'www-authenticate': 'Bearer realm="spanlight"' },
    );
  }

  /**
   * A trace file sent as its bare text, whatever its size: imported as it arrives (the core lists
   * and shows the trace while the rest comes). Without a Content-Length (a chunked body) the core
   * can't show progress of a size it doesn't know: it is written to a temporary file first.
   */
  async function importUpload(request: IncomingMessage): Promise<unknown> {
    const fileName = traceFileNameOf(request);
    let validated;
    try {
      validated = validateRequest('importTraceFile', { fileName, path: '(upload)' });
    } catch (error) {
      discardRest(request);
      if (error instanceof InvalidRequestError) throw new HttpError(400, error.message);
      throw error;
    }
    const size = declaredLength(request);
    if (size !== undefined && Number.isFinite(size))
      return core.importUpload({
        fileName: validated.fileName,
        size,
        pieces: requestPieces(request),
      });
    const dir = await mkdtemp(path.join(tmpdir(), 'spanlight-upload-'));
    try {
      const file = path.join(dir, 'upload');
      try {
        await pipeline(request, createWriteStream(file));
      } catch {
        throw new HttpError(400, 'the request body was cut off');
      }
      return await core.commands.importTraceFile({ fileName: validated.fileName, path: file });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async function handleCommand(
    request: IncomingMessage,
    response: ServerResponse,
    name: string,
  ): Promise<void> {
    if (!isCommandName(name)) throw new HttpError(404, `unknown command "${name}"`);
    if (request.method !== 'POST')
      throw new HttpError(405, `${name} takes POST`, { allow: 'POST' });
    checkToken(request);
    checkOrigin(request, actualPort());
    const plainText = name === 'importTraceText' && isPlainText(request);
    checkContentType(request, name, plainText);
    if (plainText) return sendJson(response, 200, await importUpload(request));
    const body = await readBody(request, MAX_BODY_BYTES_BY_COMMAND[name] ?? MAX_BODY_BYTES);
    let input: unknown;
    try {
      input = body.length === 0 ? {} : JSON.parse(body);
    } catch (error) {
      throw new HttpError(400, `the request body is not valid JSON: ${(error as Error).message}`);
    }
    let result: unknown;
    try {
      const validated = validateRequest(name, input);
      // The contract's command types are correlated by name; TypeScript can't follow that through a union.
      result = await (core.commands[name] as (request: unknown) => Promise<unknown>)(validated);
    } catch (error) {
      if (error instanceof InvalidRequestError) throw new HttpError(400, error.message);
      if (error instanceof NotFoundError) throw new HttpError(404, error.message);
      if (error instanceof SourceFailureError) throw new HttpError(502, error.message);
      throw error;
    }
    if (result === null && NULL_MEANS_NOT_FOUND.has(name))
      throw new HttpError(404, notFoundMessage(input), {}, { notFound: true });
    sendAnswer(request, response, result ?? null);
  }

  function openEventStream(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    response.write(': connected\n\n');
    const send = (event: SpanlightEvent) => {
      response.write(`event: ${event.name}\ndata: ${jsonText(event.payload)}\n\n`);
    };
    const unsubscribe = core.subscribe(send);
    const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
    eventStreams.add(response);
    request.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
      eventStreams.delete(response);
    });
  }

  async function serveStatic(
    request: IncomingMessage,
    response: ServerResponse,
    pathname: string,
  ): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      throw new HttpError(405, 'method not allowed', { allow: 'GET, HEAD' });
    const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
    const filePath = path.resolve(staticDir, relative);
    if (!filePath.startsWith(path.resolve(staticDir) + path.sep))
      throw new HttpError(404, 'not found');
    let contents: Buffer;
    try {
      contents = await readFile(filePath);
    } catch {
      throw new HttpError(404, `not found: ${pathname}`);
    }
    response.writeHead(200, {
      'content-type': contentTypes[path.extname(filePath)] ?? 'application/octet-stream',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      // The page's address carries the token until the page takes it out: send it nowhere.
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-cache',
    });
    response.end(request.method === 'HEAD' ? undefined : contents);
  }

  function actualPort(): number {
    return (server.address() as AddressInfo).port;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`port ${port} on 127.0.0.1 is already in use`)
          : new Error(`cannot listen on 127.0.0.1:${port}: ${error.message}`),
      ),
    );
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const listeningPort = actualPort();
  const url = `http://127.0.0.1:${listeningPort}`;
  return {
    url,
    pageUrl: `${url}/?token=${encodeURIComponent(token)}`,
    port: listeningPort,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of eventStreams) stream.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The decoded path of the request; a URL that does not decode is the client's mistake (400). */
function requestPath(request: IncomingMessage): string {
  let pathname: string;
  try {
    pathname = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
  } catch {
    throw new HttpError(400, 'the request URL is malformed');
  }
  try {
    return decodeURIComponent(pathname);
  } catch {
    throw new HttpError(400, 'the request URL has a malformed %-escape');
  }
}

/** Only our own names for this machine: a page on another site can't reach us by DNS rebinding. */
function checkHost(request: IncomingMessage, port: number): void {
  const host = request.headers.host;
  const allowed = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (host !== undefined && !allowed.includes(host))
    throw new HttpError(403, `host "${host}" is not allowed`);
}

/** Browsers send Origin on cross-site POSTs: refuse those, so other pages can't place orders. */
function checkOrigin(request: IncomingMessage, port: number): void {
  const origin = request.headers.origin;
  if (origin === undefined) return;
  const allowed = [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
  if (!allowed.includes(origin)) throw new HttpError(403, `origin "${origin}" is not allowed`);
}

/** JSON bodies are application/json; importTraceText also takes the file's bare text. */
function checkContentType(request: IncomingMessage, name: CommandName, plainText: boolean): void {
  if (plainText) return;
  const type = request.headers['content-type'];
  if (type === undefined) {
    // Nothing to interpret: an empty body is the empty request.
    if (declaredLength(request) === 0) return;
  } else if (/^application\/json\s*(;|$)/i.test(type)) return;
  const accepted =
    name === 'importTraceText' ? 'application/json or text/plain' : 'application/json';
  throw new HttpError(
    415,
    `${name} takes ${accepted}, not ${type === undefined ? 'a body without a content-type' : `"${type}"`}`,
    { accept: accepted },
  );
}

/** Content-Length as a number; undefined when absent (or chunked); NaN when malformed. */
function declaredLength(request: IncomingMessage): number | undefined {
  const header = request.headers['content-length'];
  if (header === undefined) return request.headers['transfer-encoding'] ? undefined : 0;
  return /^\d+$/.test(header) ? Number(header) : Number.NaN;
}

// importTraceText may also come as the file's bare text (text/plain), its name in a header:
// JSON-escaping a big file and parsing it back costs more than reading it. The custom header also
// rules out a cross-site form post (it needs a CORS preflight, which is never granted).
function isPlainText(request: IncomingMessage): boolean {
  return /^text\/plain\b/i.test(request.headers['content-type'] ?? '');
}

function traceFileNameOf(request: IncomingMessage): string | undefined {
  const header = request.headers[traceFileNameHeader];
  if (typeof header !== 'string') return undefined;
  try {
    return decodeURIComponent(header);
  } catch {
    throw new HttpError(400, `the ${traceFileNameHeader} header is not URI-encoded text`);
  }
}

function notFoundMessage(input: unknown): string {
  const { traceId, spanId } = (input ?? {}) as { traceId?: unknown; spanId?: unknown };
  return typeof spanId === 'string'
    ? `span ${spanId} of trace ${String(traceId)} is not in the store`
    : `trace ${String(traceId)} is not in the store`;
}

/** Refuses a body past `maxBytes` with 413 as soon as its declared or read size says so. */
function readBody(request: IncomingMessage, maxBytes: number): Promise<string> {
  const tooLarge = () =>
    new HttpError(413, `request body larger than ${maxBytes} bytes`, { connection: 'close' });
  const declared = declaredLength(request);
  if (Number.isNaN(declared)) throw new HttpError(400, 'the Content-Length header is malformed');
  if (declared !== undefined && declared > maxBytes) {
    discardRest(request);
    throw tooLarge();
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        request.off('data', onData);
        discardRest(request);
        chunks.length = 0;
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.on('end', () => {
      if (size <= maxBytes) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    // The client went away mid-body: nobody is left to answer, and it is no fault of the app.
    request.on('error', () => reject(new HttpError(400, 'the request body was cut off')));
  });
}

/**
 * The request body as pieces for the core, read no faster than it takes them (a paused request
 * holds the client back); once the core wants no more, the rest is dropped.
 */
function requestPieces(request: IncomingMessage): PieceQueue {
  const pieces: PieceQueue = new PieceQueue({
    taken: () => {
      if (pieces.queuedBytes < MAX_QUEUED_UPLOAD_BYTES / 2) request.resume();
    },
    stopped: () => discardRest(request),
  });
  request.on('data', (chunk: Buffer) => {
    if (!pieces.wanted) return;
    pieces.push(chunk);
    if (pieces.queuedBytes >= MAX_QUEUED_UPLOAD_BYTES) request.pause();
  });
  request.on('end', () => pieces.end());
  // The client went away mid-body.
  request.on('close', () => {
    if (!request.complete) pieces.fail(new Error('the request body was cut off'));
  });
  return pieces;
}

/** Reads and drops the rest of a refused upload, so that the client gets to read the answer. */
function discardRest(request: IncomingMessage): void {
  let discarded = 0;
  request.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > MAX_DISCARDED_BYTES) request.destroy();
  });
  request.resume();
}

/** JSON.stringify recurses: an answer nesting too deeply is sent with the deep parts cut. */
function jsonText(body: unknown): string {
  try {
    return JSON.stringify(body);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return JSON.stringify(limitNestingIn(body));
  }
}

/**
 * A command's answer: one with typed arrays (an outline) as a typed-array frame to a client that
 * accepts one (the page), else as JSON (an outline's span ids as a list of text).
 */
function sendAnswer(request: IncomingMessage, response: ServerResponse, result: unknown): void {
  if (!hasTypedArrayFields(result)) return sendJson(response, 200, result);
  if (!(request.headers.accept ?? '').includes(TYPED_ARRAY_FRAME_TYPE)) {
    const plain =
      'spanIdHalves' in result ? withSpanIdsAsText(result as unknown as OutlineSpanIds) : result;
    return sendJson(response, 200, withArraysAsLists(plain));
  }
  const frame = encodeTypedArrayFrame(result);
  response.writeHead(200, {
    'content-type': TYPED_ARRAY_FRAME_TYPE,
    'content-length': frame.length,
    'cache-control': 'no-store',
  });
  response.end(frame);
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const text = jsonText(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...headers,
  });
  response.end(text);
}

/** HttpErrors answer with their status; anything else is the app's own fault, a 500. */
function sendError(request: IncomingMessage, response: ServerResponse, error: unknown): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  if (error instanceof HttpError) {
    sendJson(response, error.status, { error: error.message, ...error.extra }, error.headers);
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  console.error(`Spanlight web host: ${request.method} ${request.url?.split('?')[0]}: ${message}`);
  sendJson(response, 500, { error: message });
}
