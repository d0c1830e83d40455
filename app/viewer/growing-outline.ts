// A trace's outline (model/trace-outline.ts) that grows as the trace receives spans: each batch of
// the store's columns is appended to typed arrays that grow by doubling, so a trace streaming in
// is never rebuilt, and a caller that already holds the first part is answered with only what came
// after it (`outline(since)`). Times are kept in nanoseconds from the first span seen (exact
// integers), so a span earlier than all before it only moves the base the answer is relative to.
import type { OutlineCursor, TraceOutline } from '../model/trace-outline';
import { GrowingFloats, GrowingInts } from '../model/growing-columns';
import { SpanIdTable } from '../storage/span-id-table';
import { nanosFrom, wholeMicros } from './relative-micros';
import type { OutlineColumns } from './trace-outline';

/** Entries by span index that only some spans have, in index order (binary-searchable). */
class SparseColumn<T> {
  readonly indexes: number[] = [];
  readonly values: T[] = [];
  push(index: number, value: T): void {
    this.indexes.push(index);
    this.values.push(value);
  }
  /** The entries for span indexes from `from` on, as the outline's record. */
  recordFrom(from: number): Record<number, T> {
    const record: Record<number, T> = {};
    for (let at = firstAtLeast(this.indexes, from); at < this.indexes.length; at++)
      record[this.indexes[at]!] = this.values[at]!;
    return record;
  }
}

