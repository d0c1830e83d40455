// Checks a trace query that arrived as untyped JSON and returns it in the contract's shape, so the
// filter can trust every field. Problems are reported through `fail`, naming the offending field.
import type { AttributeFilter, OperationKey, TraceQuery } from '../contract';

type Fail = (message: string) => never;

function optionalString(input: Record<string, unknown>, key: string, fail: Fail) {
  const value = input[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') return fail(`"query.${key}" must be text`);
  return value;
}

function optionalNonNegative(input: Record<string, unknown>, key: string, fail: Fail) {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    return fail(`"query.${key}" must be a number of 0 or more`);
  }
  return value;
}

function readAttributes(value: unknown, fail: Fail): AttributeFilter[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) return fail('"query.attributes" must be a list of {key, value}');
  return value.map((item: unknown, index) => {
    const pair = item as Record<string, unknown> | null;
    if (typeof pair !== 'object' || pair === null || Array.isArray(pair)) {
      return fail(`"query.attributes[${index}]" must be an object {key, value}`);
    }
    if (typeof pair.key !== 'string' || pair.key === '') {
      return fail(`"query.attributes[${index}].key" must be non-empty text`);
    }
    if (typeof pair.value !== 'string') {
      return fail(`"query.attributes[${index}].value" must be text`);
    }
    return { key: pair.key, value: pair.value };
  });
}

export function readTraceQuery(input: unknown, fail: Fail): TraceQuery | undefined {
  if (input === undefined || input === null) return undefined;
  if (typeof input !== 'object' || Array.isArray(input)) return fail('"query" must be an object');
  const raw = input as Record<string, unknown>;
  const scope = raw.spanNameScope;
  if (scope !== undefined && scope !== 'root' && scope !== 'any') {
    return fail('"query.spanNameScope" must be "root" or "any"');
  }
  if (raw.errorsOnly !== undefined && typeof raw.errorsOnly !== 'boolean') {
    return fail('"query.errorsOnly" must be true or false');
  }
  const query: TraceQuery = {
    service: optionalString(raw, 'service', fail),
    spanName: optionalString(raw, 'spanName', fail),
    spanNameScope: scope,
    attributes: readAttributes(raw.attributes, fail),
    minDurationMicros: optionalNonNegative(raw, 'minDurationMicros', fail),
    maxDurationMicros: optionalNonNegative(raw, 'maxDurationMicros', fail),
    errorsOnly: raw.errorsOnly,
    startAfterUnixMillis: optionalNonNegative(raw, 'startAfterUnixMillis', fail),
  };
  if (
    query.minDurationMicros !== undefined &&
    query.maxDurationMicros !== undefined &&
    query.minDurationMicros > query.maxDurationMicros
  ) {
    return fail('"query.minDurationMicros" must not be more than "query.maxDurationMicros"');
  }
  // Absent fields stay absent, so a query compares and serialises cleanly.
  return Object.fromEntries(
    Object.entries(query).filter(([, value]) => value !== undefined),
  ) as TraceQuery;
}

export function readOperationKey(
  input: unknown,
  name: string,
  fail: Fail,
): OperationKey | undefined {
  if (input === undefined || input === null) return undefined;
  const raw = input as Record<string, unknown>;
  if (typeof raw !== 'object' || Array.isArray(raw)) return fail(`"${name}" must be an object`);
  if (typeof raw.service !== 'string' || typeof raw.spanName !== 'string') {
    return fail(`"${name}" must have text fields "service" and "spanName"`);
  }
  return { service: raw.service, spanName: raw.spanName };
}
