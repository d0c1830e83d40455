import { parseArgs } from 'node:util';

export interface WebHostArgs {
  readonly port: number;
  readonly dataDir: string | undefined;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export const WEB_HOST_USAGE = 'usage: npm run web -- [--port N] [--data-dir DIR]';

export function parseWebHostArgs(argv: readonly string[]): WebHostArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string', default: '0' },
        'data-dir': { type: 'string' },
      },
      allowPositionals: false,
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
  return { port, dataDir: parsed.values['data-dir'] };
}
