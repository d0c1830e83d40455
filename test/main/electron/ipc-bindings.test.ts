import type { IpcMainInvokeEvent, WebContents, WebFrameMain } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { commandNames, type SpanlightCommands } from '../../../app/contract';
import {
  bindCommands,
  senderIsWindow,
  type CommandRegistry,
} from '../../../main/electron/ipc-bindings';

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

describe('senderIsWindow', () => {
  const rendererUrl = 'app://spanlight/index.html';
  /** A window's webContents with its main frame, as Electron hands them to a handler. */
  function fakeWindow(url = rendererUrl) {
    const mainFrame = { url } as WebFrameMain;
    const contents = { mainFrame } as unknown as WebContents;
    return { contents, mainFrame };
  }
  const eventFrom = (sender: WebContents, senderFrame: WebFrameMain | null) =>
    ({ sender, senderFrame }) as Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

  it('trusts the main frame of our window showing our page (any #fragment)', () => {
    const { contents, mainFrame } = fakeWindow();
    const check = senderIsWindow(() => contents, rendererUrl);
    expect(check(eventFrom(contents, mainFrame))).toBe(true);
    const withFragment = { url: `${rendererUrl}#/trace/1` } as WebFrameMain;
    const moved = { mainFrame: withFragment } as unknown as WebContents;
    expect(senderIsWindow(() => moved, rendererUrl)(eventFrom(moved, withFragment))).toBe(true);
  });

  it('refuses another webContents, even one showing our page', () => {
    const ours = fakeWindow();
    const other = fakeWindow();
    const check = senderIsWindow(() => ours.contents, rendererUrl);
    expect(check(eventFrom(other.contents, other.mainFrame))).toBe(false);
  });

  it('refuses a subframe of our window (an iframe), and a frame that is gone', () => {
    const { contents } = fakeWindow();
    const iframe = { url: rendererUrl } as WebFrameMain;
    const check = senderIsWindow(() => contents, rendererUrl);
    expect(check(eventFrom(contents, iframe))).toBe(false);
    expect(check(eventFrom(contents, null))).toBe(false);
  });

  it('refuses our window once it navigated elsewhere, and any sender while there is no window', () => {
    const { contents, mainFrame } = fakeWindow('https://evil.example/index.html');
    expect(senderIsWindow(() => contents, rendererUrl)(eventFrom(contents, mainFrame))).toBe(false);
    const lookalike = fakeWindow(`${rendererUrl}.evil`);
    expect(
      senderIsWindow(
        () => lookalike.contents,
        rendererUrl,
      )(eventFrom(lookalike.contents, lookalike.mainFrame)),
    ).toBe(false);
    const ours = fakeWindow();
    expect(
      senderIsWindow(() => undefined, rendererUrl)(eventFrom(ours.contents, ours.mainFrame)),
    ).toBe(false);
  });

  it('keeps the core uncalled when bound commands get a message from an iframe', () => {
    const { registry, handlers } = fakeIpc();
    const commands = fakeCommands();
    const { contents } = fakeWindow();
    bindCommands(
      registry,
      commands,
      senderIsWindow(() => contents, rendererUrl),
    );
    const iframe = { url: rendererUrl } as WebFrameMain;
    expect(() =>
      handlers.get('openTraceFiles')!(eventFrom(contents, iframe) as IpcMainInvokeEvent, {
        paths: ['/etc/passwd'],
      }),
    ).toThrow(/untrusted sender/);
    expect(commands.openTraceFiles).not.toHaveBeenCalled();
  });
});
