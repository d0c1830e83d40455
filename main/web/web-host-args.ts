import path from 'node:path';
import { parseArgs } from 'node:util';

export interface WebHostArgs {
  readonly port: number;
  readonly dataDir: string | undefined;
  /** Keep traces in memory only (true), instead of the data directory's database. */
  readonly inMemory: boolean | undefined;
  /** Trace files to open at start, as absolute paths. */
  readonly openFiles: readonly string[];
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export const WEB_HOST_USAGE =
  'usage: npm run web -- [--port N] [--data-dir DIR] [--in-memory] [--open FILE…]';

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
        'in-memory': { type: 'boolean' },
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
  return {
    port,
    dataDir: parsed.values['data-dir'],
    inMemory: parsed.values['in-memory'],
    openFiles,
  };
}
