import path from 'node:path';
import { parseArgs } from 'node:util';

export interface WebHostArgs {
  readonly port: number;
  readonly dataDir: string | undefined;
  /** Trace files to open at start, as absolute paths. */
  readonly openFiles: readonly string[];
  /** The API token from --token; absent means a random one for this launch. */
  readonly token: string | undefined;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export const WEB_HOST_USAGE =
  'usage: npm run web -- [--port N] [--data-dir DIR] [--token TOKEN] [--open FILE…]';

/** A token goes into the printed URL as it is, and must be hard to guess. */
const TOKEN_PATTERN = /^[A-Za-z0-9._~-]{16,256}$/;

/**
 * `cwd` resolves relative file paths: npm runs scripts in the package folder, so the web host
 * passes npm's INIT_CWD (the folder the user ran npm in) when there is one.
 */
export function parseWebHostArgs(argv: readonly string[], cwd = process.cwd()): WebHostArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string', default: '0' },
        'data-dir': { type: 'string' },
        open: { type: 'string', multiple: true },
        token: { type: 'string' },
      },
      // `--open a.json b.json`: the files after the first one arrive as positionals.
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${WEB_HOST_USAGE}`);
  }
  const port = Number(parsed.values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(
      `--port must be a whole number from 0 to 65535, got "${parsed.values.port}"`,
    );
  }
  const openFiles = [...(parsed.values.open ?? []), ...parsed.positionals].map((file) =>
    path.resolve(cwd, file),
  );
  const { token } = parsed.values;
  if (token !== undefined && !TOKEN_PATTERN.test(token))
    throw new UsageError(
      '--token must be 16 to 256 characters of A–Z, a–z, 0–9 and . _ ~ - (e.g. from `openssl rand -hex 32`)',
    );
  return { port, dataDir: parsed.values['data-dir'], openFiles, token };
}
