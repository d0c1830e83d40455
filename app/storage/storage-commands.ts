// The contract's commands on the trace database itself: pin, delete (one, the list's matches, all)
// and its stats. Deleting what a filter matches uses the same query as the list, so "Delete
// matching" removes exactly the traces the list shows (all of them, not only the first page).
import type { SpanlightCommands } from '../contract';
import type { StorageStats } from '../model/storage';
import type { TraceQuery } from '../contract';
import type { StoreStats, TraceStore } from './trace-store';

const MIB = 1024 * 1024;
const HOUR_MS = 60 * 60 * 1000;

type StorageCommands = Pick<
  SpanlightCommands,
  'setTracePinned' | 'deleteTrace' | 'deleteMatchingTraces' | 'clearTraces' | 'getStorageStats'
>;

/** The store's stats as the window shows them (limits in the settings' units). */
export function storageStatsOf(stats: StoreStats): StorageStats {
  const { maxBytes, maxAgeMs, maxTraces } = stats.limits;
  return {
    ...stats,
    limits: {
      maxDatabaseMiB: Math.round(maxBytes / MIB),
      maxAgeHours: maxAgeMs === null ? null : Math.round(maxAgeMs / HOUR_MS),
      maxTraces,
    },
  };
}

export function createStorageCommands(store: TraceStore): StorageCommands {
  const deleteUnpinned = async (query: TraceQuery | undefined) => {
    const matched = store.queryTraces({ query }).traces;
    const ids = matched.filter((summary) => !summary.pinned).map((summary) => summary.traceId);
    const deletedTraces = await store.deleteTraces(ids);
    return { deletedTraces, keptPinnedTraces: matched.length - ids.length };
  };
  return {
    setTracePinned: async ({ traceId, pinned }) => ({
      traceId,
      pinned,
      found: await store.setPinned(traceId, pinned),
    }),
    deleteTrace: async ({ traceId }) => ({
      deletedTraces: await store.deleteTraces([traceId]),
      keptPinnedTraces: 0,
    }),
    deleteMatchingTraces: ({ query }) => deleteUnpinned(query),
    clearTraces: () => deleteUnpinned(undefined),
    getStorageStats: async () => storageStatsOf(store.stats()),
  };
}
