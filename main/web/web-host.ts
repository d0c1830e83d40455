// Entry point of `npm run web`: starts the core and serves the UI on 127.0.0.1.
// First of all, on Linux: the host's process starts again with its malloc settings.
import './start-with-malloc-tunables';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { ReceiverStatus, TraceFileResult, TraceImportProgress } from '../../app/contract';
import { receiverTransports } from '../../app/model/receiver';
import { importProgressText, openedFileCounts } from '../../app/model/trace-files';
import { transportLabels } from '../../app/receiver/otlp-receivers';
import { startCoreWorker } from '../../app/worker/start-core-worker';
import { resolveFromStart, startDirectory } from '../start-directory';
import { defaultUserDataDir } from '../user-data-dir';
import { parseWebHostArgs, UsageError } from './web-host-args';
import { startWebServer } from './web-server';

async function main(): Promise<void> {
  // Every path option, and SPANLIGHT_DATA_DIR, is resolved from where the command was started.
  const start = startDirectory();
  const args = parseWebHostArgs(process.argv.slice(2), start);
  const dataDir =
    args.dataDir ?? resolveFromStart(process.env.SPANLIGHT_DATA_DIR, start) ?? defaultUserDataDir();
  // The core runs in a worker thread: a big import never holds up the HTTP answers.
  const core = await startCoreWorker({
    dataDir,
    inMemory: args.inMemory,
    workerScript: path.join(__dirname, 'core-worker.js'),
    parseWorkerScript: path.join(__dirname, 'parse-worker.js'),
    receivers: args.receivers,
    sources: args.jaegerUrls.map((baseUrl) => ({ baseUrl })),
    onUnexpectedExit: (error) => {
      console.error(`Spanlight: ${error.message}`);
      process.exit(1);
    },
  });
  const server = await startWebServer({
    core,
    staticDir: path.join(__dirname, '..', 'renderer'),
    port: args.port,
    // A new token every launch, unless a script chose one.
    token: args.token ?? randomBytes(32).toString('base64url'),
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
  const reportReceivers = receiverReporter();
  const reportImport = importReporter();
  core.subscribe((event) => {
    if (event.name === 'receiverStatusChanged') reportReceivers(event.payload);
    if (event.name === 'traceImportProgress') reportImport(event.payload);
  });
  reportReceivers(await core.commands.getReceiverStatus({}));
  // The line says "ready" to whoever started us, and they may stop us at once: until the handlers
  // above exist, a SIGTERM would kill the process without the clean stop.
  console.log(`Spanlight listening on ${server.pageUrl}`);
  // After listening: a big file takes seconds, and the page shows its trace once it is stored.
  if (args.openFiles.length > 0)
    reportOpenedFiles((await core.commands.openTraceFiles({ paths: args.openFiles })).files);
}

/** One line each time a receiver starts listening somewhere, or fails to (then on stderr). */
function receiverReporter(): (status: ReceiverStatus) => void {
  const reported: Record<string, string | undefined> = {};
  return (status) => {
    for (const transport of receiverTransports) {
      const { state, address, error } = status[transport];
      const line =
        state === 'listening'
          ? `${transportLabels[transport]} receiver listening on ${address}`
          : state === 'failed'
            ? `${error}`
            : undefined;
      if (line === undefined || reported[transport] === line) {
        if (state === 'off') reported[transport] = undefined;
        continue;
      }
      reported[transport] = line;
      if (state === 'failed') console.error(line);
      else console.log(line);
    }
  };
}

/** A line a second for each import that takes a while ("Importing x.json: 45% (…)"). */
function importReporter(): (progress: TraceImportProgress) => void {
  const lastLine = new Map<string, number>();
  return (progress) => {
    if (progress.done) {
      lastLine.delete(progress.importId);
      return;
    }
    const last = lastLine.get(progress.importId);
    if (last !== undefined && progress.elapsedMs - last < 1000) return;
    lastLine.set(progress.importId, progress.elapsedMs);
    console.log(`Importing ${progress.fileName}: ${importProgressText(progress)}`);
  };
}

/** One line per file: what was opened, or why not (the web host keeps running either way). */
function reportOpenedFiles(files: readonly TraceFileResult[]): void {
  for (const file of files) {
    if ('error' in file) {
      console.error(`Could not open ${file.error}`);
      continue;
    }
    console.log(`Opened ${file.fileName}: ${openedFileCounts(file)}`);
    for (const warning of file.warnings) console.warn(`Warning: ${file.fileName}: ${warning}`);
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
