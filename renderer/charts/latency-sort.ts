import type { OperationLatency } from '../../app/contract';

export type LatencyColumn =
  | 'service'
  | 'spanName'
  | 'count'
  | 'errorRate'
  | 'p50Micros'
  | 'p95Micros'
  | 'p99Micros'
  | 'maxMicros';

export interface LatencySort {
  readonly column: LatencyColumn;
  readonly descending: boolean;
}

/** Rows ordered by one column; ties fall back to service, then span name, so the order is stable. */
export function sortLatencyRows(
  rows: readonly OperationLatency[],
  { column, descending }: LatencySort,
): OperationLatency[] {
  const byName = (a: OperationLatency, b: OperationLatency) =>
    a.service.localeCompare(b.service) || a.spanName.localeCompare(b.spanName);
  return [...rows].sort((a, b) => {
    const first = a[column];
    const second = b[column];
    const order =
      typeof first === 'string' && typeof second === 'string'
        ? first.localeCompare(second)
        : (first as number) - (second as number);
    return (descending ? -order : order) || byName(a, b);
  });
}

/** Clicking the sorted column flips it; another column starts descending for numbers. */
export function nextSort(current: LatencySort, column: LatencyColumn): LatencySort {
  if (current.column === column) return { column, descending: !current.descending };
  return { column, descending: column !== 'service' && column !== 'spanName' };
}
