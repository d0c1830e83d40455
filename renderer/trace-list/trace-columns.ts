// The trace list's columns: widths for fitting (lib/fit-columns.ts), which ones sort, which are numbers.
import type { ColumnSpec } from '../lib/fit-columns';
import type { TraceSortKey } from '../store/trace-list';

export type ColumnId =
  'time' | 'id' | 'root' | 'service' | 'duration' | 'spans' | 'errors' | 'compare';

/** Widths in pixels (cell padding included, measured for the longest text with the sort mark);
 * the flexible ones share what is left. */
export function columnsFor(withDates: boolean, compare: boolean): ColumnSpec<ColumnId>[] {
  const columns: ColumnSpec<ColumnId>[] = [
    { id: 'time', label: 'Start', width: withDates ? 152 : 100, priority: 1 },
    { id: 'id', label: 'Trace ID', width: 72, priority: 3 },
    { id: 'root', label: 'Root span', width: 90, flexible: true, priority: 1 },
    { id: 'service', label: 'Service', width: 86, flexible: true, priority: 2 },
    { id: 'duration', label: 'Duration', width: 92, priority: 1 },
    { id: 'spans', label: 'Spans', width: 72, priority: 3 },
    { id: 'errors', label: 'Errors', width: 74, priority: 2 },
  ];
  if (compare) columns.push({ id: 'compare', label: 'Cmp', width: 42, priority: 4 });
  return columns;
}

export const SORT_KEYS: Partial<Record<ColumnId, TraceSortKey>> = {
  time: 'start',
  duration: 'duration',
  spans: 'spans',
  errors: 'errors',
};
export const NUMERIC: ReadonlySet<ColumnId> = new Set(['duration', 'spans', 'errors']);
