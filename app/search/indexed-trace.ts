// What the filters and the latency table know of a stored trace: compact facts kept in memory by
// the store (app/storage/trace-facts.ts), so a query over 10,000 traces never reads spans.
import type { TraceSummary } from '../model/trace';
import type { OperationTable } from './operation-table';

export interface IndexedTrace {
  readonly summary: TraceSummary;
  readonly startUnixMillis: number;
  /** Operation ids (see OperationTable) of the trace's spans. */
  readonly operations: ReadonlySet<number>;
  /** Ids of the distinct (key, value as text) attribute pairs of its spans and their resources. */
  readonly attributePairs: { has(id: number): boolean };
  /** How many slots of the span arrays below are in use: one per span, in the store's order. */
  readonly spanCount: number;
  readonly spanOperations: Int32Array;
  readonly spanDurationsMicros: Float64Array;
  readonly spanErrors: Uint8Array;
}

/** Where a query's words are looked up: operations, and attribute pairs by key and value text. */
export interface SearchVocabulary {
  readonly operations: OperationTable;
  /** The pair's id (a stored trace that has the pair has the id), or undefined when no stored
   * span or resource has it. */
  attributePairId(key: string, value: string): number | undefined;
}
