// Entry point of `npm run web`: starts the core and serves the UI on 127.0.0.1.
import path from 'node:path';
import type { TraceFileResult } from '../../app/contract';
import { createSpanlightCore } from '../../app/spanlight-core';
import { defaultUserDataDir } from '../user-data-dir';
import { parseWebHostArgs, UsageError } from './web-host-args';
import { startWebServer } from './web-server';

async function main(): Promise<void> {
  const args = parseWebHostArgs(process.argv.slice(2), process.env.INIT_CWD ?? process.cwd());
  const dataDir = path.resolve(
    args.dataDir ?? process.env.SPANLIGHT_DATA_DIR ?? defaultUserDataDir(),
  );
  const core = await createSpanlightCore({ dataDir, inMemory: args.inMemory });
  if (args.openFiles.length > 0)
    reportOpenedFiles((await core.commands.openTraceFiles({ paths: args.openFiles })).files);
  const server = await startWebServer({
    core,
    staticDir: path.join(__dirname, '..', 'renderer'),
    port: args.port,
  });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`Spanlight stopping (${signal})`);
    await server.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // The line says "ready" to whoever started us, and they may stop us at once: until the handlers
  // above exist, a SIGTERM would kill the process without the clean stop.
  console.log(`Spanlight listening on ${server.url}`);
}

/** One line per file: what was opened, or why not (the web host keeps running either way). */
function reportOpenedFiles(files: readonly TraceFileResult[]): void {
  for (const file of files) {
    if ('error' in file) {
      console.error(`Could not open ${file.error}`);
      continue;
    }
    const traces = file.traceIds.length;
    console.log(
      `Opened ${file.fileName}: ${traces} trace${traces === 1 ? '' : 's'}, ${file.spanCount} span${file.spanCount === 1 ? '' : 's'}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(
    error instanceof UsageError
      ? error.message
      : `Spanlight could not start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(error instanceof UsageError ? 2 : 1);
});
