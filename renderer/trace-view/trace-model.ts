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
  /** The row of each span by its index in the outline. */
  readonly rowOfIndex: Int32Array;
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
  let maxDepth = 0;
  let durationUs = 0;
  const rowOfIndex = new Int32Array(count).fill(-1);
  const spans = tree.map((node, row): ViewSpan => {
    const index = node.inputIndex;
    rowOfIndex[index] = row;
    const spanId = outline.spanIds[index]!;
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
    rowBySpanId: new RowsBySpanId(spans),
    rowOfIndex,
    durationUs,
    services,
    maxDepth,
  };
}

const noEvents = new Float64Array(0);

/**
 * Rows by span id, built the first time one is asked for: a Map of 1,000,000 ids takes about
 * 0.4 s, which the first paint of a big trace need not wait for (it looks none up), nor Find in
 * trace (the core says where its matches are in the outline: rowOfIndex).
 */
class RowsBySpanId implements ReadonlyMap<string, number> {
  private map: Map<string, number> | undefined;

  constructor(private readonly spans: readonly ViewSpan[]) {}

  private built(): Map<string, number> {
    if (!this.map) {
      const map = new Map<string, number>();
      this.spans.forEach((span, row) => map.set(span.spanId, row));
      this.map = map;
    }
    return this.map;
  }

  get(spanId: string): number | undefined {
    return this.built().get(spanId);
  }

  has(spanId: string): boolean {
    return this.built().has(spanId);
  }

  get size(): number {
    return this.built().size;
  }

  forEach(
    callback: (row: number, spanId: string, map: ReadonlyMap<string, number>) => void,
    thisArg?: unknown,
  ): void {
    for (const [spanId, row] of this.built()) callback.call(thisArg, row, spanId, this);
  }

  entries() {
    return this.built().entries();
  }

  keys() {
    return this.built().keys();
  }

  values() {
    return this.built().values();
  }

  [Symbol.iterator]() {
    return this.built()[Symbol.iterator]();
  }
}
