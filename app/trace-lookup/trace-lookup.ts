// "Open trace by id": a whole trace id or the first digits of one (what a log line or a colleague
// gives), looked up in a source of traces: the local store, or (sources/source-service.ts) a Jaeger,
// which is asked for a whole id and looks a prefix up among its last search's results with this.
import type { LookupTraceResult } from '../contract';
import type { TraceSummary } from '../model/trace';

/** At most this many candidates are listed for a prefix that several traces share. */
export const MAX_LOOKUP_MATCHES = 20;

export interface TraceLookupSource {
  /** `idPrefix` is 1 to 32 lowercase hex digits (checked by contract-validation.ts). */
  lookup(idPrefix: string, limit: number): Promise<LookupTraceResult>;
}

/** What the local lookup needs of the store: its public read methods (either may answer with a
 * promise, as a store in a worker would). */
export interface LocalTraceIndex {
  getSummary(traceId: string): TraceSummary | undefined | Promise<TraceSummary | undefined>;
  /** Every summary, newest first. */
  listTraces(): readonly TraceSummary[] | Promise<readonly TraceSummary[]>;
}

export function localTraceLookup(store: LocalTraceIndex): TraceLookupSource {
  return {
    async lookup(idPrefix, limit) {
      if (idPrefix.length === 32) {
        const summary = await store.getSummary(idPrefix);
        return { matches: summary ? [summary] : [], matchCount: summary ? 1 : 0 };
      }
      const matches: TraceSummary[] = [];
      let matchCount = 0;
      for (const summary of await store.listTraces()) {
        if (!summary.traceId.startsWith(idPrefix)) continue;
        matchCount += 1;
        if (matches.length < limit) matches.push(summary);
      }
      return { matches, matchCount };
    },
  };
}
