// Values the core owns and pushes when they change: fetched once when the window opens, then
// replaced by their event. Each is one line in `liveValues` (the receiver's status, say, is
//   liveValue('receiverStatus', (api) => api.getReceiverStatus({}), 'receiverStatusChanged'),
// and its state appears as `state.receiverStatus` with no other change to the store).
import type { EventName, SpanlightApi, SpanlightEvent, SpanlightEvents } from '../../app/contract';

export interface Loadable<T> {
  readonly value: T | undefined;
  /** Why the first fetch failed (the value may still come by event). */
  readonly error: string | undefined;
}

export interface LiveValue<K extends string, T> {
  readonly key: K;
  readonly load: (api: SpanlightApi) => Promise<T>;
  /** Reads the new value from an event, or undefined when the event is not about it. */
  readonly fromEvent: (event: SpanlightEvent) => T | undefined;
}

/** A value fetched with `load` and replaced by every `event` (whose payload is the new value). */
export function liveValue<K extends string, E extends EventName>(
  key: K,
  load: (api: SpanlightApi) => Promise<SpanlightEvents[E]>,
  event: E,
): LiveValue<K, SpanlightEvents[E]>;
/** A value fetched once, with no event (it changes only by the UI's own hand). */
export function liveValue<K extends string, T>(
  key: K,
  load: (api: SpanlightApi) => Promise<T>,
): LiveValue<K, T>;
export function liveValue(
  key: string,
  load: (api: SpanlightApi) => Promise<unknown>,
  event?: EventName,
): LiveValue<string, unknown> {
  return {
    key,
    load,
    fromEvent: (received) => (event && received.name === event ? received.payload : undefined),
  };
}

export const liveValues = [
  liveValue('settings', (api) => api.getSettings({}), 'settingsChanged'),
  liveValue('mirrorStatus', (api) => api.getMirrorStatus({}), 'mirrorStatusChanged'),
  liveValue('receiverStatus', (api) => api.getReceiverStatus({}), 'receiverStatusChanged'),
  liveValue('dataNotices', (api) => api.getDataNotices({}), 'dataNoticesChanged'),
  liveValue('sources', (api) => api.listSources({}), 'sourcesChanged'),
] as const;

type Entry = (typeof liveValues)[number];
export type LiveValueKey = Entry['key'];
export type LiveValueOf<K extends LiveValueKey> =
  Extract<Entry, { key: K }> extends LiveValue<K, infer T> ? T : never;
export type LiveValuesState = { readonly [K in LiveValueKey]: Loadable<LiveValueOf<K>> };

export function initialLiveValues(): LiveValuesState {
  return Object.fromEntries(
    liveValues.map((entry) => [entry.key, { value: undefined, error: undefined }]),
  ) as unknown as LiveValuesState;
}
