// Reads one OTLP/JSON ExportTraceServiceRequest into the app model, checking every field it uses
// and normalizing the lenient forms real files contain (see readOtlpTraceRequest).
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
import type { IncomingSpan } from '../store/trace-store';
import {
  expectObject,
  isObject,
  isZeroId,
  optionalCount,
  optionalList,
  optionalString,
  readOtlpId,
  readUnixNanos,
  type JsonObject,
} from './field-readers';
import { describeValue, FieldError, within } from './trace-file-error';

const spanKindNames: Record<string, number> = {
  SPAN_KIND_UNSPECIFIED: 0,
  SPAN_KIND_INTERNAL: 1,
  SPAN_KIND_SERVER: 2,
  SPAN_KIND_CLIENT: 3,
  SPAN_KIND_PRODUCER: 4,
  SPAN_KIND_CONSUMER: 5,
};

const statusCodeNames: Record<string, number> = {
  STATUS_CODE_UNSET: 0,
  STATUS_CODE_OK: 1,
  STATUS_CODE_ERROR: 2,
};

/**
 * The spans of one ExportTraceServiceRequest, each with its resource and scope (shared objects per
 * resourceSpans / scopeSpans, so the store interns them cheaply). Accepts hex or base64 ids,
 * int64s as strings or numbers, span kinds and status codes as numbers or enum names, and the
 * pre-1.0 names `instrumentationLibrarySpans` / `instrumentationLibrary`. Throws FieldError.
 */
export function readOtlpTraceRequest(value: unknown): IncomingSpan[] {
  const request = expectObject(value, '');
  if (request.resourceSpans === undefined && request.resource_spans !== undefined)
    throw new FieldError(
      'resource_spans',
      'protobuf field names are not OTLP/JSON; expected "resourceSpans" (camelCase)',
    );
  const spans: IncomingSpan[] = [];
  const resourceSpansList = optionalList(request.resourceSpans, 'resourceSpans');
  for (let r = 0; r < resourceSpansList.length; r++) {
    try {
      readResourceSpans(resourceSpansList[r], spans);
    } catch (error) {
      within(`resourceSpans[${r}]`, error);
    }
  }
  return spans;
}

function readResourceSpans(value: unknown, into: IncomingSpan[]): void {
  const resourceSpans = expectObject(value, '');
  const resource = readResource(resourceSpans.resource);
  const scopeField =
    resourceSpans.scopeSpans === undefined &&
    resourceSpans.instrumentationLibrarySpans !== undefined
      ? 'instrumentationLibrarySpans'
      : 'scopeSpans';
  const scopeSpansList = optionalList(resourceSpans[scopeField], scopeField);
  for (let s = 0; s < scopeSpansList.length; s++) {
    try {
      const scopeSpans = expectObject(scopeSpansList[s], '');
      const scopeValue = scopeSpans.scope ?? scopeSpans.instrumentationLibrary;
      let scope: OtlpScope;
      try {
        scope = readScope(scopeValue);
      } catch (error) {
        within(scopeSpans.scope === undefined ? 'instrumentationLibrary' : 'scope', error);
      }
      const spans = optionalList(scopeSpans.spans, 'spans');
      for (let i = 0; i < spans.length; i++) {
        try {
          into.push({ span: readSpan(spans[i]), resource, scope });
        } catch (error) {
          within(`spans[${i}]`, error);
        }
      }
    } catch (error) {
      within(`${scopeField}[${s}]`, error);
    }
  }
}

function readResource(value: unknown): OtlpResource {
  if (value === undefined || value === null) return { attributes: [] };
  try {
    const resource = expectObject(value, '');
    const dropped = optionalCount(resource.droppedAttributesCount, 'droppedAttributesCount');
    return {
      attributes: readAttributes(resource.attributes, 'attributes'),
      ...(dropped === undefined ? {} : { droppedAttributesCount: dropped }),
    };
  } catch (error) {
    within('resource', error);
  }
}

function readScope(value: unknown): OtlpScope {
  if (value === undefined || value === null) return { name: '' };
  const scope = expectObject(value, '');
  const version = optionalString(scope.version, 'version');
  const attributes =
    scope.attributes === undefined ? undefined : readAttributes(scope.attributes, 'attributes');
  return {
    name: optionalString(scope.name, 'name') ?? '',
    ...(version === undefined ? {} : { version }),
    ...(attributes === undefined ? {} : { attributes }),
  };
}

