// Find in trace: the core answers which spans match (it holds the attributes); here, the rows.
import type { FindSpansResult } from '../../app/contract';
import { spanIdAt } from '../../app/model/outline-span-ids';
import type { TraceModel } from './trace-model';

/**
 * Rows (ascending) of the spans found; spans not in the model are skipped. Where the core said
 * where each is in the outline, the row comes from there (checked against the id), without a
 * lookup by id.
 */
export function rowsOfSpans(model: TraceModel, found: FindSpansResult): Int32Array {
  const { spanIds, spanIndexes } = found;
  const rows: number[] = [];
  spanIds.forEach((id, k) => {
    const index = spanIndexes?.[k];
    const row =
      index !== undefined && spanIdAt(model.outline, index) === id
        ? model.rowOfIndex[index]
        : model.rowBySpanId.get(id);
    if (row !== undefined && row >= 0) rows.push(row);
  });
  return Int32Array.from(rows).sort();
}

/** The match after (step 1) or before (step −1) `currentRow`, wrapping around; -1 if none. */
export function stepMatch(matches: Int32Array, currentRow: number, step: 1 | -1): number {
  if (matches.length === 0) return -1;
  if (step === 1) {
    for (const row of matches) if (row > currentRow) return row;
    return matches[0]!;
  }
  for (let i = matches.length - 1; i >= 0; i--) if (matches[i]! < currentRow) return matches[i]!;
  return matches[matches.length - 1]!;
}
