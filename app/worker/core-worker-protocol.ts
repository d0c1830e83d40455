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
  | { readonly type: 'closed' };
