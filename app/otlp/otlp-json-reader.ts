// Reads one OTLP/JSON ExportTraceServiceRequest (already parsed) into the span model, checking every
// field it uses and normalizing the lenient forms real files contain. Shared by trace files (strict:
// the first invalid span throws) and the OTLP/HTTP receiver (tolerant: an invalid span is left out
// alone and counted). Values nest at most MAX_VALUE_DEPTH levels; deeper parts are cut.
import type {
  OtlpAnyValue,
  OtlpEvent,
  OtlpKeyValue,
  OtlpLink,
  OtlpResource,
  OtlpScope,
  OtlpSpan,
  OtlpStatus,
} from '../model/otlp';
import { OtlpSpanKind, OtlpStatusCode } from '../model/otlp';
import { SPAN_ID_BYTES, TRACE_ID_BYTES } from '../model/otlp-ids';
import type { IncomingSpan } from '../storage/incoming-span';
import { describeValue, FieldError, joinPath } from './field-error';
import {
  expectObject,
  isObject,
  isZeroId,
  optionalCount,
  optionalFlags,
  optionalList,
  optionalString,
  readOtlpId,
  readUnixNanos,
  type JsonObject,
} from './json-field-readers';
import type { OtlpReadOptions } from './read-options';
import { ReadProblems, resultOf, type OtlpReadResult } from './read-problems';
import { CUT_VALUE_TEXT, cutValueProblem, MAX_VALUE_DEPTH } from './value-depth';

const spanKindNames: Record<string, number> = {
  SPAN_KIND_UNSPECIFIED: OtlpSpanKind.UNSPECIFIED,
  SPAN_KIND_INTERNAL: OtlpSpanKind.INTERNAL,
  SPAN_KIND_SERVER: OtlpSpanKind.SERVER,
  SPAN_KIND_CLIENT: OtlpSpanKind.CLIENT,
  SPAN_KIND_PRODUCER: OtlpSpanKind.PRODUCER,
  SPAN_KIND_CONSUMER: OtlpSpanKind.CONSUMER,
};

const statusCodeNames: Record<string, number> = {
  STATUS_CODE_UNSET: OtlpStatusCode.UNSET,
  STATUS_CODE_OK: OtlpStatusCode.OK,
  STATUS_CODE_ERROR: OtlpStatusCode.ERROR,
};

/** Counts values cut at the depth limit while one span (or resource, or scope) is read. */
interface ValueCuts {
  count: number;
}

/**
 * The spans of one ExportTraceServiceRequest. Accepts hex (any letter case) or base64 ids, int64s
 * as strings or numbers, span kinds and status codes as numbers or enum names, and the pre-1.0
 * names `instrumentationLibrarySpans` / `instrumentationLibrary`; unknown fields are ignored.
 * Throws a FieldError (with the JSON path) when the request itself is not one, and in strict mode
 * at the first invalid span.
 */
export function readOtlpJsonRequest(value: unknown, options: OtlpReadOptions): OtlpReadResult {
  const request = expectObject(value, '');
  if (request.resourceSpans === undefined && request.resource_spans !== undefined)
    throw new FieldError(
      'resource_spans',
      'protobuf field names are not OTLP/JSON; expected "resourceSpans" (camelCase)',
    );
  const spans: IncomingSpan[] = [];
  const problems = new ReadProblems();
  const resourceSpansList = optionalList(request.resourceSpans, 'resourceSpans');
  for (let r = 0; r < resourceSpansList.length; r++)
    readResourceSpans(resourceSpansList[r], `resourceSpans[${r}]`, spans, problems, options);
  return resultOf(spans, problems);
}

/** Strict: throws with the full path. Tolerant: the group's spans are counted as rejected. */
function rejectGroup(
  error: unknown,
  path: string,
  group: unknown,
  problems: ReadProblems,
  options: OtlpReadOptions,
): void {
  if (!(error instanceof FieldError)) throw error;
  const full = joinPath(path, error.path);
  if (!options.tolerant) throw new FieldError(full, error.detail);
  const lost = countJsonSpans(group);
  problems.add(`${full}: ${error.detail} (${lost} span${lost === 1 ? '' : 's'} left out)`, lost);
}

