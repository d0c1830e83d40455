// The open trace and span live in the URL's hash (see trace-route.ts). Opening another trace adds a
// history entry, so Back and Forward move between the traces viewed; choosing a span in the same
// trace only replaces the entry. A hash typed or opened from outside (a pasted link, Back) comes in
// as an `external` change, which the viewer follows by selecting (and scrolling to) that span.
import { useCallback, useEffect, useState } from 'react';
import { formatTraceRoute, parseTraceRoute, type TraceRoute } from './trace-route';

export interface RouteState {
  readonly route: TraceRoute | undefined;
  /** Counts changes that came from outside the viewer (load, Back/Forward, a link): each is a
   * request to show that span. */
  readonly externalChange: number;
}

function currentRoute(): TraceRoute | undefined {
  return parseTraceRoute(globalThis.location.hash);
}

export function useTraceRoute(): {
  state: RouteState;
  /** Shows `route`; `external` when it should be followed like a link (select and scroll). */
  navigate: (route: TraceRoute | undefined, options?: { external?: boolean }) => void;
} {
  const [state, setState] = useState<RouteState>(() => ({
    route: currentRoute(),
    externalChange: 1,
  }));
  useEffect(() => {
    const follow = () =>
      setState((previous) => ({
        route: currentRoute(),
        externalChange: previous.externalChange + 1,
      }));
    globalThis.addEventListener('popstate', follow);
    globalThis.addEventListener('hashchange', follow);
    return () => {
      globalThis.removeEventListener('popstate', follow);
      globalThis.removeEventListener('hashchange', follow);
    };
  }, []);
  const navigate = useCallback(
    (route: TraceRoute | undefined, options: { external?: boolean } = {}) => {
      const before = currentRoute();
      const hash = formatTraceRoute(route);
      if (hash !== formatTraceRoute(before)) {
        // Without a route the URL keeps no empty '#'.
        const url = hash || `${globalThis.location.pathname}${globalThis.location.search}`;
        if (before?.traceId !== route?.traceId || before?.source !== route?.source)
          globalThis.history.pushState(null, '', url);
        else globalThis.history.replaceState(null, '', url);
      }
      setState((previous) => ({
        route,
        externalChange: previous.externalChange + (options.external ? 1 : 0),
      }));
    },
    [],
  );
  return { state, navigate };
}
