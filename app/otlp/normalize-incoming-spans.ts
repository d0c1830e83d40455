// What the import does with spans that a reader read but that cannot be stored as they are: a span
// that ends before it starts is kept with zero duration, and a span whose id came before in the
// same file is left out; both are counted, so the user is told.
import type { OtlpSpan } from '../model/otlp';
import type { IncomingSpan } from '../storage/incoming-span';

export interface NormalizedSpans {
  readonly spans: IncomingSpan[];
  /** Spans left out because a span with the same trace and span id came earlier in the input. */
  readonly duplicateSpanCount: number;
  /** Spans that ended before they started, now ending when they start. */
  readonly endBeforeStartCount: number;
  /** The first of those, to name in the warning. */
  readonly firstEndBeforeStart?: { readonly spanId: string; readonly name: string };
}

function isDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 /* 0 */ || code > 57 /* 9 */) return false;
  }
  return text.length > 0;
}

/** Start after end, for decimal strings (an end may be negative when a reader subtracted). */
function endsBeforeStart(span: OtlpSpan): boolean {
  const start = span.startTimeUnixNano;
  const end = span.endTimeUnixNano;
  // Digit strings of one length order as their values do (leading zeros or not).
  if (start.length === end.length && isDigits(start) && isDigits(end)) return end < start;
  return BigInt(end) < BigInt(start);
}

function shortName(name: string): string {
  return name.length > 80 ? `${name.slice(0, 79)}…` : name;
}

/** The first span of each (trace id, span id), each ending no earlier than it starts. */
export function normalizeIncomingSpans(incoming: readonly IncomingSpan[]): NormalizedSpans {
  // Span ids by trace id: spans of a trace mostly come together, so its set is usually at hand.
  const seen = new Map<string, Set<string>>();
  let lastTraceId: string | undefined;
  let lastIds = new Set<string>();
  const spans: IncomingSpan[] = [];
  let duplicateSpanCount = 0;
  let endBeforeStartCount = 0;
  let firstEndBeforeStart: NormalizedSpans['firstEndBeforeStart'];
  for (const item of incoming) {
    const { traceId, spanId } = item.span;
    if (traceId !== lastTraceId) {
      lastTraceId = traceId;
      const ids = seen.get(traceId);
      if (ids) lastIds = ids;
      else seen.set(traceId, (lastIds = new Set()));
    }
    if (lastIds.has(spanId)) {
      duplicateSpanCount++;
      continue;
    }
    lastIds.add(spanId);
    if (endsBeforeStart(item.span)) {
      endBeforeStartCount++;
      firstEndBeforeStart ??= { spanId: item.span.spanId, name: shortName(item.span.name) };
      spans.push({ ...item, span: { ...item.span, endTimeUnixNano: item.span.startTimeUnixNano } });
      continue;
    }
    spans.push(item);
  }
  return {
    spans,
    duplicateSpanCount,
    endBeforeStartCount,
    ...(firstEndBeforeStart && { firstEndBeforeStart }),
  };
}

/** The warning shown for spans that ended before they started. */
export function endBeforeStartWarning(normalized: NormalizedSpans): string | undefined {
  const { endBeforeStartCount: count, firstEndBeforeStart: first } = normalized;
  if (count === 0 || !first) return undefined;
  const which =
    count === 1
      ? `span ${first.spanId} ("${first.name}") ends`
      : `${count.toLocaleString('en-US')} spans (the first: ${first.spanId}, "${first.name}") end`;
  return `${which} before ${count === 1 ? 'it starts' : 'they start'}; shown with zero duration`;
}
