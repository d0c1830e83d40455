// A loaded trace as the viewer works with it: spans in depth-first order with their depth, times
// as microseconds from the trace start (numbers), services resolved. Built once per fetched trace.
import { OtlpStatusCode, type AppSpan, type TraceDetail } from '../../app/contract';
import { serviceName } from '../lib/attributes';
import { orderSpanTree } from './span-tree';
import { microsSince, wholeMicros } from './trace-time';

export interface ViewSpan {
  /** Row in depth-first order: the span's index in TraceModel.spans. */
  readonly row: number;
  readonly span: AppSpan;
  readonly depth: number;
  readonly childCount: number;
  /** Row of the parent, -1 for a root. */
  readonly parentRow: number;
  /** Rows [row, subtreeEnd) are this span and its descendants. */
  readonly subtreeEnd: number;
  readonly startUs: number;
  readonly endUs: number;
  readonly serviceName: string;
  readonly serviceIndex: number;
  readonly isError: boolean;
  /** Offsets of the span's events from the trace start, in the span's order of events. */
  readonly eventOffsetsUs: readonly number[];
}

export interface TraceModel {
  readonly trace: TraceDetail;
  readonly spans: readonly ViewSpan[];
  readonly rowBySpanId: ReadonlyMap<string, number>;
  readonly durationUs: number;
  readonly services: readonly string[];
  readonly maxDepth: number;
  /** The trace start as whole unix microseconds, to convert other times of this trace. */
  readonly baseWholeMicros: number;
}

export function buildTraceModel(trace: TraceDetail): TraceModel {
  const { spans } = trace;
  let base = Infinity;
  for (const span of spans) base = Math.min(base, wholeMicros(span.startTimeUnixNano));
  if (!Number.isFinite(base)) base = 0;
  const starts = new Float64Array(spans.length);
  const ends = new Float64Array(spans.length);
  let durationUs = 0;
  spans.forEach((span, index) => {
    const start = microsSince(base, span.startTimeUnixNano);
    const end = Math.max(start, microsSince(base, span.endTimeUnixNano));
    starts[index] = start;
    ends[index] = end;
    durationUs = Math.max(durationUs, end);
  });

  const serviceOfResource = trace.resources.map((resource) => serviceName(resource));
  const services = [...new Set(serviceOfResource)];
  const serviceIndexOfResource = serviceOfResource.map((name) => services.indexOf(name));

  const tree = orderSpanTree(spans, (_, index) => starts[index]!);
  const rowBySpanId = new Map<string, number>();
  let maxDepth = 0;
  const viewSpans = tree.map((node, row): ViewSpan => {
    const { span } = node;
    rowBySpanId.set(span.spanId, row);
    maxDepth = Math.max(maxDepth, node.depth);
    const events = span.events;
    return {
      row,
      span,
      depth: node.depth,
      childCount: node.childCount,
      parentRow: node.parentRow,
      subtreeEnd: node.subtreeEnd,
      startUs: starts[node.inputIndex]!,
      endUs: ends[node.inputIndex]!,
      serviceName: serviceOfResource[span.resourceIndex] ?? 'unknown_service',
      serviceIndex: serviceIndexOfResource[span.resourceIndex] ?? services.length,
      isError: span.status?.code === OtlpStatusCode.ERROR,
      eventOffsetsUs: events ? events.map((event) => microsSince(base, event.timeUnixNano)) : [],
    };
  });
  return {
    trace,
    spans: viewSpans,
    rowBySpanId,
    durationUs,
    services,
    maxDepth,
    baseWholeMicros: base,
  };
}
