import type { SpanlightApi } from '../../app/contract';
import { createHttpApi } from './http-api';
import { findApiToken, shareApiToken } from './web-token';

/** How long a tab opened without the token waits for another open tab to hand it over. */
const TOKEN_HANDOVER_MILLIS = 500;

/**
 * The preload's bridge when running in Electron, otherwise the web host's HTTP API with the
 * token of the page's address (or of this tab, or of another open tab of this host); undefined
 * when the web page was opened without one and no open tab has it.
 */
export async function chooseApi(): Promise<SpanlightApi | undefined> {
  if (window.spanlight) return window.spanlight;
  const token = await findApiToken(window, TOKEN_HANDOVER_MILLIS);
  if (token === undefined) return undefined;
  // Links opened in other tabs (Copy link) ask this one for it.
  shareApiToken(token);
  return createHttpApi(token);
}
