// Reads Jaeger's JSON (what Jaeger UI downloads) into the app model, mapping it the way the
// OpenTelemetry Collector's Jaeger translator (pkg/translator/jaeger, jaegerproto_to_traces.go)
// does: process → resource, span.kind / otel.status_code / error / w3c.tracestate /
// otel.scope.* tags → span fields, logs → events named by their `event` field, the parent
// reference → parentSpanId and every other reference → a link.
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
import { isAllZeroId, SPAN_ID_BYTES, TRACE_ID_BYTES } from '../model/otlp-ids';
import type { IncomingSpan } from '../storage/incoming-span';
import { describeValue, FieldError, within } from '../otlp/field-error';
import {
  expectObject,
  isObject,
  optionalList,
  optionalString,
  requiredString,
  type JsonObject,
} from '../otlp/json-field-readers';
import { readJaegerId, readMicros } from './jaeger-field-readers';
import { jaegerTag, NO_SERVICE_NAME } from './jaeger-json';

/**
 * True when the parsed document has Jaeger's shape: {"data": [traces]}, one trace, or a list of
 * them. Only then do errors quote the document's values (some other JSON is never echoed back).
 */
export function looksLikeJaeger(value: unknown): boolean {
  if (isObject(value))
    return (
      (Array.isArray(value.data) && (value.data.length === 0 || isJaegerTrace(value.data[0]))) ||
      isJaegerTrace(value)
    );
  return Array.isArray(value) && value.length > 0 && isJaegerTrace(value[0]);
}

/** A trace object of Jaeger's shape: its spans, with its traceID or processes. */
export function isJaegerTrace(value: unknown): boolean {
  return (
    isObject(value) && Array.isArray(value.spans) && ('traceID' in value || 'processes' in value)
  );
}

/** Every span of every trace in the document. Throws FieldError. */
export function readJaegerDocument(value: unknown): IncomingSpan[] {
  const spans: IncomingSpan[] = [];
  if (isObject(value) && Array.isArray(value.data)) {
    value.data.forEach((trace, i) => readTraceAt(trace, `data[${i}]`, spans));
  } else if (Array.isArray(value)) {
    value.forEach((trace, i) => readTraceAt(trace, `[${i}]`, spans));
  } else {
    readTraceAt(value, '', spans);
  }
  return spans;
}

/** The spans of one trace object (`{"traceID", "spans", "processes"}`) found at `path` (its
 * errors' paths start there). Throws FieldError. */
export function readJaegerTrace(value: unknown, path: string): IncomingSpan[] {
  const spans: IncomingSpan[] = [];
  readTraceAt(value, path, spans);
  return spans;
}

function readTraceAt(value: unknown, path: string, into: IncomingSpan[]): void {
  try {
    readTrace(value, into);
  } catch (error) {
    if (path) within(path, error);
    throw error;
  }
}

function readTrace(value: unknown, into: IncomingSpan[]): void {
  const trace = expectObject(value, '');
  const processes =
    trace.processes === undefined || trace.processes === null
      ? {}
      : expectObject(trace.processes, 'processes');
  const resources = new Map<string, OtlpResource>();
  const resourceOf = (processId: string, path: string): OtlpResource => {
    let resource = resources.get(processId);
    if (!resource) {
      const process = processes[processId];
      if (process === undefined)
        throw new FieldError(path, `names process "${processId}", which "processes" does not list`);
      try {
        resource = readProcess(process);
      } catch (error) {
        within(`processes.${processId}`, error);
      }
      resources.set(processId, resource);
    }
    return resource;
  };
  const scopes = new Map<string, OtlpScope>();
  const list = optionalList(trace.spans, 'spans');
  for (let i = 0; i < list.length; i++) {
    try {
      const span = expectObject(list[i], '');
      const resource =
        span.process !== undefined && span.process !== null
          ? readEmbeddedProcess(span.process)
          : resourceOf(requiredString(span.processID, 'processID'), 'processID');
      const { otlpSpan, scopeName, scopeVersion } = readSpan(span);
      const scopeKey = `${scopeName}\u0000${scopeVersion ?? ''}`;
      let scope = scopes.get(scopeKey);
      if (!scope) {
        scope = scopeVersion ? { name: scopeName, version: scopeVersion } : { name: scopeName };
        scopes.set(scopeKey, scope);
      }
      into.push({ span: otlpSpan, resource, scope });
    } catch (error) {
      within(`spans[${i}]`, error);
    }
  }
}

