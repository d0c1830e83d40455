// One GET to a remote source with the limits a user needs: a timeout while nothing arrives,
// cancellation, a byte limit counted while the answer streams in (with progress), and transport
// failures (no connection, TLS) turned into SourceErrors that say what is wrong.
import { hostAndPort, SourceError } from './source-error';

export interface HttpProgress {
  readonly receivedBytes: number;
  /** From Content-Length, when the server sent one. */
  readonly totalBytes?: number;
}

export interface HttpGetOptions {
  readonly headers?: Readonly<Record<string, string>>;
  /** Milliseconds the source may stay silent: until the answer starts, and between its parts. */
  readonly timeoutMs: number;
  /** The answer is refused (and the download stopped) past this many bytes. */
  readonly maxBytes: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: HttpProgress) => void;
  /** Tests replace it; the app uses Node's fetch. */
  readonly fetch?: typeof fetch;
}

export interface HttpAnswer {
  readonly url: string;
  readonly status: number;
  readonly statusText: string;
  readonly contentType: string;
  readonly text: string;
}

const MIB = 1024 * 1024;

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  return bytes >= MIB ? `${(bytes / MIB).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

export async function httpGet(url: string, options: HttpGetOptions): Promise<HttpAnswer> {
  const target = new URL(url);
  const where = hostAndPort(target);
  const { timeoutMs, maxBytes, signal, onProgress } = options;
  const fetchImpl = options.fetch ?? fetch;
  const controller = new AbortController();
  let failure: SourceError | undefined;
  const fail = (error: SourceError): SourceError => {
    if (!failure) {
      failure = error;
      controller.abort(error);
    }
    return failure;
  };
  const tooLarge = (bytes: string) =>
    new SourceError(
      'too-large',
      `The answer of ${where} is larger than the limit of ${sizeText(maxBytes)} (${bytes}). Narrow the search (a shorter time range, a lower limit), or raise "sourceResponseLimitMiB" in the settings.`,
    );
  let received = 0;
  let answerStarted = false;
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(
      () =>
        fail(
          new SourceError(
            'timeout',
            received === 0 && !answerStarted
              ? `${where} did not answer within ${seconds(timeoutMs)} (${url}). It may be overloaded, or the query too broad: try a shorter time range, or raise "sourceTimeoutSeconds" in the settings.`
              : `${where} stopped sending its answer for ${seconds(timeoutMs)} (after ${sizeText(received)}). Try again, or raise "sourceTimeoutSeconds" in the settings.`,
          ),
        ),
      timeoutMs,
    );
  };
  const onAbort = () =>
    fail(new SourceError('cancelled', `The request to ${where} was cancelled.`));
  if (signal?.aborted) throw new SourceError('cancelled', `The request to ${where} was cancelled.`);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    arm();
    let response: Response;
    try {
      response = await fetchImpl(url, {
        headers: { accept: 'application/json', ...options.headers },
        signal: controller.signal,
      });
    } catch (error) {
      throw failure ?? transportError(target, error);
    }
    answerStarted = true;
    const declared = Number(response.headers.get('content-length') ?? NaN);
    const totalBytes = Number.isFinite(declared) && declared >= 0 ? declared : undefined;
    if (totalBytes !== undefined && totalBytes > maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw fail(tooLarge(`it announces ${sizeText(totalBytes)}`));
    }
    const chunks: Uint8Array[] = [];
    const reader = response.body?.getReader();
    onProgress?.({ receivedBytes: 0, ...(totalBytes !== undefined && { totalBytes }) });
    while (reader) {
      arm();
      let next: Awaited<ReturnType<typeof reader.read>>;
      try {
        next = await reader.read();
      } catch (error) {
        throw failure ?? transportError(target, error, true);
      }
      if (next.done) break;
      received += next.value.byteLength;
      if (received > maxBytes) {
        fail(tooLarge(`more than ${sizeText(maxBytes)} had arrived when Spanlight stopped it`));
        await reader.cancel().catch(() => undefined);
        throw failure;
      }
      chunks.push(next.value);
      onProgress?.({ receivedBytes: received, ...(totalBytes !== undefined && { totalBytes }) });
    }
    if (failure) throw failure;
    return {
      url,
      status: response.status,
      statusText: response.statusText,
      contentType: response.headers.get('content-type') ?? '',
      text: Buffer.concat(chunks).toString('utf8'),
    };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/** The first error code in an error's cause chain (fetch wraps the socket's error, sometimes in an AggregateError). */
function errorDetails(error: unknown): { code?: string; message: string; reason?: string } {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const { code, reason, message } = current as {
      code?: unknown;
      reason?: unknown;
      message?: unknown;
    };
    if (typeof code === 'string')
      return {
        code,
        message: typeof message === 'string' ? message : String(current),
        ...(typeof reason === 'string' && { reason }),
      };
    const inner = current as { cause?: unknown; errors?: unknown };
    current = inner.cause ?? (Array.isArray(inner.errors) ? inner.errors[0] : undefined);
  }
  return { message: error instanceof Error ? error.message : String(error) };
}

const untrustedHint =
  'If you trust it, start Spanlight with NODE_EXTRA_CA_CERTS set to the file of its certificate authority (PEM).';

const tlsMessages: Record<string, (where: string) => string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: (where) =>
    `The TLS certificate of ${where} is self-signed, and this machine does not trust it. ${untrustedHint}`,
  SELF_SIGNED_CERT_IN_CHAIN: (where) =>
    `The TLS certificate of ${where} was issued by a certificate authority this machine does not trust (a self-signed root, such as a company's own). ${untrustedHint}`,
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: (where) =>
    `The TLS certificate of ${where} was issued by an authority this machine does not know (or the server does not send its intermediate certificates). ${untrustedHint}`,
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: (where) =>
    `The TLS certificate of ${where} was issued by an authority this machine does not know. ${untrustedHint}`,
  UNABLE_TO_GET_ISSUER_CERT: (where) =>
    `The TLS certificate of ${where} was issued by an authority this machine does not know. ${untrustedHint}`,
  CERT_HAS_EXPIRED: (where) =>
    `The TLS certificate of ${where} has expired; the server needs a new one.`,
  CERT_NOT_YET_VALID: (where) =>
    `The TLS certificate of ${where} is not valid yet: check this machine's clock, or the certificate's start date.`,
  CERT_REVOKED: (where) => `The TLS certificate of ${where} has been revoked.`,
  CERT_UNTRUSTED: (where) => `The TLS certificate of ${where} is not trusted. ${untrustedHint}`,
  CERT_SIGNATURE_FAILURE: (where) =>
    `The TLS certificate of ${where} has a signature that does not verify.`,
};

