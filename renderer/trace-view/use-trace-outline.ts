import { useEffect, useState } from 'react';
import type { SpanDetail, SpanlightApi, TraceOutline } from '../../app/contract';
import { singleFlight } from '../store/single-flight';

export interface TraceOutlineState {
  readonly outline: TraceOutline | undefined;
  readonly loading: boolean;
  readonly error: string | undefined;
}

/**
 * The selected trace's outline, fetched again when the core says the trace changed: one request
 * in flight, at most ten a second (a trace still receiving spans grows in place).
 */
export function useTraceOutline(api: SpanlightApi, traceId: string | undefined): TraceOutlineState {
  const [state, setState] = useState<TraceOutlineState>({
    outline: undefined,
    loading: false,
    error: undefined,
  });
  useEffect(() => {
    if (!traceId) {
      setState({ outline: undefined, loading: false, error: undefined });
      return;
    }
    let live = true;
    setState((previous) => ({
      outline: previous.outline?.traceId === traceId ? previous.outline : undefined,
      loading: true,
      error: undefined,
    }));
    const requests = singleFlight<null, TraceOutline | null>({
      run: () => {
        // Marks for `npm run bench:viewer`, which reports where the time to first paint goes.
        performance.mark('spanlight:outline-requested');
        return api.getTraceOutline({ traceId });
      },
      onAnswer: (outline) => {
        performance.mark('spanlight:outline-received');
        if (!live) return;
        setState({
          outline: outline ?? undefined,
          loading: false,
          error: outline ? undefined : 'This trace is not in the store.',
        });
      },
      onError: (failure) =>
        live && setState({ outline: undefined, loading: false, error: failure.message }),
      minIntervalMillis: 100,
    });
    const unsubscribe = api.subscribe((event) => {
      if (event.name === 'tracesChanged' && event.payload.changedTraceIds.includes(traceId)) {
        requests.ask(null);
      }
    });
    requests.ask(null);
    return () => {
      live = false;
      requests.cancel();
      unsubscribe();
    };
  }, [api, traceId]);
  return state;
}

/** The full span (attributes, resource, scope, events, links) of the selected span. */
export function useSpanDetail(
  api: SpanlightApi,
  traceId: string,
  spanId: string | undefined,
): { detail: SpanDetail | undefined; error: string | undefined } {
  const [state, setState] = useState<{ detail?: SpanDetail; error?: string }>({});
  useEffect(() => {
    if (!spanId) return;
    let live = true;
    setState({});
    api.getSpan({ traceId, spanId }).then(
      (detail) =>
        live &&
        setState(detail ? { detail } : { error: `Span ${spanId} is no longer in the store.` }),
      (failure: Error) => live && setState({ error: failure.message }),
    );
    return () => {
      live = false;
    };
  }, [api, traceId, spanId]);
  const current = spanId && state.detail?.span.spanId === spanId ? state.detail : undefined;
  return { detail: current, error: spanId && !current ? state.error : undefined };
}

/** Rows matching a find query, asked of the core a moment after typing stops. */
export function useFindSpans(
  api: SpanlightApi,
  traceId: string,
  query: string,
  revision: unknown,
): { query: string; spanIds: readonly string[] } {
  const [result, setResult] = useState<{ query: string; spanIds: readonly string[] }>({
    query: '',
    spanIds: [],
  });
  useEffect(() => {
    if (!query.trim()) {
      setResult({ query, spanIds: [] });
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      api.findSpans({ traceId, query }).then(
        ({ spanIds }) => live && setResult({ query, spanIds }),
        () => live && setResult({ query, spanIds: [] }),
      );
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, traceId, query, revision]);
  return result;
}

/**
 * The attributes of every event of the trace (for the event list), fetched once per outline and
 * again when the attribute-value limit changes (the core cuts each value to it).
 */
export function useEventAttributes(
  api: SpanlightApi,
  outline: TraceOutline,
  limitKiB: number,
): { attributes: readonly string[] | undefined; error: string | undefined } {
  const [state, setState] = useState<{
    outline?: TraceOutline;
    attributes?: readonly string[];
    error?: string;
  }>({});
  useEffect(() => {
    let live = true;
    api.getTraceEventAttributes({ traceId: outline.traceId }).then(
      (result) =>
        live &&
        setState(
          result
            ? { outline, attributes: result.attributes }
            : { outline, error: 'This trace is no longer in the store.' },
        ),
      (failure: Error) => live && setState({ outline, error: failure.message }),
    );
    return () => {
      live = false;
    };
  }, [api, outline, limitKiB]);
  return state.outline === outline
    ? { attributes: state.attributes, error: state.error }
    : { attributes: undefined, error: undefined };
}
