// The map from span names to the source lines that make them, as scripts/explain/find-span-sites.ts
// writes it at build time (span-sites.json, beside the shipped copies of the sources it reads).

/** A span name as the source spells it: literal text, with null where the value is only known at
 * run time (e.g. `${request.method} /orders/{id}/confirmation` → [null, ' /orders/{id}/confirmation']). */
export type NamePattern = readonly (string | null)[];

export type SpanSiteMarkKind =
  'name' | 'attribute' | 'event' | 'exception' | 'status' | 'end' | 'context' | 'helper';

/** A line that does something to the span: sets an attribute, adds an event, ends it… */
export interface SpanSiteMark {
  readonly file: string;
  readonly line: number;
  readonly kind: SpanSiteMarkKind;
  /** The attribute key or event name, when the source spells it (null when known only at run time). */
  readonly key?: string | null;
  /** For `helper`: the function the span is handed to (its own marks follow, in its file). */
  readonly helper?: string;
}

export interface LineRange {
  readonly first: number;
  readonly last: number;
}

/** One place in the sources that makes spans. */
export interface SpanSite {
  /** manual: tracer.startActiveSpan / tracer.startSpan called by hand; wrapper: withSpan(…). */
  readonly style: 'manual' | 'wrapper';
  /** The call: `tracer.startActiveSpan` / `tracer.startSpan` / `withSpan`. */
  readonly call: string;
  readonly file: string;
  /** The whole call, callback included. */
  readonly lines: LineRange;
  /** From the call to its name and options: the lines that say what span is made. */
  readonly head: LineRange;
  /** The span's name: any one of these patterns. */
  readonly names: readonly NamePattern[];
  /** OTLP span kind (1 internal, 2 server, 3 client, 4 producer, 5 consumer). */
  readonly kind: number;
  readonly marks: readonly SpanSiteMark[];
}

export interface SpanSiteMap {
  /** Repository-relative paths of the sources, shipped beside the map under the same paths. */
  readonly files: readonly string[];
  readonly sites: readonly SpanSite[];
  /** For wrapper sites: where the wrapper itself opens each span (with-span.ts). */
  readonly wrapper: {
    readonly name: string;
    readonly file: string;
    readonly lines: LineRange;
    readonly opens: LineRange;
    readonly marks: readonly SpanSiteMark[];
  } | null;
}

export const SPAN_SITES_FILE = 'span-sites.json';
