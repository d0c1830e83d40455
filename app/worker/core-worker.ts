// The entry point of the core's worker thread: builds the core and answers the host's messages, so
// a big import or a burst of received spans never blocks the thread that draws windows or answers
// HTTP. The host side is start-core-worker.ts.
import { parentPort, workerData } from 'node:worker_threads';
import type { CommandName } from '../contract';
import { limitNestingIn } from '../model/any-value-depth';
import { createSpanlightCore, type SpanlightCore } from '../spanlight-core';
import type { CoreWorkerOptions, HostToWorker, WorkerToHost } from './core-worker-protocol';
import { deserializeError, serializeError } from './remote-errors';
import { PieceQueue } from '../trace-files/piece-queue';
import { fullCollection, GcAfterImports } from './gc-after-imports';

const port = parentPort;
if (!port) throw new Error('core-worker.ts runs only as a worker thread');
const send = (message: WorkerToHost) => port.postMessage(message);

// Calls the host makes possible (a save dialog): asked over the port, answered by a hostReply.
let nextHostCall = 0;
const hostCalls = new Map<
  number,
  { resolve: (value: unknown) => void; reject: (error: Error) => void }
>();
function callHost(name: 'chooseSavePath', args: readonly unknown[]): Promise<unknown> {
  const id = ++nextHostCall;
  return new Promise((resolve, reject) => {
    hostCalls.set(id, { resolve, reject });
    send({ type: 'hostCall', id, name, args });
  });
}

async function start(options: CoreWorkerOptions): Promise<SpanlightCore> {
  const { mirrorTuning, hostChoosesSavePath, ...coreOptions } = options;
  return createSpanlightCore({
    ...coreOptions,
    ...(mirrorTuning && { mirrorOptions: { tuning: mirrorTuning } }),
    ...(hostChoosesSavePath && {
      chooseSavePath: async (suggested: string) =>
        (await callHost('chooseSavePath', [suggested])) as string | undefined,
    }),
  });
}

const starting = start(workerData as CoreWorkerOptions);
starting.then(
  (core) => {
    core.subscribe((event) => send({ type: 'event', event }));
    send({ type: 'ready' });
  },
  (error: unknown) => send({ type: 'startFailed', error: serializeError(error) }),
);

const collect = fullCollection();
const imports = collect ? new GcAfterImports(collect) : undefined;
const IMPORT_COMMANDS: ReadonlySet<CommandName> = new Set([
  'importTraceFile',
  'importTraceText',
  'openTraceFiles',
]);

/** Runs an import so that its garbage is collected once imports are over (gc-after-imports.ts). */
function asImport<T>(work: () => Promise<T>): Promise<T> {
  return imports ? imports.around(work) : work();
}

async function runCommand(
  core: SpanlightCore,
  name: CommandName,
  request: unknown,
): Promise<unknown> {
  // Correlated by name: TypeScript can't follow a command's request type through the union.
  const run = () => (core.commands[name] as (request: unknown) => Promise<unknown>)(request);
  return IMPORT_COMMANDS.has(name) ? asImport(run) : run();
}

/**
 * Structured cloning recurses like JSON.stringify: an answer nesting too deeply (an attribute value
 * 100,000 levels deep, say) goes with its deep parts cut instead of failing the worker.
 */
function sendResult(id: number, value: unknown): void {
  try {
    send({ type: 'result', id, value });
  } catch {
    try {
      send({ type: 'result', id, value: limitNestingIn(value) });
    } catch (error) {
      send({ type: 'failure', id, error: serializeError(error) });
    }
  }
}

/** Uploads being imported, by the id of their uploadStart. */
const uploads = new Map<number, PieceQueue>();

function startUpload(id: number, fileName: string, size: number): void {
  const pieces = new PieceQueue({
    taken: (bytes) => send({ type: 'uploadTaken', id, bytes }),
    stopped: () => send({ type: 'uploadStopped', id }),
  });
  uploads.set(id, pieces);
  void starting
    .then((core) => asImport(() => core.importUpload({ fileName, size, pieces })))
    .then(
      (value) => sendResult(id, value),
      (error: unknown) => send({ type: 'failure', id, error: serializeError(error) }),
    )
    .finally(() => uploads.delete(id));
}

port.on('message', (message: HostToWorker) => {
  switch (message.type) {
    case 'uploadStart':
      startUpload(message.id, message.fileName, message.size);
      return;
    case 'uploadPiece':
      uploads.get(message.id)?.push(message.bytes);
      return;
    case 'uploadEnd':
      uploads.get(message.id)?.end();
      return;
    case 'uploadFailed':
      uploads.get(message.id)?.fail(new Error(message.message));
      return;
    case 'command':
      void starting
        .then((core) => runCommand(core, message.name, message.request))
        .then(
          (value) => sendResult(message.id, value),
          (error: unknown) =>
            send({ type: 'failure', id: message.id, error: serializeError(error) }),
        );
      return;
    case 'hostReply': {
      const call = hostCalls.get(message.id);
      hostCalls.delete(message.id);
      if (!call) return;
      if (message.error) call.reject(deserializeError(message.error));
      else call.resolve(message.value);
      return;
    }
    case 'close':
      void starting
        .then((core) => core.close())
        .catch(() => undefined)
        .finally(() => {
          send({ type: 'closed' });
          port.close();
        });
      return;
  }
});
