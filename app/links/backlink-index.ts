// Which stored spans link to a given span. Links are stored on the span that has them, so asking
// the other way round would mean reading every trace; this index is kept beside the store instead,
// from the store's public reads and its change events only (see LinkedStore), so that a store
// with a database can answer the same two questions with one indexed query of its own.
import type { Backlink, BacklinksResult, TraceBacklinks } from '../model/links';
import type { TraceDetail, TraceSummary } from '../model/trace';
import { serviceNameOf } from '../store/resource-attributes';
import type { StoreChange } from '../store/trace-store';

export const MAX_BACKLINKS = 1_000;

/** All the index needs of a store. */
export interface LinkedStore {
  getTrace(traceId: string): TraceDetail | undefined;
  getSummary(traceId: string): TraceSummary | undefined;
  listTraces(): readonly TraceSummary[];
  subscribe(listener: (change: StoreChange) => void): () => void;
}

export interface BacklinkIndexOptions {
  /** Index changed traces this long after the last change, in the background. */
  readonly settleMs?: number;
  /** Background indexing works in slices of about this long, then yields to other work. */
  readonly sliceMs?: number;
}

interface SourceEntry {
  readonly spanCount: number;
  /** Target keys (traceId/spanId) this trace's spans link to, one per link. */
  readonly targets: readonly string[];
}

const keyOf = (traceId: string, spanId: string) => `${traceId}/${spanId}`;

export class BacklinkIndex {
  /** Target key → the links pointing at it. */
  private readonly byTarget = new Map<string, Backlink[]>();
  /** Target trace id → target span id → number of links to it. */
  private readonly countsByTrace = new Map<string, Map<string, number>>();
  private readonly bySource = new Map<string, SourceEntry>();
  private readonly dirty = new Set<string>();
  private readonly unsubscribe: () => void;
  private readonly settleMs: number;
  private readonly sliceMs: number;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: LinkedStore,
    options: BacklinkIndexOptions = {},
  ) {
    this.settleMs = options.settleMs ?? 50;
    this.sliceMs = options.sliceMs ?? 20;
    for (const summary of store.listTraces()) this.dirty.add(summary.traceId);
    this.unsubscribe = store.subscribe((change) => this.onStoreChange(change));
    if (this.dirty.size > 0) this.schedule();
  }

  /** The stored spans whose links point at this span. */
  backlinksOf(traceId: string, spanId: string): BacklinksResult {
    this.indexDirty(Infinity);
    const links = this.byTarget.get(keyOf(traceId, spanId)) ?? [];
    return { backlinks: links.slice(0, MAX_BACKLINKS), total: links.length };
  }

  /** The spans of a trace that stored spans link to. */
  backlinkedSpansOf(traceId: string): TraceBacklinks {
    this.indexDirty(Infinity);
    const counts = this.countsByTrace.get(traceId);
    return { spanIds: [...(counts?.keys() ?? [])], counts: [...(counts?.values() ?? [])] };
  }

  close(): void {
    this.unsubscribe();
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private onStoreChange(change: StoreChange): void {
    for (const id of change.removedTraceIds) {
      this.dirty.delete(id);
      this.forget(id);
    }
    for (const id of change.changedTraceIds) this.dirty.add(id);
    if (change.changedTraceIds.length > 0) this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.indexInBackground(), this.settleMs);
    this.timer.unref();
  }

  private indexInBackground(): void {
    this.timer = undefined;
    if (this.indexDirty(this.sliceMs) > 0) {
      this.timer = setTimeout(() => this.indexInBackground(), 0);
      this.timer.unref();
    }
  }

  /** Indexes dirty traces for about `budgetMs`; answers how many are left. */
  private indexDirty(budgetMs: number): number {
    const until = performance.now() + budgetMs;
    for (const traceId of this.dirty) {
      this.dirty.delete(traceId);
      this.index(traceId);
      if (performance.now() >= until) break;
    }
    return this.dirty.size;
  }

  private index(traceId: string): void {
    const summary = this.store.getSummary(traceId);
    if (!summary) {
      this.forget(traceId);
      return;
    }
    // A trace's spans are only ever added: the same span count means nothing new to read.
    if (this.bySource.get(traceId)?.spanCount === summary.spanCount) return;
    const trace = this.store.getTrace(traceId);
    this.forget(traceId);
    if (!trace) return;
    const targets: string[] = [];
    const services = trace.resources.map(serviceNameOf);
    for (const span of trace.spans) {
      if (!span.links?.length) continue;
      for (const link of span.links) {
        const key = keyOf(link.traceId, link.spanId);
        targets.push(key);
        const entry: Backlink = {
          traceId,
          spanId: span.spanId,
          spanName: span.name,
          serviceName: services[span.resourceIndex] ?? 'unknown_service',
          attributes: link.attributes ?? [],
        };
        const list = this.byTarget.get(key);
        if (list) list.push(entry);
        else this.byTarget.set(key, [entry]);
        let counts = this.countsByTrace.get(link.traceId);
        if (!counts) this.countsByTrace.set(link.traceId, (counts = new Map()));
        counts.set(link.spanId, (counts.get(link.spanId) ?? 0) + 1);
      }
    }
    this.bySource.set(traceId, { spanCount: trace.spans.length, targets });
  }

  /** Drops the links that spans of `traceId` have (links pointing into it stay). */
  private forget(traceId: string): void {
    const source = this.bySource.get(traceId);
    if (!source) return;
    this.bySource.delete(traceId);
    for (const key of new Set(source.targets)) {
      const list = this.byTarget.get(key);
      if (!list) continue;
      const kept = list.filter((entry) => entry.traceId !== traceId);
      const removed = list.length - kept.length;
      if (kept.length > 0) this.byTarget.set(key, kept);
      else this.byTarget.delete(key);
      const slash = key.indexOf('/');
      const targetTrace = key.slice(0, slash);
      const counts = this.countsByTrace.get(targetTrace);
      if (!counts) continue;
      const spanId = key.slice(slash + 1);
      const left = (counts.get(spanId) ?? 0) - removed;
      if (left > 0) counts.set(spanId, left);
      else counts.delete(spanId);
      if (counts.size === 0) this.countsByTrace.delete(targetTrace);
    }
  }
}
