// The viewer's commands aimed at one source of traces: the waterfall, details, event list, find and
// export of a remote trace are the local ones, given an api whose reads carry `source`.
import type { CommandName, SpanlightApi } from '../../app/contract';

/** The local store's name among the sources (app/contract-schemas.ts LOCAL_SOURCE). */
export const LOCAL_SOURCE = 'local';

/** Commands that read one trace and take an optional `source`. */
const viewerCommands = [
  'getTrace',
  'getTraceOutline',
  'getSpan',
  'findSpans',
  'getBacklinks',
  'getTraceBacklinks',
  'explainSpan',
  'getTraceEventAttributes',
  'exportTrace',
  'saveTraceToFile',
] as const satisfies readonly CommandName[];

const cache = new WeakMap<SpanlightApi, Map<string, SpanlightApi>>();

/** `api` with every viewer command reading from `source` (the same object for the same pair). */
export function sourceScopedApi(api: SpanlightApi, source: string | undefined): SpanlightApi {
  if (source === undefined || source === LOCAL_SOURCE) return api;
  let bySource = cache.get(api);
  if (!bySource) cache.set(api, (bySource = new Map()));
  const known = bySource.get(source);
  if (known) return known;
  const scoped: SpanlightApi = { ...api, subscribe: (listener) => api.subscribe(listener) };
  for (const name of viewerCommands) {
    const command = api[name] as (request: object) => Promise<unknown>;
    (scoped as unknown as Record<string, (request: object) => Promise<unknown>>)[name] = (
      request,
    ) => command.call(api, { ...request, source });
  }
  bySource.set(source, scoped);
  return scoped;
}