/** The first position of sorted `values` holding at least `value`. */
function firstAtLeast(values: readonly number[], value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

export class GrowingOutline {
  /** The spans' ids by index, each found at the first index it came with. */
  private readonly spanIds = new SpanIdTable();
  /** Spans whose parent id names a span not seen yet, by that id. */
  private readonly waitingForParent = new Map<string, number[]>();
  /** (child, parent) pairs, in the order the parents arrived: a parent index only grows. */
  private readonly fixedChildren: number[] = [];
  private readonly fixedParents: number[] = [];
  private readonly parents = new GrowingInts();
  private readonly nameIndex = new GrowingInts();
  private readonly serviceIndex = new GrowingInts();
  private readonly kinds = new GrowingInts();
  private readonly statusCodes = new GrowingInts();
  private readonly eventCounts = new GrowingInts();
  private readonly startNs = new GrowingFloats();
  private readonly endNs = new GrowingFloats();
  private readonly eventNs = new GrowingFloats();
  private readonly eventNameIndex = new GrowingInts();
  private readonly statusMessages = new SparseColumn<string>();
  private readonly linkCounts = new SparseColumn<number>();
  private readonly statementShapes = new SparseColumn<number>();
  private readonly names: string[] = [];
  private readonly nameIds = new Map<string, number>();
  private services: readonly string[] = [];
  private anchorWholeMicros: number | undefined;
  private toNanos: (unixNano: string) => number = () => 0;
  /** The earliest start, in nanoseconds from the anchor. */
  private earliestNs = Infinity;
  private textChars = 0;

  constructor(readonly traceId: string) {}

  get spanCount(): number {
    return this.spanIds.size;
  }

  /** What the outline holds now, for a later `outline(since)`. */
  get cursor(): OutlineCursor {
    return { spans: this.spanIds.size, names: this.names.length, events: this.eventNs.length };
  }

  /** About what it takes in memory (for the outline cache's bound). */
  get estimatedBytes(): number {
    const typed = (this.startNs.values.length + this.endNs.values.length) * 8;
    const ints = this.parents.values.length * 4 * 6;
    const events = this.eventNs.values.length * 12;
    return 1024 + typed + ints + events + this.spanIds.bytes + this.textChars * 2;
  }

  /** Appends the next spans of the trace; `columns.services` is the whole trace's list. */
  append(columns: OutlineColumns): this {
    const { spanIds, starts } = columns;
    const count = spanIds.length;
    if (count === 0) return this;
    if (this.anchorWholeMicros === undefined) {
      this.anchorWholeMicros = wholeMicros(starts[0]!);
      this.toNanos = nanosFrom(this.anchorWholeMicros);
    }
    this.services = columns.services;
    const toNanos = this.toNanos;
    const first = this.spanIds.size;
    let event = 0;
    for (let offset = 0; offset < count; offset++) {
      const index = first + offset;
      const spanId = spanIds[offset]!;
      this.spanIds.push(spanId);
      const parentId = columns.parentIds[offset];
      let parent = -1;
      if (parentId) {
        parent = this.spanIds.indexOf(parentId);
        if (parent === -1) {
          const waiting = this.waitingForParent.get(parentId);
          if (waiting) waiting.push(index);
          else this.waitingForParent.set(parentId, [index]);
        }
      }
      this.parents.push(parent);
      const children = this.waitingForParent.get(spanId);
      if (children) {
        this.waitingForParent.delete(spanId);
        for (const child of children) {
          this.parents.values[child] = index;
          this.fixedChildren.push(child);
          this.fixedParents.push(index);
        }
      }
      this.nameIndex.push(this.intern(columns.names[offset]!));
      this.kinds.push(columns.kinds[offset]!);
      this.statusCodes.push(columns.statusCodes[offset]!);
      this.serviceIndex.push(columns.serviceIndex[offset]!);
      const start = toNanos(starts[offset]!);
      if (start < this.earliestNs) this.earliestNs = start;
      this.startNs.push(start);
      this.endNs.push(toNanos(columns.ends[offset]!));
      const message = columns.statusMessages[offset];
      if (message !== undefined) {
        this.statusMessages.push(index, message);
        this.textChars += message.length;
      }
      const links = columns.linkCounts[offset];
      if (links !== undefined) this.linkCounts.push(index, links);
      const shape = columns.statementShapes[offset];
      if (shape !== undefined) this.statementShapes.push(index, this.intern(shape));
      const events = columns.eventCounts[offset]!;
      this.eventCounts.push(events);
      // Names are interned span by span, each span's events after it.
      for (const last = event + events; event < last; event++) {
        this.eventNs.push(toNanos(columns.eventTimes[event]!));
        this.eventNameIndex.push(this.intern(columns.eventNames[event]!));
      }
    }
    return this;
  }

  /**
   * The whole outline, or (with `since`, a cursor of this outline) only what came after it: the
   * spans, names and events past it, and the earlier spans whose parent arrived since. Offsets are
   * from the earliest start now; a caller whose base differs needs the whole outline again.
   */
  outline(since?: OutlineCursor): TraceOutline {
    const fromSpan = since?.spans ?? 0;
    const fromEvent = since?.events ?? 0;
    const baseRelativeNs =
      this.anchorWholeMicros === undefined || !Number.isFinite(this.earliestNs)
        ? 0
        : Math.floor(this.earliestNs / 1000) * 1000;
    const baseWholeMicros = (this.anchorWholeMicros ?? 0) + baseRelativeNs / 1000;
    const micros = (values: Float64Array, from: number, to: number) => {
      const out = new Float64Array(Math.max(0, to - from));
      for (let at = from; at < to; at++) out[at - from] = (values[at]! - baseRelativeNs) / 1000;
      return out;
    };
    const spans = this.spanIds.size;
    const outline: TraceOutline = {
      traceId: this.traceId,
      startTimeUnixNano: `${baseWholeMicros}000`,
      services: this.services,
      names: since ? this.names.slice(since.names) : this.names.slice(),
      ...this.spanIds.outlineIdsFrom(fromSpan),
      parents: this.parents.copyFrom(fromSpan),
      nameIndex: this.nameIndex.copyFrom(fromSpan),
      serviceIndex: this.serviceIndex.copyFrom(fromSpan),
      kinds: this.kinds.copyFrom(fromSpan),
      startUs: micros(this.startNs.values, fromSpan, spans),
      endUs: micros(this.endNs.values, fromSpan, spans),
      statusCodes: this.statusCodes.copyFrom(fromSpan),
      statusMessages: this.statusMessages.recordFrom(fromSpan),
      linkCounts: this.linkCounts.recordFrom(fromSpan),
      statementShapeIndex: this.statementShapes.recordFrom(fromSpan),
      eventCounts: this.eventCounts.copyFrom(fromSpan),
      eventOffsetsUs: micros(this.eventNs.values, fromEvent, this.eventNs.length),
      eventNameIndex: this.eventNameIndex.copyFrom(fromEvent),
    };
    if (!since) return outline;
    const parentFixes: number[] = [];
    for (let at = firstAtLeast(this.fixedParents, fromSpan); at < this.fixedParents.length; at++) {
      const child = this.fixedChildren[at]!;
      if (child < fromSpan) parentFixes.push(child, this.fixedParents[at]!);
    }
    return { ...outline, since, parentFixes };
  }

  /** Whether `since` is a cursor this outline can answer from (it has at least that much). */
  holds(since: OutlineCursor): boolean {
    return (
      since.spans <= this.spanIds.size &&
      since.names <= this.names.length &&
      since.events <= this.eventNs.length
    );
  }

  private intern(name: string): number {
    let id = this.nameIds.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(name);
      this.nameIds.set(name, id);
      this.textChars += name.length;
    }
    return id;
  }
}
