// OTLP/HTTP: POST /v1/traces with a protobuf or JSON ExportTraceServiceRequest, optionally gzip or
// deflate compressed, answered in the request's content type. Transport only: size limits,
// decompression, CORS and statuses here; decoding and storing in the one ingest path.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGunzip, createInflate, type Gunzip, type Inflate } from 'node:zlib';
import {
  exportResponseJson,
  exportResponseProtobuf,
  statusJson,
  statusProtobuf,
  type ExportOutcome,
} from './export-response';
import type { OtlpEncoding, OtlpIngest } from './otlp-ingest';
import { asReceiverError, grpcCodeOf, httpStatusOf, ReceiverError } from './receiver-errors';

export const TRACES_PATH = '/v1/traces';
/** The largest message taken, after decompression. */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
/** After answering 413, read on (and discard) up to this much, so the client sees the answer. */
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;

const mediaTypes: Record<string, OtlpEncoding> = {
  'application/x-protobuf': 'protobuf',
  'application/protobuf': 'protobuf',
  'application/json': 'json',
};

export interface HttpReceiverOptions {
  readonly host: string;
  readonly port: number;
  readonly ingest: OtlpIngest;
  /** Browser origins allowed to send (read per request, so a settings change applies at once). */
  readonly corsOrigins: () => readonly string[];
  readonly maxMessageBytes?: number;
}

