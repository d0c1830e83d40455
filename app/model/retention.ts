// Retention settings (settings.json "retention"): how much the trace database may hold. Past any
// limit the traces that least recently received spans are evicted, whole; pinned ones never.
import * as v from 'valibot';
import { plainObject } from './plain-object-schemas';

export const DEFAULT_MAX_DATABASE_MIB = 1024;
export const MIN_MAX_DATABASE_MIB = 16;
export const MAX_MAX_DATABASE_MIB = 1024 * 1024;
export const DEFAULT_RETAINED_TRACES = 10_000;
/** The core holds every trace's summary and facts in memory: this bounds what that can grow to. */
export const MAX_RETAINED_TRACES = 100_000;
export const MAX_AGE_HOURS = 24 * 365 * 10;

const wholeNumber = (what: string, min: number, max: number) => {
  const message = `must be a whole number of ${what} from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}`;
  return v.pipe(
    v.number(message),
    v.integer(message),
    v.minValue(min, message),
    v.maxValue(max, message),
  );
};

export const maxDatabaseMiBSchema = wholeNumber('MiB', MIN_MAX_DATABASE_MIB, MAX_MAX_DATABASE_MIB);
/** null: no age limit. */
export const maxAgeHoursSchema = v.nullable(wholeNumber('hours', 1, MAX_AGE_HOURS));
export const maxTracesSchema = wholeNumber('traces', 1, MAX_RETAINED_TRACES);

export const retentionSettingsSchema = v.object({
  /** The database's size limit (pages in use), in MiB. */
  maxDatabaseMiB: v.optional(maxDatabaseMiBSchema, DEFAULT_MAX_DATABASE_MIB),
  /** Traces whose last span arrived longer ago are evicted; null (the default): no age limit. */
  maxAgeHours: v.optional(maxAgeHoursSchema, null),
  maxTraces: v.optional(maxTracesSchema, DEFAULT_RETAINED_TRACES),
});

export type RetentionSettings = Readonly<v.InferOutput<typeof retentionSettingsSchema>>;

/** Changes to the limits; absent fields stay as they are (maxAgeHours: null turns it off). */
export const retentionUpdateSchema = plainObject(
  {
    maxDatabaseMiB: v.optional(maxDatabaseMiBSchema),
    maxAgeHours: v.optional(maxAgeHoursSchema),
    maxTraces: v.optional(maxTracesSchema),
  },
  'must be an object with maxDatabaseMiB, maxAgeHours and maxTraces',
);

export type RetentionUpdate = Readonly<v.InferOutput<typeof retentionUpdateSchema>>;
