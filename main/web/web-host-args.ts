import path from 'node:path';
import { parseArgs } from 'node:util';

export interface WebHostArgs {
  readonly port: number;
  /** As an absolute path. */
  readonly dataDir: string | undefined;
  /** Trace files to open at start, as absolute paths. */
  readonly openFiles: readonly string[];
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export const WEB_HOST_USAGE = 'usage: npm run web -- [--port N] [--data-dir DIR] [--open FILE…]';

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
        open: { type: 'string', multiple: true },
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
  const dataDir = parsed.values['data-dir'];
  return { port, dataDir: dataDir ? path.resolve(cwd, dataDir) : undefined, openFiles };
}
