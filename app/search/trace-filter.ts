// Applies a TraceQuery to indexed traces. The query is compiled once (operation and attribute-pair
// ids looked up, empty conditions dropped) so the per-trace test is a handful of set and number checks.
import type { TraceQuery } from '../contract';
import { nameMatcher } from '../model/name-pattern';
import type { IndexedTrace, SearchVocabulary } from './indexed-trace';

export type TracePredicate = (trace: IndexedTrace) => boolean;

const matchesNothing: TracePredicate = () => false;

function hasAny(trace: IndexedTrace, operations: readonly number[]): boolean {
  for (const id of operations) if (trace.operations.has(id)) return true;
  return false;
}

/** A predicate for the query; `undefined` when the query lets every trace through. */
export function compileQuery(
  query: TraceQuery | undefined,
  vocabulary: SearchVocabulary,
): TracePredicate | undefined {
  if (!query) return undefined;
  const { operations } = vocabulary;
  const checks: TracePredicate[] = [];
  const { service, spanName, spanNameScope = 'any' } = query;
  // Span names match by the shared rule of app/model/name-pattern.ts (substring or /regex/).
  const nameMatches = spanName === undefined ? undefined : nameMatcher(spanName);
  if (service !== undefined && nameMatches && spanNameScope === 'any') {
    // The same span must carry both: the operations of the service whose names match.
    const wanted = operations
      .ofService(service)
      .filter((id) => nameMatches(operations.spanNames[id]!));
    checks.push(wanted.length === 0 ? matchesNothing : (trace) => hasAny(trace, wanted));
  } else {
    if (service !== undefined) {
      const ofService = operations.ofService(service);
      checks.push((trace) => hasAny(trace, ofService));
    }
    if (nameMatches) {
      const named = operations.namedLike(nameMatches);
      checks.push(
        spanNameScope === 'root'
          ? (trace) => trace.summary.hasRoot && nameMatches(trace.summary.rootSpanName)
          : (trace) => hasAny(trace, named),
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
    const pair = vocabulary.attributePairId(filter.key, filter.value);
    checks.push(pair === undefined ? matchesNothing : (trace) => trace.attributePairs.has(pair));
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
