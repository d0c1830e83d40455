// The traces a remote source answered, held in memory so the viewer's commands (outline, span,
// find, events, export) read them through the same store interface as the local store's: per
// source, the traces last opened and the last search's results (whole traces, as Jaeger answers a
// search), each a throwaway in-memory store. Nothing here is written to disk.
import { DatabaseTraceStore } from '../storage/database-trace-store';
import type { IncomingSpan } from '../storage/incoming-span';
import { MemoryBackend } from '../storage/memory-backend';
import type { TraceStore } from '../storage/trace-store';
import { MAX_SOURCE_SEARCH_LIMIT } from '../contract-schemas';

/** Opened traces kept per source (the waterfall, a comparison and a trace or two before them). */
export const OPENED_REMOTE_TRACES_KEPT = 8;

interface SourceTraces {
  readonly opened: TraceStore;
  results: TraceStore;
}

function memoryStore(maxTraces: number): TraceStore {
  return new DatabaseTraceStore(new MemoryBackend(), { maxTraces });
}

export class RemoteTraceCache {
  private readonly bySource = new Map<string, SourceTraces>();

  private of(sourceId: string): SourceTraces {
    let traces = this.bySource.get(sourceId);
    if (!traces) {
      traces = {
        opened: memoryStore(OPENED_REMOTE_TRACES_KEPT),
        results: memoryStore(MAX_SOURCE_SEARCH_LIMIT),
      };
      this.bySource.set(sourceId, traces);
    }
    return traces;
  }

  /** Keeps a freshly opened trace, replacing an older copy of it. */
  async putOpened(
    sourceId: string,
    traceId: string,
    spans: readonly IncomingSpan[],
  ): Promise<void> {
    const { opened } = this.of(sourceId);
    await opened.deleteTraces([traceId]);
    await opened.addSpans(spans);
  }

  /** The last search's traces replace the ones before. */
  async replaceResults(sourceId: string, spans: readonly IncomingSpan[]): Promise<void> {
    const traces = this.of(sourceId);
    const previous = traces.results;
    traces.results = memoryStore(MAX_SOURCE_SEARCH_LIMIT);
    await previous.close();
    await traces.results.addSpans(spans);
  }

  /** The store holding this trace of the source (opened first, then the search results). */
  holding(sourceId: string, traceId: string): TraceStore | undefined {
    const traces = this.bySource.get(sourceId);
    if (!traces) return undefined;
    if (traces.opened.getSummary(traceId)) return traces.opened;
    if (traces.results.getSummary(traceId)) return traces.results;
    return undefined;
  }

  /** The last search's traces (an empty store before the first search). */
  results(sourceId: string): TraceStore {
    return this.of(sourceId).results;
  }

  /** Drops a source's traces (it was changed or removed). */
  async forget(sourceId: string): Promise<void> {
    const traces = this.bySource.get(sourceId);
    this.bySource.delete(sourceId);
    if (traces) await Promise.all([traces.opened.close(), traces.results.close()]);
  }

  async close(): Promise<void> {
    await Promise.all([...this.bySource.keys()].map((id) => this.forget(id)));
  }
}
