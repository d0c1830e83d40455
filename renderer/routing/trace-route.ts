// Links to a trace or a span: the URL's hash, the same in the desktop app (app://spanlight/…) and
// the web host (http://127.0.0.1:N/…):
//   #/trace/<traceId>                 the trace
//   #/trace/<traceId>/span/<spanId>   a span in it
//   #/source/<sourceId>/trace/…       a trace of a remote source (a Jaeger), read from there
export interface TraceRoute {
  readonly traceId: string;
  readonly spanId?: string;
  /** A remote source's id; absent for the local store. */
  readonly source?: string;
}

const ROUTE =
  /^#?(?:\/source\/([A-Za-z0-9][A-Za-z0-9_-]{0,63}))?\/trace\/([0-9a-fA-F]{32})(?:\/span\/([0-9a-fA-F]{16}))?\/?$/;

/** The route in a hash (`#/trace/…`); undefined for anything else, an empty hash included. */
export function parseTraceRoute(hash: string): TraceRoute | undefined {
  const match = ROUTE.exec(hash);
  if (!match) return undefined;
  const traceId = match[2]!.toLowerCase();
  const source = match[1] && match[1] !== 'local' ? { source: match[1] } : {};
  return match[3] ? { ...source, traceId, spanId: match[3].toLowerCase() } : { ...source, traceId };
}

export function formatTraceRoute(route: TraceRoute | undefined): string {
  if (!route) return '';
  const source = route.source ? `#/source/${route.source}` : '#';
  return `${source}/trace/${route.traceId}${route.spanId ? `/span/${route.spanId}` : ''}`;
}

/** The route a pasted link points to: a whole URL or just its hash part. */
export function routeOfLink(text: string): TraceRoute | undefined {
  const hashAt = text.indexOf('#');
  return hashAt < 0 ? undefined : parseTraceRoute(text.slice(hashAt));
}

/** The link to share: this page's address with the route as its hash. */
export function linkTo(route: TraceRoute, pageUrl: string): string {
  const hashAt = pageUrl.indexOf('#');
  return `${hashAt < 0 ? pageUrl : pageUrl.slice(0, hashAt)}${formatTraceRoute(route)}`;
}