function readSpan(value: unknown): OtlpSpan {
  const span = expectObject(value, '');
  const traceId = readOtlpId(span.traceId, 16, 'traceId');
  if (isZeroId(traceId)) throw new FieldError('traceId', 'is all zeros, which is not a valid id');
  const spanId = readOtlpId(span.spanId, 8, 'spanId');
  if (isZeroId(spanId)) throw new FieldError('spanId', 'is all zeros, which is not a valid id');
  const parentSpanId =
    span.parentSpanId === undefined || span.parentSpanId === null || span.parentSpanId === ''
      ? undefined
      : readOtlpId(span.parentSpanId, 8, 'parentSpanId');
  const startTimeUnixNano = readUnixNanos(span.startTimeUnixNano, 'startTimeUnixNano');
  const endTimeUnixNano = readUnixNanos(span.endTimeUnixNano, 'endTimeUnixNano');
  if (isEarlier(endTimeUnixNano, startTimeUnixNano))
    throw new FieldError(
      'endTimeUnixNano',
      `the span ends (${endTimeUnixNano}) before it starts (${startTimeUnixNano})`,
    );
  const out: Record<string, unknown> = {
    traceId,
    spanId,
    name: optionalString(span.name, 'name') ?? '',
    kind: readEnum(span.kind, spanKindNames, 'kind', 0),
    startTimeUnixNano,
    endTimeUnixNano,
  };
  if (parentSpanId !== undefined && !isZeroId(parentSpanId)) out.parentSpanId = parentSpanId;
  const traceState = optionalString(span.traceState, 'traceState');
  if (traceState) out.traceState = traceState;
  setCount(out, span, 'flags');
  if (span.attributes !== undefined) out.attributes = readAttributes(span.attributes, 'attributes');
  setCount(out, span, 'droppedAttributesCount');
  if (span.events !== undefined) out.events = readEvents(span.events);
  setCount(out, span, 'droppedEventsCount');
  if (span.links !== undefined) out.links = readLinks(span.links);
  setCount(out, span, 'droppedLinksCount');
  if (span.status !== undefined && span.status !== null) out.status = readStatus(span.status);
  // Every field of OtlpSpan was checked above; the record only avoids writing absent keys.
  return out as unknown as OtlpSpan;
}

/** a < b for decimal strings without leading zeros (cheaper than two BigInts per span). */
function isEarlier(a: string, b: string): boolean {
  return a.length !== b.length ? a.length < b.length : a < b;
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
      status.code === undefined ? undefined : readEnum(status.code, statusCodeNames, 'code', 0);
    return {
      ...(code === undefined ? {} : { code }),
      ...(message === undefined ? {} : { message }),
    };
  } catch (error) {
    within('status', error);
  }
}

function readEvents(value: unknown): OtlpEvent[] {
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
        out.attributes = readAttributes(event.attributes, 'attributes');
      setCount(out, event, 'droppedAttributesCount');
      events[i] = out as unknown as OtlpEvent;
    } catch (error) {
      within(`events[${i}]`, error);
    }
  }
  return events;
}

function readLinks(value: unknown): OtlpLink[] {
  const list = optionalList(value, 'links');
  const links: OtlpLink[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    try {
      const link = expectObject(list[i], '');
      const out: Record<string, unknown> = {
        traceId: readOtlpId(link.traceId, 16, 'traceId'),
        spanId: readOtlpId(link.spanId, 8, 'spanId'),
      };
      const traceState = optionalString(link.traceState, 'traceState');
      if (traceState) out.traceState = traceState;
      if (link.attributes !== undefined)
        out.attributes = readAttributes(link.attributes, 'attributes');
      setCount(out, link, 'droppedAttributesCount');
      setCount(out, link, 'flags');
      links[i] = out as unknown as OtlpLink;
    } catch (error) {
      within(`links[${i}]`, error);
    }
  }
  return links;
}

export function readAttributes(value: unknown, path: string): OtlpKeyValue[] {
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
      const read = readAnyValue(item.value);
      // Reused as parsed when already in normal form: most of a big file's objects are
      // attributes, and not copying them halves the garbage an import makes.
      attributes[i] =
        read === item.value && hasOnlyKeys(item, 2)
          ? (item as unknown as OtlpKeyValue)
          : { key: item.key, value: read };
    } catch (error) {
      within(`${path}[${i}].value`, error);
    }
  }
  return attributes;
}

const INTEGER = /^-?\d+$/;

/**
 * True when the object has exactly `count` keys, counted without allocating a key list. Only for
 * objects from JSON.parse, which have no inherited enumerable keys.
 */
function hasOnlyKeys(object: JsonObject, count: number): boolean {
  let keys = 0;
  for (const _key in object) if (++keys > count) return false;
  return keys === count;
}

/** One AnyValue; a doubleValue written as a string becomes a number. */
export function readAnyValue(value: unknown): OtlpAnyValue {
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
    if (typeof int === 'number' && Number.isInteger(int))
      return hasOnlyKeys(value, 1) ? value : { intValue: int };
    if (typeof int === 'string' && INTEGER.test(int)) {
      const normal = int.length > 1 && /^-?0/.test(int) ? BigInt(int).toString() : int;
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
        values[i] = readAnyValue(list[i]);
      } catch (error) {
        within(`arrayValue.values[${i}]`, error);
      }
    }
    return { arrayValue: { values } };
  }
  if ('kvlistValue' in value) {
    const kvlist = expectObject(value.kvlistValue, 'kvlistValue');
    return { kvlistValue: { values: readAttributes(kvlist.values, 'kvlistValue.values') } };
  }
  // An empty AnyValue is valid protobuf (the value is unset).
  return {};
}
