// Per-trace facts the filters and the latency table need, kept beside the store so a query over
// 10,000 traces never walks OTLP objects. Entries are rebuilt lazily: a store change only marks the
// trace dirty, and the next query re-reads the few traces that changed.
import { attributeValueText } from '../model/attribute-text';
import type { OtlpKeyValue } from '../model/otlp';
import { OtlpStatusCode } from '../model/otlp';
import type { TraceSummary } from '../model/trace';
import { serviceNameOf } from '../store/resource-attributes';
import type { TraceStore } from '../store/trace-store';

export interface IndexedTrace {
  readonly summary: TraceSummary;
  readonly startUnixMillis: number;
  readonly services: ReadonlySet<string>;
  readonly spanNames: ReadonlySet<string>;
  /** Operation ids (see OperationTable) of the trace's spans. */
  readonly operations: ReadonlySet<number>;
  /** Span and resource attributes flattened as [key0, value0, key1, value1, …], values as text. */
  readonly attributePairs: readonly string[];
  /** One slot per span: its operation id, duration and whether its status is ERROR. */
  readonly spanOperations: Int32Array;
  readonly spanDurationsMicros: Float64Array;
  readonly spanErrors: Uint8Array;
}

/** Interns (service, span name) pairs as small numbers, so per-span data fits typed arrays. */
export class OperationTable {
  private readonly ids = new Map<string, number>();
  readonly services: string[] = [];
  readonly spanNames: string[] = [];

  idOf(service: string, spanName: string): number {
    const key = `${service}\u0000${spanName}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.services.length;
      this.ids.set(key, id);
      this.services.push(service);
      this.spanNames.push(spanName);
    }
    return id;
  }

  find(service: string, spanName: string): number | undefined {
    return this.ids.get(`${service}\u0000${spanName}`);
  }
}

function pushAttributes(target: string[], attributes: readonly OtlpKeyValue[] | undefined): void {
  if (!attributes) return;
  for (const attribute of attributes)
    target.push(attribute.key, attributeValueText(attribute.value));
}

/** Decimal unix-nano strings of the same length order like their numbers. */
export function compareUnixNano(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

export class TraceSearchIndex {
  readonly operationTable = new OperationTable();
  private readonly entries = new Map<string, IndexedTrace>();
  private readonly dirty = new Set<string>();
  /** Entries newest first; undefined after any change until the next query needs it. */
  private ordered: IndexedTrace[] | undefined;
  private cachedFacets: { services: string[]; spanNames: string[] } | undefined;
  private readonly unsubscribe: () => void;

  constructor(private readonly store: TraceStore) {
    for (const summary of store.listTraces()) this.dirty.add(summary.traceId);
    this.unsubscribe = store.subscribe((change) => {
      for (const id of change.changedTraceIds) this.dirty.add(id);
      for (const id of change.removedTraceIds) {
        this.dirty.delete(id);
        this.entries.delete(id);
      }
      this.ordered = undefined;
      this.cachedFacets = undefined;
    });
  }

  /** Every indexed trace, newest (by start time) first. */
  tracesNewestFirst(): readonly IndexedTrace[] {
    this.refresh();
    if (!this.ordered) {
      this.ordered = [...this.entries.values()].sort((a, b) =>
        compareUnixNano(b.summary.startTimeUnixNano, a.summary.startTimeUnixNano),
      );
    }
    return this.ordered;
  }

  /** Every service and span name in the indexed traces, sorted (cached until the next change). */
  facets(): { readonly services: readonly string[]; readonly spanNames: readonly string[] } {
    const traces = this.tracesNewestFirst();
    if (!this.cachedFacets) {
      const services = new Set<string>();
      const spanNames = new Set<string>();
      for (const trace of traces) {
        for (const service of trace.services) services.add(service);
        for (const name of trace.spanNames) spanNames.add(name);
      }
      this.cachedFacets = { services: [...services].sort(), spanNames: [...spanNames].sort() };
    }
    return this.cachedFacets;
  }

  close(): void {
    this.unsubscribe();
  }

  private refresh(): void {
    if (this.dirty.size === 0) return;
    for (const traceId of this.dirty) {
      const entry = this.build(traceId);
      if (entry) this.entries.set(traceId, entry);
      else this.entries.delete(traceId);
    }
    this.dirty.clear();
    this.ordered = undefined;
    this.cachedFacets = undefined;
  }

  private build(traceId: string): IndexedTrace | undefined {
    const trace = this.store.getTrace(traceId);
    const summary = this.store.getSummary(traceId);
    if (!trace || !summary) return undefined;
    const resourceServices = trace.resources.map(serviceNameOf);
    const attributePairs: string[] = [];
    for (const resource of trace.resources) pushAttributes(attributePairs, resource.attributes);
    const count = trace.spans.length;
    const spanOperations = new Int32Array(count);
    const spanDurationsMicros = new Float64Array(count);
    const spanErrors = new Uint8Array(count);
    const services = new Set<string>();
    const spanNames = new Set<string>();
    const operations = new Set<number>();
    trace.spans.forEach((span, i) => {
      const service = resourceServices[span.resourceIndex] ?? 'unknown_service';
      const operation = this.operationTable.idOf(service, span.name);
      services.add(service);
      spanNames.add(span.name);
      operations.add(operation);
      spanOperations[i] = operation;
      spanDurationsMicros[i] =
        Number(BigInt(span.endTimeUnixNano) - BigInt(span.startTimeUnixNano)) / 1000;
      spanErrors[i] = span.status?.code === OtlpStatusCode.ERROR ? 1 : 0;
      pushAttributes(attributePairs, span.attributes);
    });
    return {
      summary,
      startUnixMillis: Number(BigInt(summary.startTimeUnixNano) / 1_000_000n),
      services,
      spanNames,
      operations,
      attributePairs,
      spanOperations,
      spanDurationsMicros,
      spanErrors,
    };
  }
}