/** A failed connection or TLS handshake, or a connection lost during the answer, in words. */
export function transportError(target: URL, error: unknown, duringAnswer = false): SourceError {
  const where = hostAndPort(target);
  const { code, message, reason } = errorDetails(error);
  if (code && tlsMessages[code]) return new SourceError('tls', tlsMessages[code](where));
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
    return new SourceError(
      'tls',
      `The TLS certificate of ${where} is for another host name than "${target.hostname}"${reason ? ` (${reason})` : ''}. Use the host name the certificate names.`,
    );
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || /wrong version number/i.test(message))
    return new SourceError(
      'tls',
      `${where} does not speak TLS on that port: if it serves plain HTTP, use http:// instead of https://.`,
    );
  if (code?.startsWith('ERR_SSL_') || code?.startsWith('ERR_TLS_') || code === 'EPROTO')
    return new SourceError('tls', `The TLS handshake with ${where} failed (${message}).`);
  switch (code) {
    case 'ECONNREFUSED':
      return new SourceError(
        'unreachable',
        `Cannot connect to ${where}: nothing is listening there (connection refused). Is Jaeger running, and is ${target.port || (target.protocol === 'https:' ? '443' : '80')} its query port (16686 unless changed)?`,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NODATA':
    case 'EAI_NONAME':
      return new SourceError(
        'unreachable',
        `Cannot find the host "${target.hostname}": the name does not resolve (${code}). Check the URL's host name, and the network or VPN.`,
      );
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return new SourceError(
        'unreachable',
        `Connecting to ${where} timed out: the host does not answer (a firewall, a VPN that is off, or the wrong address?).`,
      );
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EADDRNOTAVAIL':
      return new SourceError(
        'unreachable',
        `Cannot reach ${where} from this machine (${code === 'ENETUNREACH' ? 'network unreachable' : 'no route to host'}). Check the address and the network or VPN.`,
      );
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
      return new SourceError(
        'unreachable',
        duringAnswer
          ? `The connection to ${where} broke while its answer was arriving. Try again.`
          : `${where} closed the connection without answering${target.protocol === 'http:' ? ' (if it serves HTTPS, use https://)' : ''}.`,
      );
  }
  if (code?.startsWith('HPE_') || code === 'UND_ERR_INFO')
    return new SourceError(
      'not-jaeger',
      `${where} did not answer with HTTP${target.protocol === 'http:' ? ': if it serves HTTPS, use https://' : ''} (${message}).`,
    );
  return new SourceError(
    'unreachable',
    `The request to ${where} failed${duringAnswer ? ' while its answer was arriving' : ''}: ${message}${code ? ` (${code})` : ''}.`,
  );
}
