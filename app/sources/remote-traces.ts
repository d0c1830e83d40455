// Spans a remote source returned, grouped into traces: a trace to show (TraceDetail, with its
// resource and scope tables) and search results as the local list shows them (TraceSummary, by the
// same rules as the store's: the root is the earliest span without a parent, else the earliest span).
import type { OtlpResource, OtlpScope } from '../model/otlp';
import { OtlpStatusCode } from '../model/otlp';
import type { AppSpan, TraceDetail, TraceSummary } from '../model/trace';
import type { IncomingSpan } from '../storage/incoming-span';

/** OpenTelemetry's service name for a resource without service.name (as the store uses). */
const UNKNOWN_SERVICE = 'unknown_service';

function serviceNameOf(resource: OtlpResource | undefined): string {
  const attribute = resource?.attributes.find((kv) => kv.key === 'service.name');
  return attribute?.value?.stringValue ?? UNKNOWN_SERVICE;
}

/** A table of distinct values, found by object identity first (a reader shares them), then by value. */
class InternTable<T> {
  readonly values: T[] = [];
  private readonly byObject = new Map<T, number>();
  private readonly byKey = new Map<string, number>();

  indexOf(value: T): number {
    const known = this.byObject.get(value);
    if (known !== undefined) return known;
    const key = JSON.stringify(value);
    let index = this.byKey.get(key);
    if (index === undefined) {
      index = this.values.length;
      this.values.push(value);
      this.byKey.set(key, index);
    }
    this.byObject.set(value, index);
    return index;
  }
}

/** Spans by trace id, in the order each trace first appears. */
export function groupByTrace(spans: readonly IncomingSpan[]): Map<string, IncomingSpan[]> {
  const traces = new Map<string, IncomingSpan[]>();
  for (const item of spans) {
    const list = traces.get(item.span.traceId);
    if (list) list.push(item);
    else traces.set(item.span.traceId, [item]);
  }
  return traces;
}

/** One trace's spans as the contract's TraceDetail. */
export function traceDetailOf(traceId: string, spans: readonly IncomingSpan[]): TraceDetail {
  const resources = new InternTable<OtlpResource>();
  const scopes = new InternTable<OtlpScope>();
  const appSpans: AppSpan[] = spans.map(({ span, resource, scope }) => ({
    ...span,
    resourceIndex: resources.indexOf(resource),
    scopeIndex: scopes.indexOf(scope),
  }));
  return { traceId, resources: resources.values, scopes: scopes.values, spans: appSpans };
}

/** The summary of one trace's spans (at least one). */
export function summaryOf(traceId: string, spans: readonly IncomingSpan[]): TraceSummary {
  let start = 0n;
  let end = 0n;
  let errorCount = 0;
  let root: IncomingSpan | undefined;
  let rootStart = 0n;
  let earliest: IncomingSpan | undefined;
  spans.forEach((item, i) => {
    const spanStart = BigInt(item.span.startTimeUnixNano);
    const spanEnd = BigInt(item.span.endTimeUnixNano);
    if (i === 0 || spanStart < start) {
      start = spanStart;
      earliest = item;
    }
    if (i === 0 || spanEnd > end) end = spanEnd;
    if (item.span.status?.code === OtlpStatusCode.ERROR) errorCount += 1;
    if (!item.span.parentSpanId && (!root || spanStart < rootStart)) {
      root = item;
      rootStart = spanStart;
    }
  });
  const shown = root ?? earliest;
  return {
    traceId,
    rootSpanName: shown?.span.name ?? '',
    serviceName: shown ? serviceNameOf(shown.resource) : '',
    startTimeUnixNano: start.toString(),
    endTimeUnixNano: end.toString(),
    durationMicros: Number(end - start) / 1000,
    spanCount: spans.length,
    errorCount,
    hasRoot: root !== undefined,
  };
}

/** Summaries of every trace among the spans, newest (by start time) first. */
export function summariesOf(spans: readonly IncomingSpan[]): TraceSummary[] {
  const summaries = [...groupByTrace(spans)].map(([traceId, list]) => summaryOf(traceId, list));
  return summaries.sort((a, b) => {
    const left = BigInt(a.startTimeUnixNano);
    const right = BigInt(b.startTimeUnixNano);
    return left === right ? 0 : left > right ? -1 : 1;
  });
}
