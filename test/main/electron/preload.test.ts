import { beforeEach, describe, expect, it, vi } from 'vitest';
import { commandNames, eventChannel } from '../../../app/contract';
import { rendererSubscribedChannel } from '../../../main/electron/ipc-channels';

const exposed: Record<string, unknown> = {};
const invoke = vi.fn(async (channel: string, request: unknown) => ({ channel, request }));
const send = vi.fn();
const listeners = new Map<string, (...args: unknown[]) => void>();
const getPathForFile = vi.fn((file: { name: string }) => `/home/me/${file.name}`);

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer: {
    invoke,
    send,
    on: (channel: string, listener: (...args: unknown[]) => void) =>
      listeners.set(channel, listener),
    removeListener: (channel: string) => listeners.delete(channel),
  },
  webUtils: { getPathForFile },
}));

describe('preload', () => {
  beforeEach(async () => {
    vi.resetModules();
    await import('../../../main/electron/preload');
  });

  it('exposes exactly the contract commands, subscribe and pathForFile, and no ipcRenderer', () => {
    const api = exposed.spanlight as Record<string, unknown>;
    expect(Object.keys(exposed)).toEqual(['spanlight']);
    expect(Object.keys(api).sort()).toEqual([...commandNames, 'pathForFile', 'subscribe'].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });

  it('invokes the command channel with the request', async () => {
    const api = exposed.spanlight as { listTraces: (request: unknown) => Promise<unknown> };
    await expect(api.listTraces({ limit: 5 })).resolves.toEqual({
      channel: 'listTraces',
      request: { limit: 5 },
    });
  });

  it("gives a dropped file's path on disk, from Electron's webUtils", () => {
    const api = exposed.spanlight as { pathForFile: (file: unknown) => string };
    expect(api.pathForFile({ name: 'trace.pb' })).toBe('/home/me/trace.pb');
    expect(getPathForFile).toHaveBeenCalledWith({ name: 'trace.pb' });
  });

  it('forwards core events to a subscriber until it unsubscribes', () => {
    const api = exposed.spanlight as {
      subscribe: (listener: (event: unknown) => void) => () => void;
    };
    const received: unknown[] = [];
    const unsubscribe = api.subscribe((event) => received.push(event));
    const event = {
      name: 'tracesChanged',
      payload: { changedTraceIds: [], removedTraceIds: [], totalTraces: 0, droppedTraces: 0 },
    };
    listeners.get(eventChannel)!({}, event);
    expect(received).toEqual([event]);
    expect(send).toHaveBeenCalledWith(rendererSubscribedChannel);
    unsubscribe();
    expect(listeners.has(eventChannel)).toBe(false);
  });
});