export interface RunningHttpReceiver {
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startHttpReceiver(
  options: HttpReceiverOptions,
): Promise<RunningHttpReceiver> {
  const maxBytes = options.maxMessageBytes ?? MAX_MESSAGE_BYTES;
  const server = createServer({ keepAliveTimeout: 30_000 }, (request, response) => {
    void handle(request, response);
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let encoding: OtlpEncoding | undefined;
    // The ingest path counts the requests it fails; the ones refused before it are counted here.
    let ingesting = false;
    try {
      const pathname = (request.url ?? '/').split('?')[0];
      if (pathname !== TRACES_PATH)
        throw new ReceiverError(
          'not-found',
          `no such path ${JSON.stringify(pathname)}: OTLP/HTTP traces go to POST ${TRACES_PATH}`,
        );
      const origin = request.headers.origin;
      if (origin !== undefined) {
        const asked = origin.toLowerCase();
        if (!options.corsOrigins().some((allowed) => allowed.toLowerCase() === asked))
          throw new ReceiverError(
            'forbidden-origin',
            `origin ${origin} may not send traces here; add it to the receiver's CORS origins in Spanlight`,
          );
        response.setHeader('access-control-allow-origin', origin);
        response.setHeader('vary', 'Origin');
      }
      if (request.method === 'OPTIONS') return answerPreflight(request, response);
      if (request.method !== 'POST') {
        response.setHeader('allow', 'POST, OPTIONS');
        throw new ReceiverError(
          'method-not-allowed',
          `${request.method} is not allowed on ${TRACES_PATH}; use POST`,
        );
      }
      const mediaType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      encoding = mediaTypes[mediaType];
      if (encoding === undefined)
        throw new ReceiverError(
          'unsupported-media-type',
          `content type ${JSON.stringify(mediaType || 'none')} is not supported: send application/x-protobuf or application/json`,
        );
      const body = await readBody(request, maxBytes);
      ingesting = true;
      const outcome = await options.ingest.ingest('http', encoding, body);
      answer(response, 200, encoding, outcome);
    } catch (error) {
      const failure = asReceiverError(error);
      if (!ingesting) options.ingest.fail('http', failure);
      answerError(request, response, encoding, failure);
    }
  }

  async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
    const contentEncoding = (request.headers['content-encoding'] ?? 'identity')
      .trim()
      .toLowerCase();
    let decompressor: Gunzip | Inflate | undefined;
    if (contentEncoding === 'gzip' || contentEncoding === 'x-gzip') decompressor = createGunzip();
    else if (contentEncoding === 'deflate') decompressor = createInflate();
    else if (contentEncoding !== 'identity' && contentEncoding !== '')
      throw new ReceiverError(
        'unsupported-media-type',
        `content encoding ${JSON.stringify(contentEncoding)} is not supported: send gzip, deflate or none`,
      );
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit)
      throw new ReceiverError(
        'too-large',
        `the body (${declared} bytes) is larger than the limit of ${limit} bytes`,
      );
    return new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let failed = false;
      const fail = (error: ReceiverError) => {
        if (failed) return;
        failed = true;
        decompressor?.destroy();
        request.unpipe();
        reject(error);
      };
      const onData = (chunk: Buffer) => {
        if (failed) return;
        size += chunk.length;
        if (size > limit) {
          fail(
            new ReceiverError(
              'too-large',
              decompressor
                ? `the body decompresses to more than the limit of ${limit} bytes`
                : `the body is larger than the limit of ${limit} bytes`,
            ),
          );
          return;
        }
        chunks.push(chunk);
      };
      const onEnd = () => {
        if (!failed) resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
      };
      request.on('error', () => fail(new ReceiverError('malformed', 'the request was cut off')));
      request.on('aborted', () => fail(new ReceiverError('malformed', 'the request was cut off')));
      if (decompressor) {
        let compressed = 0;
        request.on('data', (chunk: Buffer) => {
          compressed += chunk.length;
          if (compressed > limit)
            fail(
              new ReceiverError('too-large', `the body is larger than the limit of ${limit} bytes`),
            );
        });
        decompressor.on('data', onData);
        decompressor.on('end', onEnd);
        decompressor.on('error', (error) =>
          fail(
            new ReceiverError(
              'malformed',
              `the body is not valid ${contentEncoding} data: ${error.message}`,
            ),
          ),
        );
        request.pipe(decompressor);
      } else {
        request.on('data', onData);
        request.on('end', onEnd);
      }
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return { host: options.host, port, close: () => closeServer(server) };
}

function answerPreflight(request: IncomingMessage, response: ServerResponse): void {
  response.setHeader('allow', 'POST, OPTIONS');
  if (request.headers.origin !== undefined) {
    response.setHeader('access-control-allow-methods', 'POST, OPTIONS');
    response.setHeader(
      'access-control-allow-headers',
      request.headers['access-control-request-headers'] ?? 'content-type, content-encoding',
    );
    response.setHeader('access-control-max-age', '86400');
  }
  response.writeHead(204).end();
}

function answer(
  response: ServerResponse,
  status: number,
  encoding: OtlpEncoding,
  outcome: ExportOutcome,
): void {
  const body =
    encoding === 'protobuf' ? exportResponseProtobuf(outcome) : exportResponseJson(outcome);
  response.writeHead(status, {
    'content-type': encoding === 'protobuf' ? 'application/x-protobuf' : 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}

function answerError(
  request: IncomingMessage,
  response: ServerResponse,
  encoding: OtlpEncoding | undefined,
  error: ReceiverError,
): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const status = httpStatusOf(error);
  const code = grpcCodeOf(error);
  const body =
    encoding === 'protobuf' ? statusProtobuf(code, error.message) : statusJson(code, error.message);
  const unread = hasUnreadBody(request);
  response.writeHead(status, {
    'content-type': encoding === 'protobuf' ? 'application/x-protobuf' : 'application/json',
    'content-length': Buffer.byteLength(body),
    ...(status === 503 && { 'retry-after': '5' }),
    // A body we stopped reading can't be followed by another request on this connection.
    ...(unread && { connection: 'close' }),
  });
  response.end(body);
  if (unread) drain(request);
}

function hasUnreadBody(request: IncomingMessage): boolean {
  if (request.complete) return false;
  const length = request.headers['content-length'];
  return (
    (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined
  );
}

/** Reads and discards the rest of a refused body (bounded), so the client gets to read the answer. */
function drain(request: IncomingMessage): void {
  let drained = 0;
  request.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_LIMIT_BYTES) request.destroy();
  });
  request.resume();
  const timer = setTimeout(() => request.destroy(), 10_000);
  timer.unref();
  request.once('close', () => clearTimeout(timer));
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    // Requests still in flight get their answer (the ingest path refuses new ones while closing).
    const timer = setTimeout(() => server.closeAllConnections(), 3_000);
    timer.unref();
  });
}
