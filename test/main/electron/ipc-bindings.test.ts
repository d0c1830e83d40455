import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { commandNames, type SpanlightCommands } from '../../../app/contract';
import { bindCommands, type CommandRegistry } from '../../../main/electron/ipc-bindings';

type Handler = (event: IpcMainInvokeEvent, request: unknown) => unknown;

/** A stand-in for ipcMain that records handlers, so they can be invoked like Electron would. */
function fakeIpc() {
  const handlers = new Map<string, Handler>();
  const registry = {
    handle: (channel: string, handler: Handler) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, handler);
    },
    removeHandler: (channel: string) => handlers.delete(channel),
  } as unknown as CommandRegistry;
  return { registry, handlers };
}

function fakeCommands(): SpanlightCommands {
  const commands = Object.fromEntries(
    commandNames.map((name) => [name, vi.fn(async () => `${name}-result`)]),
  );
  return commands as unknown as SpanlightCommands;
}

const event = {} as IpcMainInvokeEvent;

describe('bindCommands', () => {
  it('registers exactly one handler per contract command, and removes them all', () => {
    const { registry, handlers } = fakeIpc();
    const unbind = bindCommands(registry, fakeCommands(), () => true);
    expect([...handlers.keys()].sort()).toEqual([...commandNames].sort());
    unbind();
    expect(handlers.size).toBe(0);
  });

  it('passes the validated request to the core and returns its answer', async () => {
    const { registry, handlers } = fakeIpc();
    const commands = fakeCommands();
    bindCommands(registry, commands, () => true);
    await expect(handlers.get('placeOrder')!(event, { slowDatabase: true })).resolves.toBe(
      'placeOrder-result',
    );
    expect(commands.placeOrder).toHaveBeenCalledWith({
      paymentDeclined: false,
      emailServerDown: false,
      slowDatabase: true,
    });
  });

  it('refuses an untrusted sender without calling the core', () => {
    const { registry, handlers } = fakeIpc();
    const commands = fakeCommands();
    bindCommands(registry, commands, () => false);
    expect(() => handlers.get('listTraces')!(event, {})).toThrow(/untrusted sender/);
    expect(commands.listTraces).not.toHaveBeenCalled();
  });

  it('refuses an invalid request with the validator message', () => {
    const { registry, handlers } = fakeIpc();
    bindCommands(registry, fakeCommands(), () => true);
    expect(() => handlers.get('getTrace')!(event, { traceId: 42 })).toThrow(
      /"traceId" must be 32 lowercase hex digits/,
    );
  });
});
