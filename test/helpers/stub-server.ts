// A small HTTP(S) server on a free loopback port for the remote-source tests: a stand-in for what
// sits in front of a Jaeger (a proxy that wants a header, a server that never answers), or a proxy
// to a real one. Every request is recorded; close() also ends connections left hanging.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';

export interface StubServer {
  readonly url: string;
  readonly port: number;
  readonly requests: {
    readonly method: string;
    readonly url: string;
    readonly headers: IncomingMessage['headers'];
  }[];
  close(): Promise<void>;
}

export type StubHandler = (request: IncomingMessage, response: ServerResponse) => unknown;

const tlsDir = path.resolve(__dirname, '..', 'fixtures', 'tls');

export async function startStubServer(
  handler: StubHandler,
  options: { readonly tls?: boolean } = {},
): Promise<StubServer> {
  const requests: StubServer['requests'][number][] = [];
  const listener = (request: IncomingMessage, response: ServerResponse) => {
    requests.push({
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
    });
    Promise.resolve(handler(request, response)).catch((error: unknown) => {
      response.statusCode = 599;
      response.end(String(error));
    });
  };
  const server: Server = options.tls
    ? createHttpsServer(
        {
          key: readFileSync(path.join(tlsDir, 'self-signed.key')),
          cert: readFileSync(path.join(tlsDir, 'self-signed.crt')),
        },
        listener,
      )
    : createServer(listener);
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // The TLS handshake failing on the client's side is the point of the TLS tests.
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Sends the request on to `target` (a real Jaeger) and its answer back, as a reverse proxy does. */
export async function proxyTo(
  target: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const upstream = await fetch(`${target}${request.url ?? '/'}`, {
    headers: { accept: request.headers.accept ?? '*/*' },
  });
  const body = Buffer.from(await upstream.arrayBuffer());
  response.writeHead(upstream.status, {
    'content-type': upstream.headers.get('content-type') ?? 'application/octet-stream',
    'content-length': body.length,
  });
  response.end(body);
}

/** A port where nothing listens (it was free a moment ago). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
