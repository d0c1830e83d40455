import { useEffect, useState } from 'react';
import type { SpanlightApi, TraceDetail, TraceListResult } from '../app/contract';

/** Re-runs `refresh` at most once per animation frame while events keep arriving. */
function frameThrottled(refresh: () => void): () => void {
  let pending = false;
  return () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      refresh();
    });
  };
}

export function useTraceList(api: SpanlightApi): {
  result: TraceListResult | undefined;
  error: string | undefined;
} {
  const [result, setResult] = useState<TraceListResult>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let live = true;
    const refresh = () =>
      api.listTraces({}).then(
        (next) => {
          if (!live) return;
          setResult(next);
          setError(undefined);
        },
        (failure: Error) => live && setError(failure.message),
      );
    const unsubscribe = api.subscribe(frameThrottled(refresh));
    void refresh();
    return () => {
      live = false;
      unsubscribe();
    };
  }, [api]);
  return { result, error };
}

export interface TraceDetailState {
  readonly trace: TraceDetail | undefined;
  readonly loading: boolean;
  readonly error: string | undefined;
}

/** The selected trace, fetched again whenever the core reports that it changed. */
export function useTraceDetail(api: SpanlightApi, traceId: string | undefined): TraceDetailState {
  const [state, setState] = useState<TraceDetailState>({
    trace: undefined,
    loading: false,
    error: undefined,
  });
  useEffect(() => {
    if (!traceId) {
      setState({ trace: undefined, loading: false, error: undefined });
      return;
    }
    let live = true;
    setState((previous) => ({ ...previous, loading: true }));
    const load = () =>
      api.getTrace({ traceId }).then(
        (trace) =>
          live &&
          setState({
            trace: trace ?? undefined,
            loading: false,
            error: trace ? undefined : 'This trace is no longer in the store.',
          }),
        (failure: Error) =>
          live && setState({ trace: undefined, loading: false, error: failure.message }),
      );
    const reload = frameThrottled(load);
    const unsubscribe = api.subscribe((event) => {
      if (event.name === 'tracesChanged' && event.payload.changedTraceIds.includes(traceId))
        reload();
    });
    void load();
    return () => {
      live = false;
      unsubscribe();
    };
  }, [api, traceId]);
  return state;
}
