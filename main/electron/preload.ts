// The preload runs sandboxed, with context isolation: it exposes exactly the contract's commands,
// one event subscription and the path of a dropped file (for importTraceFile, so that the core
// reads it from disk in chunks: no size limit), never ipcRenderer itself.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import {
  commandNames,
  eventChannel,
  type EventListener,
  type SpanlightApi,
  type SpanlightEvent,
} from '../../app/contract';
import { rendererSubscribedChannel } from './ipc-channels';

const commands = Object.fromEntries(
  commandNames.map((name) => [name, (request: unknown) => ipcRenderer.invoke(name, request)]),
);

const api = {
  ...commands,
  subscribe(listener: EventListener): () => void {
    const forward = (_event: IpcRendererEvent, payload: SpanlightEvent) => listener(payload);
    ipcRenderer.on(eventChannel, forward);
    ipcRenderer.send(rendererSubscribedChannel);
    return () => ipcRenderer.removeListener(eventChannel, forward);
  },
} as SpanlightApi;

/** A dropped file's path on disk; "" for one with none (dragged out of a web page, say). The
 * renderer's side: renderer/trace-files/send-trace-file.ts. */
const pathForFile = (file: File): string => webUtils.getPathForFile(file);

contextBridge.exposeInMainWorld('spanlight', { ...api, pathForFile });