/** Spans under a ResourceSpans or ScopeSpans that could not be read, as far as they can be counted. */
function countJsonSpans(group: unknown): number {
  if (!isObject(group)) return 0;
  if (Array.isArray(group.spans)) return group.spans.length;
  const scopes = group.scopeSpans ?? group.instrumentationLibrarySpans;
  if (!Array.isArray(scopes)) return 0;
  let count = 0;
  for (const scope of scopes) count += countJsonSpans(scope);
  return count;
}

function readResourceSpans(
  value: unknown,
  path: string,
  into: IncomingSpan[],
  problems: ReadProblems,
  options: OtlpReadOptions,
): void {
  const cuts: ValueCuts = { count: 0 };
  let resource: OtlpResource;
  let scopeField: string;
  let scopeSpansList: readonly unknown[];
  try {
    const resourceSpans = expectObject(value, '');
    resource = readResource(resourceSpans.resource, resourceSpans.schemaUrl, cuts);
    scopeField =
      resourceSpans.scopeSpans === undefined &&
      resourceSpans.instrumentationLibrarySpans !== undefined
        ? 'instrumentationLibrarySpans'
        : 'scopeSpans';
    scopeSpansList = optionalList(resourceSpans[scopeField], scopeField);
  } catch (error) {
    rejectGroup(error, path, value, problems, options);
    return;
  }
  if (cuts.count > 0) problems.add(cutValueProblem(`${path}.resource`, cuts.count));
  for (let s = 0; s < scopeSpansList.length; s++)
    readScopeSpans(
      scopeSpansList[s],
      `${path}.${scopeField}[${s}]`,
      resource,
      into,
      problems,
      options,
    );
}

function readScopeSpans(
  value: unknown,
  path: string,
  resource: OtlpResource,
  into: IncomingSpan[],
  problems: ReadProblems,
  options: OtlpReadOptions,
): void {
  const cuts: ValueCuts = { count: 0 };
  let scope: OtlpScope;
  let spans: readonly unknown[];
  try {
    const scopeSpans = expectObject(value, '');
    const scopeField = scopeSpans.scope === undefined ? 'instrumentationLibrary' : 'scope';
    try {
      scope = readScope(scopeSpans[scopeField], scopeSpans.schemaUrl, cuts);
    } catch (error) {
      if (error instanceof FieldError)
        throw new FieldError(joinPath(scopeField, error.path), error.detail);
      throw error;
    }
    spans = optionalList(scopeSpans.spans, 'spans');
  } catch (error) {
    rejectGroup(error, path, value, problems, options);
    return;
  }
  if (cuts.count > 0) problems.add(cutValueProblem(`${path}.scope`, cuts.count));
  for (let i = 0; i < spans.length; i++) {
    cuts.count = 0;
    let span: OtlpSpan;
    try {
      span = readSpan(spans[i], cuts);
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      const full = joinPath(`${path}.spans[${i}]`, error.path);
      if (!options.tolerant) throw new FieldError(full, error.detail);
      problems.add(`${full}: ${error.detail}`, 1);
      continue;
    }
    into.push({ span, resource, scope });
    if (cuts.count > 0)
      problems.add(cutValueProblem(`${path}.spans[${i}] (span ${span.spanId})`, cuts.count));
  }
}

function readResource(value: unknown, schemaUrlValue: unknown, cuts: ValueCuts): OtlpResource {
  const schemaUrl = optionalString(schemaUrlValue, 'schemaUrl') || undefined;
  if (value === undefined || value === null)
    return schemaUrl === undefined ? { attributes: [] } : { attributes: [], schemaUrl };
  try {
    const resource = expectObject(value, '');
    const dropped = optionalCount(resource.droppedAttributesCount, 'droppedAttributesCount');
    return {
      attributes: readAttributes(resource.attributes, 'attributes', 1, cuts),
      ...(dropped === undefined ? {} : { droppedAttributesCount: dropped }),
      ...(schemaUrl === undefined ? {} : { schemaUrl }),
    };
  } catch (error) {
    if (error instanceof FieldError)
      throw new FieldError(joinPath('resource', error.path), error.detail);
    throw error;
  }
}

