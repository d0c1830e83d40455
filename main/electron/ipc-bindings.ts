// Binds every contract command to one ipcMain.handle channel, refusing messages from any sender
// but our own window's top frame.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { commandNames, type SpanlightCommands } from '../../app/contract';
import { validateRequest } from '../../app/contract-validation';

/** Checks an IPC message's sender (an invoke or a plain send: both carry sender and frame). */
export type SenderCheck = (event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>) => boolean;

/** The part of ipcMain this module needs, so tests can pass a stand-in. */
export type CommandRegistry = Pick<IpcMain, 'handle' | 'removeHandler'>;

export function bindCommands(
  ipc: CommandRegistry,
  commands: SpanlightCommands,
  isTrusted: SenderCheck,
): () => void {
  for (const name of commandNames) {
    ipc.handle(name, (event, request: unknown) => {
      if (!isTrusted(event)) throw new Error(`${name}: refused a message from an untrusted sender`);
      // Correlated by name: TypeScript can't follow a command's request type through the union.
      return (commands[name] as (request: unknown) => Promise<unknown>)(
        validateRequest(name, request),
      );
    });
  }
  return () => commandNames.forEach((name) => ipc.removeHandler(name));
}

/** Trusts only the main frame of `window`, showing our own bundled renderer. */
export function senderIsWindow(
  getContents: () => WebContents | undefined,
  rendererUrl: string,
): SenderCheck {
  return (event) => {
    const contents = getContents();
    const frame = event.senderFrame;
    return (
      contents !== undefined &&
      event.sender === contents &&
      frame !== null &&
      frame === contents.mainFrame &&
      frame.url.split('#')[0] === rendererUrl
    );
  };
}