const embeddedResources = new WeakMap<object, OtlpResource>();

function readEmbeddedProcess(value: unknown): OtlpResource {
  try {
    const process = expectObject(value, '');
    let resource = embeddedResources.get(process);
    if (!resource) {
      resource = readProcess(process);
      embeddedResources.set(process, resource);
    }
    return resource;
  } catch (error) {
    within('process', error);
  }
}

function readProcess(value: unknown): OtlpResource {
  const process = expectObject(value, '');
  const serviceName = optionalString(process.serviceName, 'serviceName') ?? '';
  const attributes = new Map<string, OtlpAnyValue>();
  if (serviceName === NO_SERVICE_NAME) return { attributes: [] };
  if (serviceName) attributes.set('service.name', { stringValue: serviceName });
  readTags(process.tags, 'tags', attributes);
  // The translator's two renames of process tags written by Jaeger's own clients.
  const hostname = attributes.get('hostname');
  if (hostname && !attributes.has('host.name')) {
    attributes.delete('hostname');
    attributes.set('host.name', hostname);
  }
  const jaegerVersion = attributes.get('jaeger.version');
  if (jaegerVersion && !attributes.has('opencensus.exporterversion')) {
    attributes.delete('jaeger.version');
    attributes.set('opencensus.exporterversion', {
      stringValue: `Jaeger-${jaegerVersion.stringValue ?? ''}`,
    });
  }
  return { attributes: toKeyValues(attributes) };
}

function readSpan(span: JsonObject): {
  otlpSpan: OtlpSpan;
  scopeName: string;
  scopeVersion: string | undefined;
} {
  const traceId = readJaegerId(span.traceID, TRACE_ID_BYTES, 'traceID');
  if (isAllZeroId(traceId))
    throw new FieldError('traceID', 'is all zeros, which is not a valid id');
  const spanId = readJaegerId(span.spanID, SPAN_ID_BYTES, 'spanID');
  if (isAllZeroId(spanId)) throw new FieldError('spanID', 'is all zeros, which is not a valid id');
  const startMicros = readMicros(span.startTime, 'startTime');
  // Jaeger's duration is a signed int64; a negative one makes a span that ends before it starts,
  // which the import keeps with zero duration and a warning (see normalizeIncomingSpans).
  const durationMicros = readSignedMicros(span.duration, 'duration');

  const attributes = new Map<string, OtlpAnyValue>();
  readTags(span.tags, 'tags', attributes);
  const { name: scopeName, version: scopeVersion } = takeScope(attributes);
  const kindValue = attributes.get(jaegerTag.spanKind);
  const kind = kindValue ? spanKindOf(kindValue.stringValue) : OtlpSpanKind.UNSPECIFIED;
  attributes.delete(jaegerTag.spanKind);
  const status = takeStatus(attributes, kind);
  const traceState = attributes.get(jaegerTag.traceState)?.stringValue;
  attributes.delete(jaegerTag.traceState);

  const references = readReferences(span.references);
  const parent = parentReference(references, traceId);
  const links: OtlpLink[] = [];
  for (const reference of references) {
    if (reference === parent && reference.refType === 'CHILD_OF') continue;
    links.push({
      traceId: reference.traceId,
      spanId: reference.spanId,
      attributes: [
        {
          key: jaegerTag.refType,
          value: { stringValue: reference.refType === 'CHILD_OF' ? 'child_of' : 'follows_from' },
        },
      ],
    });
  }
  const events = readLogs(span.logs);

  const otlpSpan: Record<string, unknown> = {
    traceId,
    spanId,
    name: optionalString(span.operationName, 'operationName') ?? '',
    kind,
    startTimeUnixNano: (startMicros * 1000n).toString(),
    endTimeUnixNano: ((startMicros + durationMicros) * 1000n).toString(),
  };
  if (parent) otlpSpan.parentSpanId = parent.spanId;
  if (traceState) otlpSpan.traceState = traceState;
  if (attributes.size > 0) otlpSpan.attributes = toKeyValues(attributes);
  if (events.length > 0) otlpSpan.events = events;
  if (links.length > 0) otlpSpan.links = links;
  if (status) otlpSpan.status = status;
  // Every field of OtlpSpan was checked above; the record only avoids writing absent keys.
  return { otlpSpan: otlpSpan as unknown as OtlpSpan, scopeName, scopeVersion };
}

