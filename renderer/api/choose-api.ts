import type { SpanlightApi } from '../../app/contract';
import { createHttpApi } from './http-api';

/** The preload's bridge when running in Electron, otherwise the web host's HTTP API. */
export function chooseApi(): SpanlightApi {
  return window.spanlight ?? createHttpApi();
}
