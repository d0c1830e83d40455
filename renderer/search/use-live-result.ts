import { useEffect, useState } from 'react';
import type { SpanlightApi } from '../../app/contract';

export interface LiveResult<T> {
  readonly result: T | undefined;
  readonly error: string | undefined;
}

/**
 * Runs `load` now, whenever it changes, every `pollMillis` if given, and again (at most once per
 * animation frame) whenever the core reports changed traces. Answers that arrive after a newer
 * request was sent are dropped, so a slow reply never overwrites a newer filter's result.
 */
export function useLiveResult<T>(
  api: SpanlightApi,
  load: (() => Promise<T>) | undefined,
  pollMillis?: number,
  onResult?: (value: T) => void,
): LiveResult<T> {
  const [state, setState] = useState<LiveResult<T>>({ result: undefined, error: undefined });
  useEffect(() => {
    if (!load) return;
    let live = true;
    let sent = 0;
    const refresh = () => {
      const request = ++sent;
      load().then(
        (result) => {
          if (!live || request !== sent) return;
          onResult?.(result);
          setState({ result, error: undefined });
        },
        (failure: Error) => {
          if (live && request === sent)
            setState((previous) => ({ ...previous, error: failure.message }));
        },
      );
    };
    let framePending = false;
    const unsubscribe = api.subscribe((event) => {
      if (event.name !== 'tracesChanged' || framePending) return;
      framePending = true;
      requestAnimationFrame(() => {
        framePending = false;
        if (live) refresh();
      });
    });
    const timer = pollMillis ? setInterval(refresh, pollMillis) : undefined;
    refresh();
    return () => {
      live = false;
      unsubscribe();
      if (timer) clearInterval(timer);
    };
  }, [api, load, pollMillis, onResult]);
  return state;
}
