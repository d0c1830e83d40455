// An exporter failure in the words a user can act on: "connection refused at 127.0.0.1:4318",
// "HTTP 404 Not Found from http://…", "no answer from localhost:4318 within 10000 ms".

interface NetworkError extends Error {
  code?: string | number;
  address?: string;
  port?: number;
  hostname?: string;
  errors?: unknown[];
  data?: string;
}

function hostOf(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint;
  }
}

function addressOf(error: NetworkError, endpoint: string): string {
  if (error.address === undefined) return hostOf(endpoint);
  const address = error.address.includes(':') ? `[${error.address}]` : error.address;
  return error.port === undefined ? address : `${address}:${error.port}`;
}

function networkErrorText(error: NetworkError, endpoint: string): string | undefined {
  // Node tries every address of a name (autoSelectFamily) and reports them all in one AggregateError.
  const parts = Array.isArray(error.errors) ? (error.errors as NetworkError[]) : [error];
  const addresses = [...new Set(parts.map((part) => addressOf(part, endpoint)))].join(' and ');
  switch (error.code) {
    case 'ECONNREFUSED':
      return `connection refused at ${addresses}`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `host not found: ${error.hostname ?? hostOf(endpoint)}`;
    case 'ECONNRESET':
      return `connection reset by ${hostOf(endpoint)}`;
    case 'ETIMEDOUT':
      return `connection timed out to ${addresses}`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `no route to ${addresses}`;
    default:
      return undefined;
  }
}

export function describeExportError(
  error: unknown,
  endpoint: string,
  timeoutMillis: number,
): string {
  if (!(error instanceof Error)) return `export failed: ${String(error)}`;
  const failure = error as NetworkError;
  if (failure.name === 'OTLPExporterError' && typeof failure.code === 'number') {
    const body = failure.data?.trim().replace(/\s+/g, ' ').slice(0, 120);
    return `HTTP ${failure.code}${failure.message ? ` ${failure.message}` : ''} from ${endpoint}${body ? `: ${body}` : ''}`;
  }
  const network = networkErrorText(failure, endpoint);
  if (network) return network;
  if (failure.message === 'Request timed out') {
    return `no answer from ${hostOf(endpoint)} within ${timeoutMillis} ms`;
  }
  if (failure.message === 'Export failed with retryable status') {
    return `${endpoint} kept answering "try again later" (HTTP 429, 502, 503 or 504)`;
  }
  return failure.message || failure.name;
}
