// The latency table: span durations grouped by (service, span name) over the listed traces, and
// the histogram of one operation's durations.
import type { HistogramBin, OperationKey, OperationLatency } from '../contract';
import { percentileOfSorted } from './percentiles';
import type { IndexedTrace } from './indexed-trace';
import type { OperationTable } from './operation-table';

export const DEFAULT_BIN_COUNT = 30;

interface Samples {
  readonly durations: Float64Array;
  filled: number;
  errors: number;
}

/** Every operation's span durations over the traces: counted first, then copied into one typed
 * array each (no per-span array growth, and typed arrays sort numerically in place). */
function collect(traces: readonly IndexedTrace[]): Map<number, Samples> {
  const counts: number[] = [];
  for (const { spanCount, spanOperations } of traces)
    for (let i = 0; i < spanCount; i++) {
      const id = spanOperations[i]!;
      counts[id] = (counts[id] ?? 0) + 1;
    }
  const samples: Samples[] = [];
  const byOperation = new Map<number, Samples>();
  counts.forEach((count, id) => {
    const entry = { durations: new Float64Array(count), filled: 0, errors: 0 };
    samples[id] = entry;
    byOperation.set(id, entry);
  });
  for (const { spanCount, spanOperations, spanDurationsMicros, spanErrors } of traces)
    for (let i = 0; i < spanCount; i++) {
      const entry = samples[spanOperations[i]!]!;
      entry.durations[entry.filled++] = spanDurationsMicros[i]!;
      entry.errors += spanErrors[i]!;
    }
  return byOperation;
}

/** One row per operation, ordered by service, then span name. */
export function latencyByOperation(
  traces: readonly IndexedTrace[],
  operations: OperationTable,
): OperationLatency[] {
  const rows: OperationLatency[] = [];
  for (const [id, samples] of collect(traces)) {
    const sorted = samples.durations.sort();
    rows.push({
      service: operations.services[id]!,
      spanName: operations.spanNames[id]!,
      count: sorted.length,
      errorCount: samples.errors,
      errorRate: samples.errors / sorted.length,
      p50Micros: percentileOfSorted(sorted, 50),
      p95Micros: percentileOfSorted(sorted, 95),
      p99Micros: percentileOfSorted(sorted, 99),
      maxMicros: sorted[sorted.length - 1]!,
    });
  }
  return rows.sort(
    (a, b) => a.service.localeCompare(b.service) || a.spanName.localeCompare(b.spanName),
  );
}

/** Equal-width bins from the shortest to the longest duration of the operation's spans. */
export function operationHistogram(
  traces: readonly IndexedTrace[],
  operations: OperationTable,
  operation: OperationKey,
  binCount = DEFAULT_BIN_COUNT,
): HistogramBin[] | undefined {
  const id = operations.find(operation.service, operation.spanName);
  if (id === undefined) return undefined;
  const durations: number[] = [];
  const errors: number[] = [];
  for (const trace of traces) {
    if (!trace.operations.has(id)) continue;
    for (let i = 0; i < trace.spanCount; i++) {
      if (trace.spanOperations[i] !== id) continue;
      durations.push(trace.spanDurationsMicros[i]!);
      errors.push(trace.spanErrors[i]!);
    }
  }
  return binDurations(durations, errors, binCount);
}

export function binDurations(
  durations: readonly number[],
  errors: readonly number[],
  binCount: number,
): HistogramBin[] | undefined {
  if (durations.length === 0) return undefined;
  let min = Infinity;
  let max = -Infinity;
  for (const d of durations) {
    if (d < min) min = d;
    if (d > max) max = d;
  }
  // All equal: one bin holds them all.
  const bins = max === min ? 1 : binCount;
  const width = max === min ? 0 : (max - min) / bins;
  const counts = new Array<number>(bins).fill(0);
  const errorCounts = new Array<number>(bins).fill(0);
  durations.forEach((d, i) => {
    const bin = width === 0 ? 0 : Math.min(bins - 1, Math.floor((d - min) / width));
    counts[bin]! += 1;
    errorCounts[bin]! += errors[i] ?? 0;
  });
  return counts.map((count, i) => ({
    startMicros: min + i * width,
    endMicros: i === bins - 1 ? max : min + (i + 1) * width,
    count,
    errorCount: errorCounts[i]!,
  }));
}
