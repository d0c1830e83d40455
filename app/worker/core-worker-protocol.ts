// The messages between a host (Electron main, web host) and the core running in a worker thread.
// Only plain data crosses, as on every other boundary of the contract.
import type { CommandName, SpanlightEvent } from '../contract';
import type { JaegerMirrorTuning } from '../mirror/jaeger-mirror';
import type { SpanlightCoreOptions } from '../spanlight-core';

/** What the worker needs to build the core: the part of SpanlightCoreOptions that is plain data. */
export type CoreWorkerOptions = Omit<
  SpanlightCoreOptions,
  'spanProcessors' | 'chooseSavePath' | 'mirrorOptions'
> & {
  readonly mirrorTuning?: Partial<JaegerMirrorTuning>;
  /** The host can show a save dialog: saveTraceToFile asks it where to save. */
  readonly hostChoosesSavePath: boolean;
};

/** An error as it crosses: its class name (see remote-errors.ts) and message. */
export interface SerializedError {
  readonly name: string;
  readonly message: string;
}

export type HostToWorker =
  | {
      readonly type: 'command';
      readonly id: number;
      readonly name: CommandName;
      readonly request: unknown;
    }
  | {
      readonly type: 'hostReply';
      readonly id: number;
      readonly value?: unknown;
      readonly error?: SerializedError;
    }
  /** An upload to import as it comes (CoreConnection.importUpload); answered by a result. */
  | {
      readonly type: 'uploadStart';
      readonly id: number;
      readonly fileName: string;
      readonly size: number;
    }
  /** A piece of it (its buffer transferred). */
  | { readonly type: 'uploadPiece'; readonly id: number; readonly bytes: Uint8Array }
  | { readonly type: 'uploadEnd'; readonly id: number }
  /** The pieces stopped coming before the end (the client went away). */
  | { readonly type: 'uploadFailed'; readonly id: number; readonly message: string }
  | { readonly type: 'close' };

export type WorkerToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'startFailed'; readonly error: SerializedError }
  | { readonly type: 'result'; readonly id: number; readonly value: unknown }
  | { readonly type: 'failure'; readonly id: number; readonly error: SerializedError }
  | { readonly type: 'event'; readonly event: SpanlightEvent }
  | {
      readonly type: 'hostCall';
      readonly id: number;
      readonly name: 'chooseSavePath';
      readonly args: readonly unknown[];
    }
  /** The import took `bytes` more of the upload (the host sends more only as it takes them). */
  | { readonly type: 'uploadTaken'; readonly id: number; readonly bytes: number }
  /** The import wants no more of the upload (it ended early). */
  | { readonly type: 'uploadStopped'; readonly id: number }
  | { readonly type: 'closed' };
