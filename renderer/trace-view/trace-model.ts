// A loaded trace as the viewer works with it: spans in depth-first order with their depth, times
// as microseconds from the trace start (numbers, converted once by the core: see TraceOutline).
import { OtlpStatusCode, type TraceOutline } from '../../app/contract';
import { startResolutions } from './critical-path';
import { orderTree } from './span-tree';

export interface ViewSpan {
  /** Row in depth-first order: the span's index in TraceModel.spans. */
  readonly row: number;
  /** Index in the outline's arrays. */
  readonly index: number;
  readonly spanId: string;
  readonly name: string;
  readonly kind: number;
  readonly depth: number;
  readonly childCount: number;
  /** Row of the parent, -1 for a root. */
  readonly parentRow: number;
  /** Rows [row, subtreeEnd) are this span and its descendants. */
  readonly subtreeEnd: number;
  readonly startUs: number;
  readonly endUs: number;
  readonly serviceName: string;
  /** Index into TraceModel.services (distinct names), for the service's color. */
  readonly serviceIndex: number;
  readonly statusCode: number;
  readonly statusMessage: string | undefined;
  readonly isError: boolean;
  /** The span's events are outline events [firstEvent, firstEvent + eventOffsetsUs.length). */
  readonly firstEvent: number;
  readonly eventOffsetsUs: Float64Array;
  /** How finely the start time was taken (see critical-path.ts): 1000, 1 or 0 µs. */
  readonly startResolutionUs: number;
}

export interface TraceModel {
  readonly outline: TraceOutline;
  readonly traceId: string;
  readonly spans: readonly ViewSpan[];
  readonly rowBySpanId: ReadonlyMap<string, number>;
  readonly durationUs: number;
  /** Distinct service names, in order of first resource. */
  readonly services: readonly string[];
  readonly maxDepth: number;
}

export function buildTraceModel(outline: TraceOutline): TraceModel {
  const count = outline.spanIds.length;
  const services = [...new Set(outline.services)];
  const colorOfResource = outline.services.map((name) => services.indexOf(name));
  const firstEvent = new Int32Array(count + 1);
  for (let i = 0; i < count; i++) firstEvent[i + 1] = firstEvent[i]! + outline.eventCounts[i]!;

  const tree = orderTree(outline.parents, outline.startUs);
  const baseNanos = outline.startTimeUnixNano;
  const resolutions = startResolutions(
    outline.startUs,
    outline.serviceIndex,
    Number(baseNanos.length > 6 ? baseNanos.slice(-6) : baseNanos),
  );
  const rowBySpanId = new Map<string, number>();
  let maxDepth = 0;
  let durationUs = 0;
  const spans = tree.map((node, row): ViewSpan => {
    const index = node.inputIndex;
    const spanId = outline.spanIds[index]!;
    rowBySpanId.set(spanId, row);
    maxDepth = Math.max(maxDepth, node.depth);
    const startUs = outline.startUs[index]!;
    const endUs = Math.max(startUs, outline.endUs[index]!);
    durationUs = Math.max(durationUs, endUs);
    const resource = outline.serviceIndex[index]!;
    const statusCode = outline.statusCodes[index]!;
    const eventsFrom = firstEvent[index]!;
    const eventsTo = firstEvent[index + 1]!;
    return {
      row,
      index,
      spanId,
      name: outline.names[outline.nameIndex[index]!] ?? '',
      kind: outline.kinds[index]!,
      depth: node.depth,
      childCount: node.childCount,
      parentRow: node.parentRow,
      subtreeEnd: node.subtreeEnd,
      startUs,
      endUs,
      serviceName: outline.services[resource] ?? 'unknown_service',
      serviceIndex: colorOfResource[resource] ?? services.length,
      statusCode,
      statusMessage: outline.statusMessages[index],
      isError: statusCode === OtlpStatusCode.ERROR,
      firstEvent: eventsFrom,
      eventOffsetsUs:
        eventsTo > eventsFrom ? outline.eventOffsetsUs.subarray(eventsFrom, eventsTo) : noEvents,
      startResolutionUs: resolutions.get(resource) ?? 0,
    };
  });
  return {
    outline,
    traceId: outline.traceId,
    spans,
    rowBySpanId,
    durationUs,
    services,
    maxDepth,
  };
}

const noEvents = new Float64Array(0);
