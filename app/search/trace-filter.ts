// Applies a TraceQuery to indexed traces. The query is compiled once (operation ids looked up,
// empty conditions dropped) so the per-trace test is a handful of set and number checks.
import type { AttributeFilter, TraceQuery } from '../contract';
import { nameMatcher } from '../model/name-pattern';
import type { IndexedTrace, OperationTable } from './trace-search-index';

export type TracePredicate = (trace: IndexedTrace) => boolean;

function someOf<T>(values: ReadonlySet<T>, test: (value: T) => boolean): boolean {
  for (const value of values) if (test(value)) return true;
  return false;
}

function hasAttribute(pairs: readonly string[], filter: AttributeFilter): boolean {
  for (let i = 0; i < pairs.length; i += 2) {
    if (pairs[i] === filter.key && pairs[i + 1] === filter.value) return true;
  }
  return false;
}

/** A predicate for the query; `undefined` when the query lets every trace through. */
export function compileQuery(
  query: TraceQuery | undefined,
  operations: OperationTable,
): TracePredicate | undefined {
  if (!query) return undefined;
  const checks: TracePredicate[] = [];
  const { service, spanName, spanNameScope = 'any' } = query;
  // Span names match by the shared rule of app/model/name-pattern.ts (substring or /regex/).
  const nameMatches = spanName === undefined ? undefined : nameMatcher(spanName);
  if (service !== undefined && nameMatches && spanNameScope === 'any') {
    // The same span must carry both: the operations of the service whose names match.
    const wanted = new Set<number>();
    operations.services.forEach((name, id) => {
      if (name === service && nameMatches(operations.spanNames[id]!)) wanted.add(id);
    });
    checks.push((trace) => someOf(trace.operations, (id) => wanted.has(id)));
  } else {
    if (service !== undefined) checks.push((trace) => trace.services.has(service));
    if (nameMatches) {
      checks.push(
        spanNameScope === 'root'
          ? (trace) => trace.summary.hasRoot && nameMatches(trace.summary.rootSpanName)
          : (trace) => someOf(trace.spanNames, nameMatches),
      );
    }
  }
  const { minDurationMicros: min, maxDurationMicros: max } = query;
  if (min !== undefined) checks.push((trace) => trace.summary.durationMicros >= min);
  if (max !== undefined) checks.push((trace) => trace.summary.durationMicros <= max);
  if (query.errorsOnly) checks.push((trace) => trace.summary.errorCount > 0);
  const after = query.startAfterUnixMillis;
  if (after !== undefined) checks.push((trace) => trace.startUnixMillis >= after);
  for (const filter of query.attributes ?? []) {
    checks.push((trace) => hasAttribute(trace.attributePairs, filter));
  }
  if (checks.length === 0) return undefined;
  return (trace) => {
    for (const check of checks) if (!check(trace)) return false;
    return true;
  };
}

/** The traces that match, in the order given. */
export function filterTraces(
  traces: readonly IndexedTrace[],
  predicate: TracePredicate | undefined,
): readonly IndexedTrace[] {
  return predicate ? traces.filter(predicate) : traces;
}