function readSignedMicros(value: unknown, path: string): bigint {
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  return readMicros(value, path);
}

function takeScope(attributes: Map<string, OtlpAnyValue>): { name: string; version?: string } {
  for (const [nameKey, versionKey] of [
    [jaegerTag.scopeName, jaegerTag.scopeVersion],
    [jaegerTag.libraryName, jaegerTag.libraryVersion],
  ] as const) {
    const name = attributes.get(nameKey);
    if (!name) continue;
    attributes.delete(nameKey);
    const version = attributes.get(versionKey);
    attributes.delete(versionKey);
    return { name: name.stringValue ?? '', version: version?.stringValue || undefined };
  }
  return { name: '' };
}

function spanKindOf(tag: string | undefined): number {
  switch (tag) {
    case 'client':
      return OtlpSpanKind.CLIENT;
    case 'server':
      return OtlpSpanKind.SERVER;
    case 'producer':
      return OtlpSpanKind.PRODUCER;
    case 'consumer':
      return OtlpSpanKind.CONSUMER;
    case 'internal':
      return OtlpSpanKind.INTERNAL;
    default:
      return OtlpSpanKind.UNSPECIFIED;
  }
}

/** The translator's rules: a true `error` tag wins, then otel.status_code, then http.status_code. */
function takeStatus(attributes: Map<string, OtlpAnyValue>, kind: number): OtlpStatus | undefined {
  let code: number | undefined;
  let message = '';
  const takeDescription = (): boolean => {
    const description = attributes.get(jaegerTag.statusDescription);
    if (!description) return false;
    attributes.delete(jaegerTag.statusDescription);
    message = description.stringValue ?? '';
    return true;
  };
  if (attributes.get(jaegerTag.error)?.boolValue === true) {
    code = OtlpStatusCode.ERROR;
    attributes.delete(jaegerTag.error);
    if (!takeDescription())
      message = attributes.get(jaegerTag.httpStatusMessage)?.stringValue ?? '';
  }
  const otelCode = attributes.get(jaegerTag.statusCode);
  if (otelCode) {
    if (code === undefined) {
      const text = (otelCode.stringValue ?? '').toUpperCase();
      code =
        text === 'OK'
          ? OtlpStatusCode.OK
          : text === 'ERROR'
            ? OtlpStatusCode.ERROR
            : OtlpStatusCode.UNSET;
      takeDescription();
    }
    attributes.delete(jaegerTag.statusCode);
  } else if (code === undefined) {
    const httpCode = httpStatusOf(attributes.get(jaegerTag.httpStatusCode));
    const fromHttp = httpCode === undefined ? undefined : statusFromHttp(httpCode, kind);
    if (fromHttp !== undefined && fromHttp !== OtlpStatusCode.UNSET) {
      code = fromHttp;
      message = attributes.get(jaegerTag.httpStatusMessage)?.stringValue ?? '';
    }
  }
  if (code === undefined) return undefined;
  return message ? { code, message } : { code };
}

function httpStatusOf(value: OtlpAnyValue | undefined): number | undefined {
  const text = value?.intValue ?? value?.stringValue;
  return text !== undefined && /^-?\d+$/.test(String(text)) ? Number(text) : undefined;
}

/** 4xx is an error for clients only; 1xx–3xx are not errors; anything else is. */
function statusFromHttp(httpCode: number, kind: number): number {
  if (httpCode >= 400 && httpCode < 500) {
    if (kind === OtlpSpanKind.CLIENT) return OtlpStatusCode.ERROR;
    if (kind === OtlpSpanKind.SERVER) return OtlpStatusCode.UNSET;
  }
  return httpCode >= 100 && httpCode < 400 ? OtlpStatusCode.UNSET : OtlpStatusCode.ERROR;
}

