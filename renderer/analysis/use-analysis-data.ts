// What the analysis views ask the core: backlinks (which stored spans link to a span) and the
// explanation of a workflow span. Backlinks can change whenever any trace does, so they are asked
// again (at most twice a second) after a tracesChanged event.
import { useEffect, useMemo, useState } from 'react';
import type {
  BacklinksResult,
  SpanExplanation,
  SpanlightApi,
  TraceBacklinks,
} from '../../app/contract';
import type { TraceModel } from '../trace-view/trace-model';

const REFRESH_MS = 500;

/** Calls `load` now and again after trace changes, throttled; `load` answers via its own state. */
function useReloadOnChanges(api: SpanlightApi, load: () => () => void, deps: unknown[]): void {
  useEffect(() => {
    let cancel = load();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = api.subscribe((event) => {
      if (event.name !== 'tracesChanged' || timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        cancel();
        cancel = load();
      }, REFRESH_MS);
    });
    return () => {
      cancel();
      clearTimeout(timer);
      unsubscribe();
    };
    // The caller's deps decide when to start over.
  }, [api, ...deps]);
}

export interface BacklinksState {
  readonly result: BacklinksResult | undefined;
  readonly error: string | undefined;
}

export function useBacklinks(
  api: SpanlightApi,
  traceId: string,
  spanId: string | undefined,
): BacklinksState {
  const [state, setState] = useState<BacklinksState & { key?: string }>({
    result: undefined,
    error: undefined,
  });
  const key = spanId && `${traceId}/${spanId}`;
  useReloadOnChanges(api, () => {
    if (!spanId) return () => undefined;
    let live = true;
    api.getBacklinks({ traceId, spanId }).then(
      (result) => live && setState({ key, result, error: undefined }),
      (failure: Error) => live && setState({ key, result: undefined, error: failure.message }),
    );
    return () => {
      live = false;
    };
  }, [traceId, spanId]);
  return state.key === key ? state : { result: undefined, error: undefined };
}

/** Per row of the model: 1 when the span has links, 2 when stored spans link to it, 3 both. */
export function useLinkFlags(api: SpanlightApi, model: TraceModel): Uint8Array {
  const [incoming, setIncoming] = useState<{ model?: TraceModel; backlinks?: TraceBacklinks }>({});
  useReloadOnChanges(api, () => {
    let live = true;
    api.getTraceBacklinks({ traceId: model.traceId }).then(
      (backlinks) => live && setIncoming({ model, backlinks }),
      () => live && setIncoming({ model }),
    );
    return () => {
      live = false;
    };
  }, [model]);
  return useMemo(() => {
    const flags = new Uint8Array(model.spans.length);
    const counts = model.outline.linkCounts ?? {};
    // By outline index, so the first paint doesn't wait for the rows by span id to be built.
    for (const index of Object.keys(counts)) {
      const row = model.rowOfIndex[Number(index)];
      if (row !== undefined && row >= 0) flags[row]! |= 1;
    }
    if (incoming.model === model)
      for (const spanId of incoming.backlinks?.spanIds ?? []) {
        const row = model.rowBySpanId.get(spanId);
        if (row !== undefined) flags[row]! |= 2;
      }
    return flags;
  }, [model, incoming]);
}

export interface ExplanationState {
  readonly explanation: SpanExplanation | null | undefined;
  readonly error: string | undefined;
}

export function useExplanation(
  api: SpanlightApi,
  traceId: string,
  spanId: string | undefined,
): ExplanationState {
  const [state, setState] = useState<ExplanationState & { key?: string }>({
    explanation: undefined,
    error: undefined,
  });
  const key = spanId && `${traceId}/${spanId}`;
  useEffect(() => {
    if (!spanId) return;
    let live = true;
    api.explainSpan({ traceId, spanId }).then(
      (explanation) => live && setState({ key, explanation, error: undefined }),
      (failure: Error) => live && setState({ key, explanation: undefined, error: failure.message }),
    );
    return () => {
      live = false;
    };
  }, [api, traceId, spanId, key]);
  return state.key === key ? state : { explanation: undefined, error: undefined };
}
