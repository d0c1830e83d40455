// The remote search form's fields as typed, turned into a Jaeger search of the contract: the
// controls Jaeger can answer (service, operation, key=value attributes, a time range, min/max
// duration, a limit). Each field that does not parse says why, in place; the search waits for it.
import type { SourceQuery } from '../../app/contract';
import { parseAttributeFilters } from '../search/attribute-filter-input';
import { parseDurationInput } from '../search/duration-input';

export const timeRanges = [
  { id: '15m', label: 'Last 15 minutes', millis: 15 * 60_000 },
  { id: '1h', label: 'Last hour', millis: 60 * 60_000 },
  { id: '6h', label: 'Last 6 hours', millis: 6 * 60 * 60_000 },
  { id: '24h', label: 'Last 24 hours', millis: 24 * 60 * 60_000 },
  { id: 'custom', label: 'Custom…', millis: undefined },
] as const;

export type TimeRangeId = (typeof timeRanges)[number]['id'];

export interface RemoteSearchFields {
  readonly service: string;
  /** '' for any operation. */
  readonly operation: string;
  readonly attributes: string;
  readonly timeRange: TimeRangeId;
  /** `<input type="datetime-local">` values (local time), for the custom range. */
  readonly from: string;
  readonly to: string;
  readonly minDuration: string;
  readonly maxDuration: string;
  readonly limit: string;
}

export const MAX_REMOTE_LIMIT = 1500;

export const initialRemoteSearchFields: RemoteSearchFields = {
  service: '',
  operation: '',
  attributes: '',
  timeRange: '1h',
  from: '',
  to: '',
  minDuration: '',
  maxDuration: '',
  limit: '20',
};

export type RemoteSearchProblems = Partial<Record<keyof RemoteSearchFields, string>>;

function parseLocalTime(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const millis = new Date(text).getTime();
  return Number.isNaN(millis) ? Number.NaN : millis;
}

/** The query to send, or the problems of the fields that stop it. */
export function buildSourceQuery(
  fields: RemoteSearchFields,
  nowMillis: number,
): { query: SourceQuery | undefined; problems: RemoteSearchProblems } {
  const problems: RemoteSearchProblems = {};
  if (fields.service === '') problems.service = 'choose a service: Jaeger searches within one';
  const attributes = parseAttributeFilters(fields.attributes);
  if (attributes.state === 'invalid') problems.attributes = attributes.message;
  const min = parseDurationInput(fields.minDuration);
  if (min.state === 'invalid') problems.minDuration = min.message;
  const max = parseDurationInput(fields.maxDuration);
  if (max.state === 'invalid') problems.maxDuration = max.message;
  if (min.state === 'valid' && max.state === 'valid' && min.value > max.value)
    problems.maxDuration = 'less than the minimum duration';
  const limit = Number(fields.limit);
  if (!/^\d+$/.test(fields.limit.trim()) || limit < 1 || limit > MAX_REMOTE_LIMIT)
    problems.limit = `a whole number from 1 to ${MAX_REMOTE_LIMIT.toLocaleString('en-US')}`;

  let after: number | undefined;
  let before: number | undefined;
  const range = timeRanges.find((choice) => choice.id === fields.timeRange);
  if (range?.millis !== undefined) {
    before = nowMillis;
    after = nowMillis - range.millis;
  } else {
    after = parseLocalTime(fields.from);
    before = parseLocalTime(fields.to);
    if (after === undefined) problems.from = 'give the start of the range';
    else if (Number.isNaN(after)) problems.from = 'the start is not a date and time';
    if (before !== undefined && Number.isNaN(before))
      problems.to = 'the end is not a date and time';
    if (after !== undefined && before !== undefined && after > before)
      problems.to = 'the end is before the start';
    before ??= nowMillis;
  }

  if (Object.keys(problems).length > 0) return { query: undefined, problems };
  const query: SourceQuery = {
    service: fields.service,
    ...(fields.operation !== '' && { operation: fields.operation }),
    ...(attributes.state === 'valid' && { attributes: attributes.value }),
    ...(after !== undefined && { startAfterUnixMillis: Math.max(0, Math.round(after)) }),
    startBeforeUnixMillis: Math.max(0, Math.round(before)),
    ...(min.state === 'valid' && { minDurationMicros: Math.round(min.value) }),
    ...(max.state === 'valid' && { maxDurationMicros: Math.round(max.value) }),
    limit,
  };
  return { query, problems };
}
