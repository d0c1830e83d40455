// The host side of the core's worker thread: starts it, and offers the same commands, events and
// close() as an in-process core, so a host never knows where the core runs.
import { Worker, type ResourceLimits } from 'node:worker_threads';
import {
  commandNames,
  type CommandName,
  type EventListener,
  type SpanlightCommands,
} from '../contract';
import type { TraceFileResult } from '../model/trace-files';
import type { CoreConnection, TraceFileUpload } from '../spanlight-core';
import type { ChooseSavePath } from '../trace-files/save-trace-to-file';
import type { CoreWorkerOptions, HostToWorker, WorkerToHost } from './core-worker-protocol';
import { fullCollection, GcAfterImports } from './gc-after-imports';
import { deserializeError, serializeError } from './remote-errors';

export interface StartCoreWorkerOptions extends Omit<CoreWorkerOptions, 'hostChoosesSavePath'> {
  /** The built worker entry point (dist/main/core-worker.js beside the host's own script). */
  readonly workerScript: string;
  /** The desktop host's save dialog, for saveTraceToFile. */
  readonly chooseSavePath?: ChooseSavePath;
  /** Heap limits of the worker thread (Node's defaults when absent). */
  readonly resourceLimits?: ResourceLimits;
  /** The worker stopped without being asked to (an uncaught error in the core, out of memory). */
  readonly onUnexpectedExit?: (error: Error) => void;
}

/** How many bytes of an upload may be on their way to the worker, not yet taken by its import. */
const MAX_UPLOAD_BYTES_IN_FLIGHT = 8 << 20;

/**
 * Upload bytes go to the worker gathered into pieces of up to this size. The host's request chunks
 * (64 KB) each copied on their own filled its malloc arena with blocks that stayed resident once
 * freed (60 MB for 6 MB in use after a 67 MB upload); pieces this big are far fewer blocks, which
 * glibc maps on their own (until its mmap threshold has risen past them) and unmaps when freed.
 */
const UPLOAD_PIECE_BYTES = 1 << 20;

/** How long close() waits for the core to close itself before stopping the thread. */
const CLOSE_DEADLINE_MS = 10_000;

