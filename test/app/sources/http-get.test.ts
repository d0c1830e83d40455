import { afterEach, describe, expect, it } from 'vitest';
import { httpGet, transportError, type HttpProgress } from '../../../app/sources/http-get';
import { SourceError } from '../../../app/sources/source-error';
import { closedPort, startStubServer, type StubServer } from '../../helpers/stub-server';

const limits = { timeoutMs: 5_000, maxBytes: 1024 * 1024 };

async function failureOf(promise: Promise<unknown>): Promise<SourceError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SourceError) return error;
    throw error;
  }
  throw new Error('expected a SourceError');
}

describe('httpGet', () => {
  let server: StubServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('answers the status, the content type and the text, sending the headers given', async () => {
    server = await startStubServer((request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ saw: request.headers.authorization }));
    });
    const answer = await httpGet(`${server.url}/api/v3/services`, {
      ...limits,
      headers: { authorization: 'Bearer abc' },
    });
    expect(answer).toMatchObject({ status: 200, contentType: 'application/json' });
    expect(JSON.parse(answer.text)).toEqual({ saw: 'Bearer abc' });
  });

  it('names the host and port where nothing listens', async () => {
    const port = await closedPort();
    const error = await failureOf(httpGet(`http://127.0.0.1:${port}/api/v3/services`, limits));
    expect(error.kind).toBe('unreachable');
    expect(error.message).toBe(
      `Cannot connect to 127.0.0.1:${port}: nothing is listening there (connection refused). Is Jaeger running, and is ${port} its query port (16686 unless changed)?`,
    );
  });

  it('says that a host name does not resolve', async () => {
    const error = await failureOf(
      httpGet('http://no-such-host.invalid:16686/api/v3/services', limits),
    );
    expect(error.kind).toBe('unreachable');
    expect(error.message).toMatch(
      /^Cannot find the host "no-such-host\.invalid": the name does not resolve \((ENOTFOUND|EAI_AGAIN)\)/,
    );
  });

  it('gives up on a server that never answers after the timeout, saying so', async () => {
    server = await startStubServer(() => undefined);
    const started = Date.now();
    const error = await failureOf(
      httpGet(`${server.url}/api/v3/services`, { ...limits, timeoutMs: 300 }),
    );
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(error.kind).toBe('timeout');
    expect(error.message).toBe(
      `127.0.0.1:${server.port} did not answer within 0.3 s (${server.url}/api/v3/services). It may be overloaded, or the query too broad: try a shorter time range, or raise "sourceTimeoutSeconds" in the settings.`,
    );
  });

  it('gives up on an answer that stops arriving, but not on one that keeps coming', async () => {
    server = await startStubServer((request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"a":');
      if (request.url === '/stalls') return;
      // Slower in all than the timeout, but never silent for long.
      let parts = 0;
      const timer = setInterval(() => {
        response.write(' ');
        if (++parts === 6) {
          clearInterval(timer);
          response.end('1}');
        }
      }, 100);
    });
    const stalled = await failureOf(httpGet(`${server.url}/stalls`, { ...limits, timeoutMs: 300 }));
    expect(stalled.kind).toBe('timeout');
    expect(stalled.message).toMatch(/stopped sending its answer for 0\.3 s \(after 5 bytes\)/);
    const slow = await httpGet(`${server.url}/trickles`, { ...limits, timeoutMs: 300 });
    expect(JSON.parse(slow.text)).toEqual({ a: 1 });
  });

  it('stops at once when cancelled, before or while the answer comes', async () => {
    server = await startStubServer(() => undefined);
    const controller = new AbortController();
    const pending = httpGet(`${server.url}/x`, { ...limits, signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const error = await failureOf(pending);
    expect(error.kind).toBe('cancelled');
    expect(error.message).toBe(`The request to 127.0.0.1:${server.port} was cancelled.`);
    const again = await failureOf(
      httpGet(`${server.url}/x`, { ...limits, signal: controller.signal }),
    );
    expect(again.kind).toBe('cancelled');
  });

  it('refuses an answer that announces more than the limit without reading it', async () => {
    server = await startStubServer((_request, response) => {
      response.writeHead(200, { 'content-length': String(3 * 1024 * 1024) });
      response.write('x'.repeat(1024));
    });
    const error = await failureOf(httpGet(`${server.url}/big`, limits));
    expect(error.kind).toBe('too-large');
    expect(error.message).toBe(
      `The answer of 127.0.0.1:${server.port} is larger than the limit of 1.0 MiB (it announces 3.0 MiB). Narrow the search (a shorter time range, a lower limit), or raise "sourceResponseLimitMiB" in the settings.`,
    );
  });

  it('stops a streamed answer as soon as it passes the limit, reporting progress until then', async () => {
    let written = 0;
    server = await startStubServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      // No Content-Length: chunked, 64 KiB at a time, far more than the limit.
      const chunk = 'x'.repeat(64 * 1024);
      const write = () => {
        while (written < 64 * 1024 * 1024 && response.write(chunk)) written += chunk.length;
        if (written < 64 * 1024 * 1024) response.once('drain', write);
      };
      write();
    });
    const progress: HttpProgress[] = [];
    const error = await failureOf(
      httpGet(`${server.url}/stream`, {
        ...limits,
        maxBytes: 256 * 1024,
        onProgress: (p) => progress.push(p),
      }),
    );
    expect(error.kind).toBe('too-large');
    expect(error.message).toContain('is larger than the limit of 256 KiB');
    expect(progress[0]).toEqual({ receivedBytes: 0 });
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)!.receivedBytes).toBeLessThanOrEqual(256 * 1024);
    expect(written).toBeLessThan(64 * 1024 * 1024);
  });

  it('reports progress with the announced total', async () => {
    const body = JSON.stringify({ data: 'y'.repeat(200_000) });
    server = await startStubServer((_request, response) => {
      response.writeHead(200, { 'content-length': String(Buffer.byteLength(body)) });
      response.end(body);
    });
    const progress: HttpProgress[] = [];
    await httpGet(`${server.url}/x`, { ...limits, onProgress: (p) => progress.push(p) });
    expect(progress.at(-1)).toEqual({
      receivedBytes: Buffer.byteLength(body),
      totalBytes: Buffer.byteLength(body),
    });
  });

  it('says a certificate is self-signed and not trusted, and how to trust it', async () => {
    server = await startStubServer((_request, response) => response.end('{}'), { tls: true });
    const error = await failureOf(httpGet(`${server.url}/api/v3/services`, limits));
    expect(error.kind).toBe('tls');
    expect(error.message).toBe(
      `The TLS certificate of 127.0.0.1:${server.port} is self-signed, and this machine does not trust it. If you trust it, start Spanlight with NODE_EXTRA_CA_CERTS set to the file of its certificate authority (PEM).`,
    );
  });

  it('says when https:// meets a server that speaks plain HTTP', async () => {
    server = await startStubServer((_request, response) => response.end('{}'));
    const error = await failureOf(
      httpGet(`https://127.0.0.1:${server.port}/api/v3/services`, limits),
    );
    expect(error.kind).toBe('tls');
    expect(error.message).toBe(
      `127.0.0.1:${server.port} does not speak TLS on that port: if it serves plain HTTP, use http:// instead of https://.`,
    );
  });

  it('says when http:// meets a server that speaks TLS', async () => {
    server = await startStubServer((_request, response) => response.end('{}'), { tls: true });
    const error = await failureOf(
      httpGet(`http://127.0.0.1:${server.port}/api/v3/services`, limits),
    );
    expect(error.message).toContain('(if it serves HTTPS, use https://)');
  });
});

