// Find in trace: the core answers which spans match (it holds the attributes); here, the rows.
import type { TraceModel } from './trace-model';

/** Rows (ascending) of the given span ids; ids not in the model are skipped. */
export function rowsOfSpans(model: TraceModel, spanIds: readonly string[]): Int32Array {
  const rows: number[] = [];
  for (const id of spanIds) {
    const row = model.rowBySpanId.get(id);
    if (row !== undefined) rows.push(row);
  }
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