interface Reference {
  readonly refType: 'CHILD_OF' | 'FOLLOWS_FROM';
  readonly traceId: string;
  readonly spanId: string;
}

function readReferences(value: unknown): Reference[] {
  const list = optionalList(value, 'references');
  return list.map((item, i) => {
    try {
      const reference = expectObject(item, '');
      const refType = reference.refType;
      if (refType !== 'CHILD_OF' && refType !== 'FOLLOWS_FROM')
        throw new FieldError(
          'refType',
          `expected "CHILD_OF" or "FOLLOWS_FROM", got ${describeValue(refType)}`,
        );
      return {
        refType,
        traceId: readJaegerId(reference.traceID, TRACE_ID_BYTES, 'traceID'),
        spanId: readJaegerId(reference.spanID, SPAN_ID_BYTES, 'spanID'),
      };
    } catch (error) {
      within(`references[${i}]`, error);
    }
  });
}

/** As Jaeger's model: the first CHILD_OF reference within the trace, else the first FOLLOWS_FROM. */
function parentReference(references: readonly Reference[], traceId: string): Reference | undefined {
  let followsFrom: Reference | undefined;
  for (const reference of references) {
    if (reference.traceId !== traceId) continue;
    if (reference.refType === 'CHILD_OF') return reference;
    followsFrom ??= reference;
  }
  return followsFrom;
}

function readLogs(value: unknown): OtlpEvent[] {
  const list = optionalList(value, 'logs');
  return list.map((item, i) => {
    try {
      const log = expectObject(item, '');
      const micros = readMicros(log.timestamp, 'timestamp');
      const fields = new Map<string, OtlpAnyValue>();
      readTags(log.fields, 'fields', fields);
      const nameValue = fields.get(jaegerTag.eventName);
      fields.delete(jaegerTag.eventName);
      const event: OtlpEvent = {
        timeUnixNano: (micros * 1000n).toString(),
        name: nameValue?.stringValue ?? '',
        ...(fields.size > 0 ? { attributes: toKeyValues(fields) } : {}),
      };
      return event;
    } catch (error) {
      within(`logs[${i}]`, error);
    }
  });
}

/** Jaeger tags into an ordered map; a repeated key overwrites in place, as the translator's map does. */
function readTags(value: unknown, path: string, into: Map<string, OtlpAnyValue>): void {
  const list = optionalList(value, path);
  for (let i = 0; i < list.length; i++) {
    try {
      const tag = expectObject(list[i], '');
      into.set(requiredString(tag.key, 'key'), readTagValue(tag));
    } catch (error) {
      within(`${path}[${i}]`, error);
    }
  }
}

function readTagValue(tag: JsonObject): OtlpAnyValue {
  const { type, value } = tag;
  const wrong = (expected: string) =>
    new FieldError('value', `a ${String(type)} tag needs ${expected}, got ${describeValue(value)}`);
  switch (type) {
    case 'string':
      if (typeof value !== 'string') throw wrong('a string');
      return { stringValue: value };
    case 'bool':
      if (typeof value === 'boolean') return { boolValue: value };
      if (value === 'true' || value === 'false') return { boolValue: value === 'true' };
      throw wrong('true or false');
    case 'int64':
      if (typeof value === 'number' && Number.isInteger(value))
        return { intValue: Number.isSafeInteger(value) ? String(value) : BigInt(value).toString() };
      if (typeof value === 'string' && /^-?\d+$/.test(value))
        return { intValue: BigInt(value).toString() };
      throw wrong('a whole number');
    case 'float64':
      if (typeof value === 'number') return { doubleValue: value };
      if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)))
        return { doubleValue: Number(value) };
      throw wrong('a number');
    case 'binary':
      if (typeof value !== 'string') throw wrong('base64 text');
      return { bytesValue: value };
    default:
      throw new FieldError(
        'type',
        `expected "string", "bool", "int64", "float64" or "binary", got ${describeValue(type)}`,
      );
  }
}

function toKeyValues(map: Map<string, OtlpAnyValue>): OtlpKeyValue[] {
  const list: OtlpKeyValue[] = [];
  for (const [key, value] of map) list.push({ key, value });
  return list;
}