describe('transportError', () => {
  const target = new URL('https://jaeger.example.com/jaeger');
  // fetch's own shape: TypeError("fetch failed") with the socket's error as its cause.
  const failed = (code: string, extra: Record<string, unknown> = {}) =>
    new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code, ...extra }) });

  it.each([
    [
      'CERT_HAS_EXPIRED',
      'The TLS certificate of jaeger.example.com:443 has expired; the server needs a new one.',
    ],
    [
      'CERT_NOT_YET_VALID',
      "The TLS certificate of jaeger.example.com:443 is not valid yet: check this machine's clock, or the certificate's start date.",
    ],
    [
      'SELF_SIGNED_CERT_IN_CHAIN',
      'was issued by a certificate authority this machine does not trust',
    ],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'was issued by an authority this machine does not know'],
  ])('words TLS failure %s', (code, expected) => {
    const error = transportError(target, failed(code));
    expect(error.kind).toBe('tls');
    expect(error.message).toContain(expected);
  });

  it('names the host names a certificate is for when it is not this one', () => {
    const error = transportError(
      target,
      failed('ERR_TLS_CERT_ALTNAME_INVALID', {
        reason: "Host: jaeger.example.com. is not in the cert's altnames: DNS:other.example.com",
      }),
    );
    expect(error).toMatchObject({
      kind: 'tls',
      message:
        'The TLS certificate of jaeger.example.com:443 is for another host name than "jaeger.example.com" (Host: jaeger.example.com. is not in the cert\'s altnames: DNS:other.example.com). Use the host name the certificate names.',
    });
  });

  it('finds the code inside an AggregateError (every address of a name refused)', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED ::1:16686'), {
      code: 'ECONNREFUSED',
    });
    const error = transportError(
      new URL('http://localhost:16686'),
      new TypeError('fetch failed', { cause: new AggregateError([refused], 'all failed') }),
    );
    expect(error.kind).toBe('unreachable');
    expect(error.message).toContain(
      'Cannot connect to localhost:16686: nothing is listening there',
    );
  });

  it('words a lost connection and a missing route', () => {
    expect(transportError(target, failed('ECONNRESET'), true).message).toBe(
      'The connection to jaeger.example.com:443 broke while its answer was arriving. Try again.',
    );
    expect(transportError(target, failed('EHOSTUNREACH')).message).toBe(
      'Cannot reach jaeger.example.com:443 from this machine (no route to host). Check the address and the network or VPN.',
    );
  });
});
