// IPC channels between our preload and the main process besides the contract's commands (which
// use their own names) and eventChannel (app/contract.ts).

/** The page subscribed to core events: files the OS handed over at start can be opened now. */
export const rendererSubscribedChannel = 'spanlight:renderer-subscribed';
