// The preload runs sandboxed, with context isolation: it exposes exactly the contract's commands
// and one event subscription, never ipcRenderer itself.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
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

contextBridge.exposeInMainWorld('spanlight', api);
