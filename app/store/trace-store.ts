// A bounded, in-memory store of traces, grouped from spans as they arrive (in any order).
import type { AppSpan, TraceDetail, TraceSummary } from '../model/trace';
import type { OtlpResource, OtlpScope, OtlpSpan } from '../model/otlp';
import { OtlpStatusCode } from '../model/otlp';
import { serviceNameOf } from './resource-attributes';

export const DEFAULT_MAX_TRACES = 10_000;

/** A span as it arrives, with the resource and scope it was reported under. */
export interface IncomingSpan {
  readonly span: OtlpSpan;
  readonly resource: OtlpResource;
  readonly scope: OtlpScope;
}

export interface StoreChange {
  readonly changedTraceIds: readonly string[];
  readonly removedTraceIds: readonly string[];
}

export type StoreListener = (change: StoreChange) => void;

interface TraceEntry {
  readonly traceId: string;
  readonly spans: AppSpan[];
  readonly spanIds: Set<string>;
  readonly resources: OtlpResource[];
  readonly scopes: OtlpScope[];
  // Tables are interned by object identity first (one export batch shares objects), then by value.
  readonly resourceIndexByObject: Map<OtlpResource, number>;
  readonly resourceIndexByKey: Map<string, number>;
  readonly scopeIndexByObject: Map<OtlpScope, number>;
  readonly scopeIndexByKey: Map<string, number>;
  start: bigint;
  end: bigint;
  errorCount: number;
  root: AppSpan | undefined;
  summary: TraceSummary | undefined;
}

export class TraceStore {
  readonly maxTraces: number;
  // Map iteration order is insertion order: the first key is the oldest trace.
  private readonly traces = new Map<string, TraceEntry>();
  private readonly listeners = new Set<StoreListener>();
  private dropped = 0;

  constructor(options: { maxTraces?: number } = {}) {
    const maxTraces = options.maxTraces ?? DEFAULT_MAX_TRACES;
    if (!Number.isInteger(maxTraces) || maxTraces < 1) {
      throw new RangeError(`maxTraces must be a whole number of at least 1, got ${maxTraces}`);
    }
    this.maxTraces = maxTraces;
  }

  get traceCount(): number {
    return this.traces.size;
  }

  /** How many traces were dropped, oldest first, to keep the store within maxTraces. */
  get droppedTraceCount(): number {
    return this.dropped;
  }

  /** Adds spans (a span already stored is ignored) and notifies subscribers once. */
  addSpans(incoming: readonly IncomingSpan[]): void {
    const changed = new Set<string>();
    const removed: string[] = [];
    for (const item of incoming) {
      const entry = this.entryFor(item.span.traceId, removed);
      if (addSpanToEntry(entry, item)) changed.add(entry.traceId);
    }
    for (const id of removed) changed.delete(id);
    if (changed.size === 0 && removed.length === 0) return;
    const change: StoreChange = { changedTraceIds: [...changed], removedTraceIds: removed };
    for (const listener of this.listeners) listener(change);
  }

  /** Summaries, newest trace (by start time) first. */
  listTraces(limit?: number): TraceSummary[] {
    const entries = [...this.traces.values()].sort((a, b) =>
      a.start === b.start ? 0 : a.start > b.start ? -1 : 1,
    );
    const chosen = limit === undefined ? entries : entries.slice(0, limit);
    return chosen.map(summaryOf);
  }

  getSummary(traceId: string): TraceSummary | undefined {
    const entry = this.traces.get(traceId);
    return entry && summaryOf(entry);
  }

  getTrace(traceId: string): TraceDetail | undefined {
    const entry = this.traces.get(traceId);
    if (!entry) return undefined;
    return {
      traceId,
      resources: [...entry.resources],
      scopes: [...entry.scopes],
      spans: [...entry.spans],
    };
  }

  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private entryFor(traceId: string, removed: string[]): TraceEntry {
    const existing = this.traces.get(traceId);
    if (existing) return existing;
    while (this.traces.size >= this.maxTraces) {
      const oldest = this.traces.keys().next().value as string;
      this.traces.delete(oldest);
      this.dropped += 1;
      removed.push(oldest);
    }
    const entry: TraceEntry = {
      traceId,
      spans: [],
      spanIds: new Set(),
      resources: [],
      scopes: [],
      resourceIndexByObject: new Map(),
      resourceIndexByKey: new Map(),
      scopeIndexByObject: new Map(),
      scopeIndexByKey: new Map(),
      start: 0n,
      end: 0n,
      errorCount: 0,
      root: undefined,
      summary: undefined,
    };
    this.traces.set(traceId, entry);
    return entry;
  }
}

function internIndex<T>(
  value: T,
  table: T[],
  byObject: Map<T, number>,
  byKey: Map<string, number>,
): number {
  const known = byObject.get(value);
  if (known !== undefined) return known;
  const key = JSON.stringify(value);
  let index = byKey.get(key);
  if (index === undefined) {
    index = table.length;
    table.push(value);
    byKey.set(key, index);
  }
  byObject.set(value, index);
  return index;
}

function addSpanToEntry(entry: TraceEntry, { span, resource, scope }: IncomingSpan): boolean {
  if (entry.spanIds.has(span.spanId)) return false;
  const stored: AppSpan = {
    ...span,
    resourceIndex: internIndex(
      resource,
      entry.resources,
      entry.resourceIndexByObject,
      entry.resourceIndexByKey,
    ),
    scopeIndex: internIndex(scope, entry.scopes, entry.scopeIndexByObject, entry.scopeIndexByKey),
  };
  const start = BigInt(span.startTimeUnixNano);
  const end = BigInt(span.endTimeUnixNano);
  if (entry.spans.length === 0 || start < entry.start) entry.start = start;
  if (entry.spans.length === 0 || end > entry.end) entry.end = end;
  entry.spans.push(stored);
  entry.spanIds.add(span.spanId);
  if (span.status?.code === OtlpStatusCode.ERROR) entry.errorCount += 1;
  if (!span.parentSpanId && (!entry.root || start < BigInt(entry.root.startTimeUnixNano))) {
    entry.root = stored;
  }
  entry.summary = undefined;
  return true;
}

function summaryOf(entry: TraceEntry): TraceSummary {
  if (entry.summary) return entry.summary;
  const root = entry.root ?? earliestSpan(entry.spans);
  const durationNanos = entry.end - entry.start;
  entry.summary = {
    traceId: entry.traceId,
    rootSpanName: root?.name ?? '',
    serviceName: root ? serviceNameOf(entry.resources[root.resourceIndex]) : '',
    startTimeUnixNano: entry.start.toString(),
    endTimeUnixNano: entry.end.toString(),
    durationMicros: Number(durationNanos) / 1000,
    spanCount: entry.spans.length,
    errorCount: entry.errorCount,
    hasRoot: entry.root !== undefined,
  };
  return entry.summary;
}

function earliestSpan(spans: readonly AppSpan[]): AppSpan | undefined {
  let earliest: AppSpan | undefined;
  for (const span of spans) {
    if (!earliest || BigInt(span.startTimeUnixNano) < BigInt(earliest.startTimeUnixNano)) {
      earliest = span;
    }
  }
  return earliest;
}