function readScope(value: unknown, schemaUrlValue: unknown, cuts: ValueCuts): OtlpScope {
  const schemaUrl = optionalString(schemaUrlValue, 'schemaUrl') || undefined;
  if (value === undefined || value === null)
    return schemaUrl === undefined ? { name: '' } : { name: '', schemaUrl };
  const scope = expectObject(value, '');
  const version = optionalString(scope.version, 'version');
  const attributes =
    scope.attributes === undefined
      ? undefined
      : readAttributes(scope.attributes, 'attributes', 1, cuts);
  const dropped = optionalCount(scope.droppedAttributesCount, 'droppedAttributesCount');
  return {
    name: optionalString(scope.name, 'name') ?? '',
    ...(version === undefined ? {} : { version }),
    ...(attributes === undefined ? {} : { attributes }),
    ...(dropped === undefined ? {} : { droppedAttributesCount: dropped }),
    ...(schemaUrl === undefined ? {} : { schemaUrl }),
  };
}

function readSpan(value: unknown, cuts: ValueCuts): OtlpSpan {
  const span = expectObject(value, '');
  const traceId = readOtlpId(span.traceId, TRACE_ID_BYTES, 'traceId');
  if (isZeroId(traceId)) throw new FieldError('traceId', 'is all zeros, which is not a valid id');
  const spanId = readOtlpId(span.spanId, SPAN_ID_BYTES, 'spanId');
  if (isZeroId(spanId)) throw new FieldError('spanId', 'is all zeros, which is not a valid id');
  const parentSpanId =
    span.parentSpanId === undefined || span.parentSpanId === null || span.parentSpanId === ''
      ? undefined
      : readOtlpId(span.parentSpanId, SPAN_ID_BYTES, 'parentSpanId');
  const startTimeUnixNano = readUnixNanos(span.startTimeUnixNano, 'startTimeUnixNano');
  const endTimeUnixNano = readUnixNanos(span.endTimeUnixNano, 'endTimeUnixNano');
  const out: Record<string, unknown> = {
    traceId,
    spanId,
    name: optionalString(span.name, 'name') ?? '',
    kind: readEnum(span.kind, spanKindNames, 'kind', OtlpSpanKind.UNSPECIFIED),
    startTimeUnixNano,
    endTimeUnixNano,
  };
  if (parentSpanId !== undefined && !isZeroId(parentSpanId)) out.parentSpanId = parentSpanId;
  const traceState = optionalString(span.traceState, 'traceState');
  if (traceState) out.traceState = traceState;
  const flags = optionalFlags(span.flags, 'flags');
  if (flags !== undefined) out.flags = flags;
  if (span.attributes !== undefined)
    out.attributes = readAttributes(span.attributes, 'attributes', 1, cuts);
  setCount(out, span, 'droppedAttributesCount');
  if (span.events !== undefined) out.events = readEvents(span.events, cuts);
  setCount(out, span, 'droppedEventsCount');
  if (span.links !== undefined) out.links = readLinks(span.links, cuts);
  setCount(out, span, 'droppedLinksCount');
  if (span.status !== undefined && span.status !== null) out.status = readStatus(span.status);
  // Every field of OtlpSpan was checked above; the record only avoids writing absent keys.
  return out as unknown as OtlpSpan;
}

function setCount(out: Record<string, unknown>, from: JsonObject, key: string): void {
  const count = optionalCount(from[key], key);
  if (count !== undefined) out[key] = count;
}

