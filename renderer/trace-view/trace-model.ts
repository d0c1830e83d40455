// A loaded trace as the viewer works with it: spans in depth-first order with their depth, times
// as microseconds from the trace start (numbers, converted once by the core: see TraceOutline).
import { OtlpStatusCode, type TraceOutline } from '../../app/contract';
import { spanIdAt } from '../../app/model/outline-span-ids';
import { startResolutions } from './critical-path';
import { orderTreeColumns, type TreeColumns } from './span-tree';

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
  /** The span's events are outline events [firstEvent, firstEvent + eventCount). */
  readonly firstEvent: number;
  readonly eventCount: number;
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
  /** ViewSpan.serviceIndex of each resource (outline.serviceIndex); services.length for none. */
  readonly colorOfResource: readonly number[];
  readonly maxDepth: number;
  /** The rows' tree fields as columns (depth, childCount, parentRow, subtreeEnd by row), for
   * loops over every row. */
  readonly tree: TreeColumns;
}

export function buildTraceModel(outline: TraceOutline): TraceModel {
  const count = outline.parents.length;
  const services = [...new Set(outline.services)];
  const firstEvent = new Int32Array(count + 1);
  for (let i = 0; i < count; i++) firstEvent[i + 1] = firstEvent[i]! + outline.eventCounts[i]!;
  const tree = orderTreeColumns(outline.parents, outline.startUs);
  const baseNanos = outline.startTimeUnixNano;
  const resolutions = startResolutions(
    outline.startUs,
    outline.serviceIndex,
    Number(baseNanos.length > 6 ? baseNanos.slice(-6) : baseNanos),
  );
  const columns: SpanColumns = {
    outline,
    tree,
    firstEvent,
    colorOfResource: outline.services.map((name) => services.indexOf(name)),
    serviceCount: services.length,
    resolutionOfResource: outline.services.map((_, resource) => resolutions.get(resource) ?? 0),
  };
  let maxDepth = 0;
  let durationUs = 0;
  const rowOfIndex = new Int32Array(count).fill(-1);
  // One small view per row (its fields are read from the columns): a million rows cost a
  // million two-field objects, not a million copies of every field.
  const spans = new Array<ViewSpan>(count);
  const { inputIndex, depth } = tree;
  const { startUs, endUs } = outline;
  for (let row = 0; row < count; row++) {
    const index = inputIndex[row]!;
    rowOfIndex[index] = row;
    if (depth[row]! > maxDepth) maxDepth = depth[row]!;
    const end = Math.max(startUs[index]!, endUs[index]!);
    if (end > durationUs) durationUs = end;
    spans[row] = new SpanRow(columns, row);
  }
  return {
    outline,
    traceId: outline.traceId,
    spans,
    rowBySpanId: new RowsBySpanId(spans),
    rowOfIndex,
    durationUs,
    services,
    colorOfResource: columns.colorOfResource,
    maxDepth,
    tree,
  };
}

/** What a SpanRow reads its fields from, shared by every row of a model. */
interface SpanColumns {
  readonly outline: TraceOutline;
  readonly tree: TreeColumns;
  /** The span's events are outline events [firstEvent[index], firstEvent[index + 1]). */
  readonly firstEvent: Int32Array;
  readonly colorOfResource: readonly number[];
  readonly serviceCount: number;
  readonly resolutionOfResource: readonly number[];
}

/** A row of the model, its fields read from the outline's and the tree's columns when asked. */
class SpanRow implements ViewSpan {
  constructor(
    private readonly columns: SpanColumns,
    readonly row: number,
  ) {}

  get index(): number {
    return this.columns.tree.inputIndex[this.row]!;
  }
  get spanId(): string {
    return spanIdAt(this.columns.outline, this.index)!;
  }
  get name(): string {
    const { outline } = this.columns;
    return outline.names[outline.nameIndex[this.index]!] ?? '';
  }
  get kind(): number {
    return this.columns.outline.kinds[this.index]!;
  }
  get depth(): number {
    return this.columns.tree.depth[this.row]!;
  }
  get childCount(): number {
    return this.columns.tree.childCount[this.row]!;
  }
  get parentRow(): number {
    return this.columns.tree.parentRow[this.row]!;
  }
  get subtreeEnd(): number {
    return this.columns.tree.subtreeEnd[this.row]!;
  }
  get startUs(): number {
    return this.columns.outline.startUs[this.index]!;
  }
  get endUs(): number {
    const { outline } = this.columns;
    const index = this.index;
    return Math.max(outline.startUs[index]!, outline.endUs[index]!);
  }
  get serviceName(): string {
    const { outline } = this.columns;
    return outline.services[outline.serviceIndex[this.index]!] ?? 'unknown_service';
  }
  get serviceIndex(): number {
    const { outline, colorOfResource, serviceCount } = this.columns;
    return colorOfResource[outline.serviceIndex[this.index]!] ?? serviceCount;
  }
  get statusCode(): number {
    return this.columns.outline.statusCodes[this.index]!;
  }
  get statusMessage(): string | undefined {
    return this.columns.outline.statusMessages[this.index];
  }
  get isError(): boolean {
    return this.statusCode === OtlpStatusCode.ERROR;
  }
  get firstEvent(): number {
    return this.columns.firstEvent[this.index]!;
  }
  get eventCount(): number {
    return this.columns.outline.eventCounts[this.index]!;
  }
  get eventOffsetsUs(): Float64Array {
    const from = this.firstEvent;
    const to = this.columns.firstEvent[this.index + 1]!;
    return to > from ? this.columns.outline.eventOffsetsUs.subarray(from, to) : noEvents;
  }
  get startResolutionUs(): number {
    const { outline, resolutionOfResource } = this.columns;
    return resolutionOfResource[outline.serviceIndex[this.index]!] ?? 0;
  }
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
