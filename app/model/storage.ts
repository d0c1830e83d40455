// What the window shows of the trace database (Settings > Storage) and what its commands answer.
import type { RetentionSettings } from './retention';

export interface StorageStats {
  /** The database file, or ":memory:" when traces are kept in memory only. */
  readonly location: string;
  /** False when nothing survives a restart (in memory, or the database could not be used). */
  readonly durable: boolean;
  /** The database file and its write-ahead log on disk (in memory: what the rows take). */
  readonly fileBytes: number;
  /** Bytes of the pages in use: what the size limit applies to. */
  readonly usedBytes: number;
  readonly traceCount: number;
  readonly spanCount: number;
  readonly pinnedTraceCount: number;
  /** Traces evicted by retention, over the database's life. */
  readonly droppedTraceCount: number;
  /** The limits in force (a run's trace-count override included). */
  readonly limits: RetentionSettings;
  /** Spans kept only in memory since the disk filled up: lost when Spanlight closes. */
  readonly unsavedSpanCount: number;
}

export interface SetTracePinnedResult {
  readonly traceId: string;
  readonly pinned: boolean;
  /** False when the trace is not stored (nothing changed). */
  readonly found: boolean;
}

export interface DeleteTracesResult {
  /** Traces deleted, once that is durable. */
  readonly deletedTraces: number;
  /** Pinned traces that matched and were kept (delete matching, clear all); unpin to delete. */
  readonly keptPinnedTraces: number;
}