function readEnum(
  value: unknown,
  names: Record<string, number>,
  path: string,
  fallback: number,
): number {
  if (value === undefined || value === null) return fallback;
  const max = Object.keys(names).length - 1;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max)
    return value;
  if (typeof value === 'string' && value in names) return names[value]!;
  throw new FieldError(
    path,
    `expected 0–${max} or one of ${Object.keys(names).join(', ')}, got ${describeValue(value)}`,
  );
}

function readStatus(value: unknown): OtlpStatus {
  try {
    const status = expectObject(value, '');
    const message = optionalString(status.message, 'message');
    const code =
      status.code === undefined
        ? undefined
        : readEnum(status.code, statusCodeNames, 'code', OtlpStatusCode.UNSET);
    return {
      ...(code === undefined ? {} : { code }),
      ...(message === undefined ? {} : { message }),
    };
  } catch (error) {
    if (error instanceof FieldError)
      throw new FieldError(joinPath('status', error.path), error.detail);
    throw error;
  }
}

function readEvents(value: unknown, cuts: ValueCuts): OtlpEvent[] {
  const list = optionalList(value, 'events');
  const events: OtlpEvent[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    try {
      const event = expectObject(list[i], '');
      const out: Record<string, unknown> = {
        timeUnixNano: readUnixNanos(event.timeUnixNano, 'timeUnixNano'),
        name: optionalString(event.name, 'name') ?? '',
      };
      if (event.attributes !== undefined)
        out.attributes = readAttributes(event.attributes, 'attributes', 1, cuts);
      setCount(out, event, 'droppedAttributesCount');
      events[i] = out as unknown as OtlpEvent;
    } catch (error) {
      if (error instanceof FieldError)
        throw new FieldError(joinPath(`events[${i}]`, error.path), error.detail);
      throw error;
    }
  }
  return events;
}

function readLinks(value: unknown, cuts: ValueCuts): OtlpLink[] {
  const list = optionalList(value, 'links');
  const links: OtlpLink[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    try {
      const link = expectObject(list[i], '');
      const out: Record<string, unknown> = {
        traceId: readOtlpId(link.traceId, TRACE_ID_BYTES, 'traceId'),
        spanId: readOtlpId(link.spanId, SPAN_ID_BYTES, 'spanId'),
      };
      const traceState = optionalString(link.traceState, 'traceState');
      if (traceState) out.traceState = traceState;
      if (link.attributes !== undefined)
        out.attributes = readAttributes(link.attributes, 'attributes', 1, cuts);
      setCount(out, link, 'droppedAttributesCount');
      const flags = optionalFlags(link.flags, 'flags');
      if (flags !== undefined) out.flags = flags;
      links[i] = out as unknown as OtlpLink;
    } catch (error) {
      if (error instanceof FieldError)
        throw new FieldError(joinPath(`links[${i}]`, error.path), error.detail);
      throw error;
    }
  }
  return links;
}

/** A list of key-values whose values are at `depth` (1 for a span's attributes). */
function readAttributes(
  value: unknown,
  path: string,
  depth: number,
  cuts: ValueCuts,
): OtlpKeyValue[] {
  const list = optionalList(value, path);
  const attributes: OtlpKeyValue[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (!isObject(item) || typeof item.key !== 'string')
      throw new FieldError(
        `${path}[${i}]`,
        `expected {"key": …, "value": …}, got ${describeValue(item)}`,
      );
    try {
      if (item.value === undefined || item.value === null) {
        attributes[i] = { key: item.key };
        continue;
      }
      const read = readAnyValue(item.value, depth, cuts);
      // Reused as parsed when already in normal form: most of a big file's objects are
      // attributes, and not copying them halves the garbage an import makes.
      attributes[i] =
        read === item.value && hasOnlyKeys(item, 2)
          ? (item as unknown as OtlpKeyValue)
          : { key: item.key, value: read };
    } catch (error) {
      if (error instanceof FieldError)
        throw new FieldError(joinPath(`${path}[${i}].value`, error.path), error.detail);
      throw error;
    }
  }
  return attributes;
}

const INTEGER = /^-?\d+$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * True when the object has exactly `count` keys, counted without allocating a key list. Only for
 * objects from JSON.parse, which have no inherited enumerable keys.
 */
