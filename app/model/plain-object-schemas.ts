// valibot's object and record schemas take a list too (a list is an object of its indexes): these
// accept only a plain JSON object, with the same message for anything else.
import * as v from 'valibot';

const isPlainObject = (input: unknown): input is Record<string, unknown> =>
  typeof input === 'object' && input !== null && !Array.isArray(input);

export function plainObject<const TEntries extends v.ObjectEntries>(
  entries: TEntries,
  message: string,
) {
  return v.pipe(
    v.custom<Record<string, unknown>>(isPlainObject, message),
    v.object(entries, message),
  );
}

export function plainRecord<
  TKey extends v.GenericSchema<string, string | number | symbol>,
  TValue extends v.GenericSchema,
>(key: TKey, value: TValue, message: string) {
  return v.pipe(
    v.custom<Record<string, unknown>>(isPlainObject, message),
    v.record(key, value, message),
  );
}
