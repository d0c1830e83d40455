import { useEffect, useState } from 'react';
import type { FindSpansResult, SpanDetail, SpanlightApi, TraceOutline } from '../../app/contract';
import { mergeOutline, outlineCursor } from '../../app/model/outline-delta';
import { singleFlight } from '../store/single-flight';
import { growthIntervalMs, timeUntilPainted } from './growing-trace-pace';

export interface TraceOutlineState {
  readonly outline: TraceOutline | undefined;
  readonly loading: boolean;
  readonly error: string | undefined;
}

/**
 * The selected trace's outline, grown when the core says the trace changed: each request asks only
 * for what was added since the outline held (a trace still receiving spans grows in place, rows
 * arriving below those shown); one request in flight, at most ten a second (fewer for big traces).
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
    let held: TraceOutline | undefined;
    /** What bringing the rows up to date with the last answer took, until painted. */
    let lastRebuildMs = 0;
    setState((previous) => ({
      outline: previous.outline?.traceId === traceId ? previous.outline : undefined,
      loading: true,
      error: undefined,
    }));
    const requests = singleFlight<null, TraceOutline | null>({
      run: () => {
        // Marks for `npm run bench:viewer`, which reports where the time to first paint goes.
        performance.mark('spanlight:outline-requested');
        return api.getTraceOutline({ traceId, ...(held && { since: outlineCursor(held) }) });
      },
      onAnswer: (answer) => {
        performance.mark('spanlight:outline-received');
        if (!live) return;
        const answeredAt = performance.now();
        const outline = answer && held ? mergeOutline(held, answer) : (answer ?? undefined);
        if (answer && !outline) {
          // The part does not continue what is held (the trace's base moved): ask for all of it.
          held = undefined;
          requests.ask(null);
          return;
        }
        held = outline;
        setState({
          outline,
          loading: false,
          error: outline ? undefined : 'This trace is not in the store.',
        });
        timeUntilPainted(answeredAt, (elapsedMs) => {
          lastRebuildMs = elapsedMs;
        });
      },
      onError: (failure) =>
        live && setState({ outline: undefined, loading: false, error: failure.message }),
      // Every answer continues the outline held, so none is dropped for a newer ask.
      isSuperseded: () => false,
      // Each answer rebuilds the rows of the whole trace: a huge trace streaming in grows less often
      // (see growing-trace-pace.ts), so the window stays responsive and the import keeps the CPU.
      intervalBefore: () => growthIntervalMs(held?.parents.length ?? 0, lastRebuildMs),
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
): FindSpansResult & { query: string } {
  const [result, setResult] = useState<FindSpansResult & { query: string }>({
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
        (found) => live && setResult({ query, ...found }),
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
