// Trace statistics: spans grouped by service, or by operation (service and span name), with their
// count, total and self time (see self-time.ts), share of the trace, min/avg/max and errors.
import type { TraceModel } from '../trace-view/trace-model';

export type StatisticsGrouping = 'service' | 'operation';

export interface StatisticsRow {
  readonly key: string;
  readonly service: string;
  /** The span name, for operations. */
  readonly name: string | undefined;
  readonly count: number;
  readonly totalUs: number;
  readonly selfUs: number;
  /** Self time as a fraction of the duration it is measured against (0..1). */
  readonly selfShare: number;
  readonly minUs: number;
  readonly avgUs: number;
  readonly maxUs: number;
  readonly errors: number;
  /** The spans' rows, ascending. */
  readonly rows: Int32Array;
}

export type StatisticsColumn =
  'key' | 'count' | 'totalUs' | 'selfUs' | 'selfShare' | 'minUs' | 'avgUs' | 'maxUs' | 'errors';

interface Accumulator {
  service: string;
  name: string | undefined;
  count: number;
  totalUs: number;
  selfUs: number;
  minUs: number;
  maxUs: number;
  errors: number;
  rows: number[];
}

/** Statistics of the spans in rows [from, to) (the whole trace by default). */
export function spanStatistics(
  model: TraceModel,
  self: Float64Array,
  grouping: StatisticsGrouping,
  from = 0,
  to = model.spans.length,
): StatisticsRow[] {
  const { spans, outline } = model;
  const groups = new Map<string, Accumulator>();
  let startUs = Infinity;
  let endUs = -Infinity;
  for (let row = from; row < to; row++) {
    const span = spans[row]!;
    startUs = Math.min(startUs, span.startUs);
    endUs = Math.max(endUs, span.endUs);
    const key =
      grouping === 'service'
        ? span.serviceName
        : `${span.serviceName}\u0000${outline.nameIndex[span.index]}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        service: span.serviceName,
        name: grouping === 'operation' ? span.name : undefined,
        count: 0,
        totalUs: 0,
        selfUs: 0,
        minUs: Infinity,
        maxUs: 0,
        errors: 0,
        rows: [],
      };
      groups.set(key, group);
    }
    const duration = span.endUs - span.startUs;
    group.count++;
    group.totalUs += duration;
    group.selfUs += self[row]!;
    group.minUs = Math.min(group.minUs, duration);
    group.maxUs = Math.max(group.maxUs, duration);
    if (span.isError) group.errors++;
    group.rows.push(row);
  }
  const durationUs = endUs - startUs;
  return [...groups].map(([key, group]) => ({
    key: group.name === undefined ? key : `${group.service} · ${group.name}`,
    service: group.service,
    name: group.name,
    count: group.count,
    totalUs: group.totalUs,
    selfUs: group.selfUs,
    selfShare: durationUs > 0 ? group.selfUs / durationUs : 0,
    minUs: group.minUs,
    avgUs: group.totalUs / group.count,
    maxUs: group.maxUs,
    errors: group.errors,
    rows: Int32Array.from(group.rows),
  }));
}

/** Sorted by a column; ties by key, so the order is stable. */
export function sortStatistics(
  rows: readonly StatisticsRow[],
  column: StatisticsColumn,
  descending: boolean,
): StatisticsRow[] {
  const sign = descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const byColumn =
      column === 'key' ? a.key.localeCompare(b.key) : (a[column] as number) - (b[column] as number);
    return sign * byColumn || a.key.localeCompare(b.key);
  });
}
