import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_OTLP_GRPC_PORT, DEFAULT_OTLP_HTTP_PORT } from '../../app/model/settings';
import { normalizeSourceUrl, sourceUrlProblem } from '../../app/model/sources';
import type { ReceiverOverrides } from '../../app/receiver/receiver-service';

export interface WebHostArgs {
  readonly port: number;
  /** As an absolute path. */
  readonly dataDir: string | undefined;
  /** Keep traces in memory only (true), instead of the data directory's database. */
  readonly inMemory: boolean | undefined;
  /** Trace files to open at start, as absolute paths. */
  readonly openFiles: readonly string[];
  /** The API token from --token; absent means a random one for this launch. */
  readonly token: string | undefined;
  /**
   * Where the OTLP receivers listen, over the saved settings. Without any --otlp flag both are
   * off: the web host serves scripts, containers and tests, which must not take 4317/4318 unasked.
   */
  readonly receivers: ReceiverOverrides;
  /** Jaeger query services to browse for this run (--jaeger-url, repeatable), not saved. */
  readonly jaegerUrls: readonly string[];
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export const WEB_HOST_USAGE =
  'usage: npm run web -- [--port N] [--data-dir DIR] [--in-memory] [--token TOKEN] [--open FILE…] [--otlp] [--otlp-grpc-port N] [--otlp-http-port N] [--otlp-host ADDR] [--jaeger-url URL…]';

/** A token goes into the printed URL as it is, and must be hard to guess. */
const TOKEN_PATTERN = /^[A-Za-z0-9._~-]{16,256}$/;

function portOf(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const port = Number(text);
  if (text.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`${flag} must be a whole number from 0 to 65535, got "${text}"`);
  return port;
}

/**
 * `cwd` resolves every relative path (--data-dir and --open alike): npm runs scripts in the package
 * folder, so the web host passes the folder the user ran npm in (see main/start-directory.ts).
 */
export function parseWebHostArgs(argv: readonly string[], cwd = process.cwd()): WebHostArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string', default: '0' },
        'data-dir': { type: 'string' },
        'in-memory': { type: 'boolean' },
        open: { type: 'string', multiple: true },
        token: { type: 'string' },
        otlp: { type: 'boolean', default: false },
        'otlp-grpc-port': { type: 'string' },
        'otlp-http-port': { type: 'string' },
        'otlp-host': { type: 'string' },
        'jaeger-url': { type: 'string', multiple: true },
      },
      // `--open a.json b.json`: the files after the first one arrive as positionals.
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${WEB_HOST_USAGE}`);
  }
  const port = portOf('--port', parsed.values.port)!;
  const openFiles = [...(parsed.values.open ?? []), ...parsed.positionals].map((file) =>
    path.resolve(cwd, file),
  );
  const dataDir = parsed.values['data-dir'];
  const { token } = parsed.values;
  if (token !== undefined && !TOKEN_PATTERN.test(token))
    throw new UsageError(
      '--token must be 16 to 256 characters of A–Z, a–z, 0–9 and . _ ~ - (e.g. from `openssl rand -hex 32`)',
    );
  const { otlp } = parsed.values;
  const grpcPort = portOf('--otlp-grpc-port', parsed.values['otlp-grpc-port']);
  const httpPort = portOf('--otlp-http-port', parsed.values['otlp-http-port']);
  const host = parsed.values['otlp-host']?.trim();
  if (host === '') throw new UsageError('--otlp-host must be an address, e.g. 0.0.0.0');
  const transport = (given: number | undefined, defaultPort: number) =>
    given !== undefined
      ? { enabled: true, port: given }
      : otlp
        ? { enabled: true, port: defaultPort }
        : { enabled: false };
  const jaegerUrls = (parsed.values['jaeger-url'] ?? []).map((url) => {
    const problem = sourceUrlProblem(url.trim());
    if (problem) throw new UsageError(`--jaeger-url: ${problem}`);
    return normalizeSourceUrl(url);
  });
  return {
    port,
    dataDir: dataDir ? path.resolve(cwd, dataDir) : undefined,
    inMemory: parsed.values['in-memory'],
    openFiles,
    token,
    receivers: {
      grpc: transport(grpcPort, DEFAULT_OTLP_GRPC_PORT),
      http: transport(httpPort, DEFAULT_OTLP_HTTP_PORT),
      ...(host !== undefined && { host }),
    },
    jaegerUrls,
  };
}
