import type { SpanlightApi } from '../../app/contract';
import { createHttpApi } from './http-api';
import { takeApiToken } from './web-token';

/**
 * The preload's bridge when running in Electron, otherwise the web host's HTTP API with the
 * token of the page's address; undefined when the web page was opened without one.
 */
export function chooseApi(): SpanlightApi | undefined {
  if (window.spanlight) return window.spanlight;
  const token = takeApiToken(window);
  return token === undefined ? undefined : createHttpApi(token);
}
