import type { SpanlightApi } from '../app/contract';

declare global {
  interface Window {
    /** Present under Electron: the preload's bridge to the main process. */
    readonly spanlight?: SpanlightApi;
  }
}