function hasOnlyKeys(object: JsonObject, count: number): boolean {
  let keys = 0;
  for (const _key in object) if (++keys > count) return false;
  return keys === count;
}

/** One AnyValue at `depth`; below MAX_VALUE_DEPTH it is replaced by CUT_VALUE_TEXT and counted. */
function readAnyValue(value: unknown, depth: number, cuts: ValueCuts): OtlpAnyValue {
  if (depth > MAX_VALUE_DEPTH) {
    cuts.count += 1;
    return { stringValue: CUT_VALUE_TEXT };
  }
  if (!isObject(value))
    throw new FieldError(
      '',
      `expected an AnyValue object such as {"stringValue": "…"}, got ${describeValue(value)}`,
    );
  if ('stringValue' in value) {
    if (typeof value.stringValue !== 'string')
      throw new FieldError(
        'stringValue',
        `expected a string, got ${describeValue(value.stringValue)}`,
      );
    return hasOnlyKeys(value, 1) ? value : { stringValue: value.stringValue };
  }
  if ('intValue' in value) {
    const int = value.intValue;
    // Kept as written: the JS SDK's serializer writes numbers, the Collector decimal strings.
    if (typeof int === 'number' && Number.isInteger(int) && Math.abs(int) <= 2 ** 63)
      return hasOnlyKeys(value, 1) ? value : { intValue: int };
    if (typeof int === 'string' && INTEGER.test(int)) {
      const big = int.length > 15 || /^-?0\d/.test(int) ? BigInt(int) : undefined;
      if (big !== undefined && (big < INT64_MIN || big > INT64_MAX))
        throw new FieldError('intValue', `is outside the int64 range: ${describeValue(int)}`);
      const normal = big === undefined ? int : big.toString();
      return normal === int && hasOnlyKeys(value, 1) ? value : { intValue: normal };
    }
    throw new FieldError('intValue', `expected a whole number, got ${describeValue(int)}`);
  }
  if ('boolValue' in value) {
    if (typeof value.boolValue !== 'boolean')
      throw new FieldError(
        'boolValue',
        `expected true or false, got ${describeValue(value.boolValue)}`,
      );
    return hasOnlyKeys(value, 1) ? value : { boolValue: value.boolValue };
  }
  if ('doubleValue' in value) {
    const double = value.doubleValue;
    // proto3 JSON writes NaN and the infinities as strings; other strings are numbers in quotes.
    const number = typeof double === 'string' && double.trim() !== '' ? Number(double) : double;
    if (typeof number !== 'number' || (Number.isNaN(number) && double !== 'NaN'))
      throw new FieldError('doubleValue', `expected a number, got ${describeValue(double)}`);
    return number === double && hasOnlyKeys(value, 1) ? value : { doubleValue: number };
  }
  if ('bytesValue' in value) {
    if (typeof value.bytesValue !== 'string')
      throw new FieldError(
        'bytesValue',
        `expected base64 text, got ${describeValue(value.bytesValue)}`,
      );
    return { bytesValue: value.bytesValue };
  }
  if ('arrayValue' in value) {
    const array = expectObject(value.arrayValue, 'arrayValue');
    const list = optionalList(array.values, 'arrayValue.values');
    const values: OtlpAnyValue[] = new Array(list.length);
    for (let i = 0; i < list.length; i++) {
      try {
        values[i] = readAnyValue(list[i], depth + 1, cuts);
      } catch (error) {
        if (error instanceof FieldError)
          throw new FieldError(joinPath(`arrayValue.values[${i}]`, error.path), error.detail);
        throw error;
      }
    }
    return { arrayValue: { values } };
  }
  if ('kvlistValue' in value) {
    const kvlist = expectObject(value.kvlistValue, 'kvlistValue');
    return {
      kvlistValue: { values: readAttributes(kvlist.values, 'kvlistValue.values', depth + 1, cuts) },
    };
  }
  // An empty AnyValue is valid protobuf (the value is unset).
  return {};
}
