// The web host: the same UI and contract as the desktop app, over HTTP on 127.0.0.1 only.
//   POST /api/<command>  JSON request in, JSON response out
//   GET  /api/events     server-sent events, one `event:` per contract event
//   GET  /*              the built renderer
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  isCommandName,
  traceFileNameHeader,
  type CommandName,
  type SpanlightEvent,
} from '../../app/contract';
import { InvalidRequestError, validateRequest } from '../../app/contract-validation';
import type { CoreConnection } from '../../app/spanlight-core';
import { CONTENT_SECURITY_POLICY } from '../content-security-policy';

const MAX_BODY_BYTES = 1024 * 1024;
/** importTraceText carries a whole trace file (JSON-escaped); V8 strings stop at 512 MB. */
const MAX_BODY_BYTES_BY_COMMAND: Partial<Record<CommandName, number>> = {
  importTraceText: 320 * 1024 * 1024,
};
const KEEP_ALIVE_MS = 15_000;

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

export interface WebServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export interface WebServerOptions {
  readonly core: CoreConnection;
  /** The built renderer (dist/renderer). */
  readonly staticDir: string;
  readonly port: number;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function startWebServer({
  core,
  staticDir,
  port,
}: WebServerOptions): Promise<WebServer> {
  const eventStreams = new Set<ServerResponse>();
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      const message = error instanceof Error ? error.message : String(error);
      if (!response.headersSent) sendJson(response, status, { error: message });
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    checkHost(request, actualPort());
    const { pathname } = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (pathname === '/api/events') return openEventStream(request, response);
    if (pathname.startsWith('/api/')) return handleCommand(request, response, pathname.slice(5));
    return serveStatic(request, response, pathname);
  }

  async function handleCommand(
    request: IncomingMessage,
    response: ServerResponse,
    name: string,
  ): Promise<void> {
    if (!isCommandName(name)) throw new HttpError(404, `unknown command "${name}"`);
    if (request.method !== 'POST') throw new HttpError(405, `${name} takes POST`);
    checkOrigin(request, actualPort());
    const body = await readBody(request, MAX_BODY_BYTES_BY_COMMAND[name] ?? MAX_BODY_BYTES);
    let input: unknown;
    if (name === 'importTraceText' && isPlainText(request)) {
      input = { fileName: traceFileNameOf(request), text: body };
    } else {
      try {
        input = body.length === 0 ? {} : JSON.parse(body);
      } catch (error) {
        throw new HttpError(400, `the request body is not valid JSON: ${(error as Error).message}`);
      }
    }
    let result: unknown;
    try {
      const validated = validateRequest(name, input);
      // The contract's command types are correlated by name; TypeScript can't follow that through a union.
      result = await (core.commands[name] as (request: unknown) => Promise<unknown>)(validated);
    } catch (error) {
      if (error instanceof InvalidRequestError) throw new HttpError(400, error.message);
      throw error;
    }
    sendJson(response, 200, result ?? null);
  }

  function openEventStream(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    response.write(': connected\n\n');
    const send = (event: SpanlightEvent) => {
      response.write(`event: ${event.name}\ndata: ${JSON.stringify(event.payload)}\n\n`);
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
      throw new HttpError(405, 'method not allowed');
    const relative =
      pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
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
  return {
    url: `http://127.0.0.1:${listeningPort}`,
    port: listeningPort,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of eventStreams) stream.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
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

function readBody(request: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(new HttpError(413, `request body larger than ${maxBytes} bytes`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  response.end(text);
}