export async function startCoreWorker(options: StartCoreWorkerOptions): Promise<CoreConnection> {
  const { workerScript, chooseSavePath, onUnexpectedExit, resourceLimits, ...coreOptions } =
    options;
  const workerData: CoreWorkerOptions = { ...coreOptions, hostChoosesSavePath: !!chooseSavePath };
  const worker = new Worker(workerScript, {
    workerData,
    ...(resourceLimits && { resourceLimits }),
  });
  const pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();
  const listeners = new Set<EventListener>();
  /** Uploads on their way: told when the worker took a piece, or wants no more. */
  const uploads = new Map<number, { taken(bytes: number): void; stopped(): void }>();
  let nextId = 0;
  let stopped: Error | undefined;
  let closing = false;
  let onClosed: (() => void) | undefined;
  const post = (message: HostToWorker) => worker.postMessage(message);

  const ready = new Promise<void>((resolve, reject) => {
    const stop = (error: Error) => {
      if (stopped) return;
      stopped = error;
      reject(error);
      for (const call of pending.values()) call.reject(error);
      pending.clear();
      if (!closing) onUnexpectedExit?.(error);
      onClosed?.();
    };
    worker.on('error', (error) => stop(new Error(`the Spanlight core stopped: ${error.message}`)));
    worker.on('exit', (code) =>
      stop(
        new Error(
          `the Spanlight core stopped${closing ? '' : ` unexpectedly (exit code ${code})`}`,
        ),
      ),
    );
    worker.on('message', (message: WorkerToHost) => {
      switch (message.type) {
        case 'ready':
          resolve();
          return;
        case 'startFailed':
          closing = true;
          reject(deserializeError(message.error));
          void worker.terminate();
          return;
        case 'result':
        case 'failure': {
          const call = pending.get(message.id);
          pending.delete(message.id);
          if (message.type === 'result') call?.resolve(message.value);
          else call?.reject(deserializeError(message.error));
          return;
        }
        case 'event':
          for (const listener of listeners) listener(message.event);
          return;
        case 'uploadTaken':
          uploads.get(message.id)?.taken(message.bytes);
          return;
        case 'uploadStopped':
          uploads.get(message.id)?.stopped();
          return;
        case 'hostCall':
          void answerHostCall(message.id, message.args);
          return;
        case 'closed':
          onClosed?.();
          return;
      }
    });
  });

  async function answerHostCall(id: number, args: readonly unknown[]): Promise<void> {
    try {
      if (!chooseSavePath) throw new Error('this host has no save dialog');
      post({ type: 'hostReply', id, value: await chooseSavePath(args[0] as string) });
    } catch (error) {
      post({ type: 'hostReply', id, error: serializeError(error) });
    }
  }

  function call(name: CommandName, request: unknown): Promise<unknown> {
    if (stopped) return Promise.reject(stopped);
    const id = ++nextId;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      post({ type: 'command', id, name, request });
    });
  }

  /** Sends the upload's pieces as the worker takes them, until the end or until it wants no more. */
  async function importUpload({
    fileName,
    size,
    pieces,
  }: TraceFileUpload): Promise<TraceFileResult> {
    if (stopped) throw stopped;
    const id = ++nextId;
    let inFlight = 0;
    let done = false;
    let wake: (() => void) | undefined;
    const wakeSender = () => {
      const resolve = wake;
      wake = undefined;
      resolve?.();
    };
    uploads.set(id, {
      taken(bytes) {
        inFlight -= bytes;
        wakeSender();
      },
      stopped() {
        done = true;
        wakeSender();
      },
    });
    const result = new Promise<unknown>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      post({ type: 'uploadStart', id, fileName, size });
    }).finally(() => {
      done = true;
      uploads.delete(id);
      wakeSender();
    });
    // Awaited below, once the pieces are sent; a worker that stops before must not go unhandled.
    result.catch(() => undefined);
    let gathered: Uint8Array<ArrayBuffer> | undefined;
    let filled = 0;
    let sent = 0;
    /** Hands the gathered bytes to the worker (theirs alone: transferred, not copied). */
    const sendGathered = () => {
      if (!gathered || filled === 0) return;
      const bytes: Uint8Array<ArrayBuffer> =
        filled === gathered.byteLength ? gathered : gathered.slice(0, filled);
      gathered = undefined;
      sent += filled;
      inFlight += filled;
      filled = 0;
      worker.postMessage({ type: 'uploadPiece', id, bytes } satisfies HostToWorker, [bytes.buffer]);
    };
    try {
      for await (const piece of pieces) {
        for (let at = 0; at < piece.byteLength && !done;) {
          // Sized to what is still to come when that is less: a small upload takes little.
          gathered ??= new Uint8Array(Math.min(UPLOAD_PIECE_BYTES, Math.max(size - sent, 1)));
          const taken = Math.min(piece.byteLength - at, gathered.byteLength - filled);
          gathered.set(piece.subarray(at, at + taken), filled);
          filled += taken;
          at += taken;
          if (filled === gathered.byteLength) sendGathered();
          while (inFlight > MAX_UPLOAD_BYTES_IN_FLIGHT && !done)
            await new Promise<void>((resolve) => (wake = resolve));
        }
        if (done) break;
      }
      if (!done) {
        sendGathered();
        post({ type: 'uploadEnd', id });
      }
    } catch (error) {
      if (!done) post({ type: 'uploadFailed', id, message: (error as Error).message });
    }
    return (await result) as TraceFileResult;
  }

  // The request chunks of an upload are garbage on this thread as soon as they are copied, but
  // they take little of V8's heap: nothing makes V8 collect them until some 64 MB have piled up.
  const hostCollect = fullCollection();
  const hostImports = hostCollect && new GcAfterImports(hostCollect);

  await ready;
  const commands = Object.fromEntries(
    commandNames.map((name) => [name, (request: unknown) => call(name, request)]),
  ) as unknown as SpanlightCommands;
  return {
    commands,
    importUpload: (upload) =>
      hostImports ? hostImports.around(() => importUpload(upload)) : importUpload(upload),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      if (stopped) return;
      closing = true;
      listeners.clear();
      const closed = new Promise<void>((resolve) => (onClosed = resolve));
      post({ type: 'close' });
      const deadline = setTimeout(() => void worker.terminate(), CLOSE_DEADLINE_MS);
      await closed;
      clearTimeout(deadline);
      await worker.terminate();
    },
  };
}
