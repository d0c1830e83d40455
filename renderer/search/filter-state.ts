// The filter bar's state is the text the user typed (kept even when invalid); the query sent to
// the core is derived from it, leaving out what does not parse, and says why next to the field.
import type { TraceQuery } from '../../app/contract';
import { parseNamePattern } from '../../app/model/name-pattern';
import { queryAt, type TraceListFilter } from '../store/trace-list';
import { parseAttributeFilters } from './attribute-filter-input';
import { parseDurationInput } from './duration-input';

export const TIME_RANGES = [
  { id: 'all', label: 'All time', minutes: undefined },
  { id: '5m', label: 'Last 5 minutes', minutes: 5 },
  { id: '15m', label: 'Last 15 minutes', minutes: 15 },
  { id: '60m', label: 'Last 60 minutes', minutes: 60 },
] as const;
export type TimeRangeId = (typeof TIME_RANGES)[number]['id'];

export interface FilterState {
  readonly service: string;
  readonly spanName: string;
  readonly spanNameScope: 'root' | 'any';
  readonly attributes: string;
  readonly minDuration: string;
  readonly maxDuration: string;
  readonly errorsOnly: boolean;
  readonly timeRange: TimeRangeId;
}

export const EMPTY_FILTERS: FilterState = {
  service: '',
  spanName: '',
  spanNameScope: 'any',
  attributes: '',
  minDuration: '',
  maxDuration: '',
  errorsOnly: false,
  timeRange: 'all',
};

export type FilterProblems = Partial<
  Record<'spanName' | 'attributes' | 'minDuration' | 'maxDuration', string>
>;

export function isFiltering(state: FilterState): boolean {
  return (Object.keys(EMPTY_FILTERS) as (keyof FilterState)[]).some(
    (key) => key !== 'spanNameScope' && state[key] !== EMPTY_FILTERS[key],
  );
}

/** The filter for the client store: the query, and the time range as "last N minutes". */
export function buildTraceFilter(state: FilterState): {
  filter: TraceListFilter;
  problems: FilterProblems;
} {
  const problems: FilterProblems = {};
  const query: { -readonly [K in keyof TraceQuery]: TraceQuery[K] } = {};
  if (state.service) query.service = state.service;
  const spanName = state.spanName.trim();
  if (spanName) {
    // Matched in the core by the same rule (app/model/name-pattern.ts): checked here to say why.
    const pattern = parseNamePattern(spanName);
    if (pattern.ok) {
      query.spanName = spanName;
      query.spanNameScope = state.spanNameScope;
    } else problems.spanName = pattern.message;
  }
  const attributes = parseAttributeFilters(state.attributes);
  if (attributes.state === 'valid') query.attributes = attributes.value;
  if (attributes.state === 'invalid') problems.attributes = attributes.message;
  const min = parseDurationInput(state.minDuration);
  const max = parseDurationInput(state.maxDuration);
  if (min.state === 'invalid') problems.minDuration = min.message;
  if (max.state === 'invalid') problems.maxDuration = max.message;
  if (min.state === 'valid' && max.state === 'valid' && min.value > max.value) {
    problems.maxDuration = 'the maximum is below the minimum';
  } else {
    if (min.state === 'valid') query.minDurationMicros = min.value;
    if (max.state === 'valid') query.maxDurationMicros = max.value;
  }
  if (state.errorsOnly) query.errorsOnly = true;
  const range = TIME_RANGES.find((candidate) => candidate.id === state.timeRange);
  const filter: TraceListFilter =
    range?.minutes !== undefined ? { query, recentMinutes: range.minutes } : { query };
  return { filter, problems };
}

/** The query for the core at time `nowMillis` (time ranges are relative to now). */
export function buildTraceQuery(
  state: FilterState,
  nowMillis: number,
): { query: TraceQuery; problems: FilterProblems } {
  const { filter, problems } = buildTraceFilter(state);
  return { query: queryAt(filter, nowMillis) ?? {}, problems };
}
