// The app model to Jaeger's JSON, mapped as the OpenTelemetry Collector's Jaeger translator
// (traces_to_jaegerproto.go) does, then printed as Jaeger's query API prints it (ids in hex,
// 64-bit trace ids in 16 digits, times truncated to microseconds).
import { limitAnyValueDepth } from '../model/any-value-depth';
import type { OtlpAnyValue, OtlpKeyValue, OtlpResource, OtlpScope, OtlpSpan } from '../model/otlp';
import { OtlpSpanKind, OtlpStatusCode } from '../model/otlp';
import type { TraceDetail } from '../model/trace';
import {
  jaegerTag,
  NO_SERVICE_NAME,
  type JaegerDocument,
  type JaegerKeyValue,
  type JaegerProcess,
  type JaegerReference,
  type JaegerSpan,
} from './jaeger-json';

export function toJaegerDocument(trace: TraceDetail): JaegerDocument {
  const processIds = new Map<number, string>();
  const processes: Record<string, JaegerProcess> = {};
  const spans: JaegerSpan[] = trace.spans.map((span) => {
    let processID = processIds.get(span.resourceIndex);
    if (processID === undefined) {
      processID = `p${processIds.size + 1}`;
      processIds.set(span.resourceIndex, processID);
      processes[processID] = toJaegerProcess(trace.resources[span.resourceIndex]);
    }
    return toJaegerSpan(span, trace.scopes[span.scopeIndex], processID);
  });
  return {
    data: [{ traceID: jaegerTraceId(trace.traceId), spans, processes, warnings: null }],
    total: 0,
    limit: 0,
    offset: 0,
    errors: null,
  };
}

/** Jaeger prints a trace id whose high 64 bits are zero as 16 digits. */
function jaegerTraceId(traceId: string): string {
  return traceId.startsWith('0000000000000000') ? traceId.slice(16) : traceId;
}

function toJaegerProcess(resource: OtlpResource | undefined): JaegerProcess {
  const attributes = resource?.attributes ?? [];
  if (attributes.length === 0) return { serviceName: NO_SERVICE_NAME, tags: [] };
  let serviceName = '';
  const tags: JaegerKeyValue[] = [];
  for (const attribute of attributes) {
    if (attribute.key === 'service.name') serviceName = attribute.value?.stringValue ?? '';
    else tags.push(toTag(attribute));
  }
  return { serviceName, tags };
}

const kindTags: Record<number, string> = {
  [OtlpSpanKind.CLIENT]: 'client',
  [OtlpSpanKind.SERVER]: 'server',
  [OtlpSpanKind.PRODUCER]: 'producer',
  [OtlpSpanKind.CONSUMER]: 'consumer',
  [OtlpSpanKind.INTERNAL]: 'internal',
};

function toJaegerSpan(span: OtlpSpan, scope: OtlpScope | undefined, processID: string): JaegerSpan {
  const startNanos = BigInt(span.startTimeUnixNano);
  const tags: JaegerKeyValue[] = [];
  if (scope?.name) tags.push(stringTag(jaegerTag.scopeName, scope.name));
  if (scope?.version) tags.push(stringTag(jaegerTag.scopeVersion, scope.version));
  for (const attribute of span.attributes ?? []) tags.push(toTag(attribute));
  const kindTag = kindTags[span.kind];
  if (kindTag) tags.push(stringTag(jaegerTag.spanKind, kindTag));
  const code = span.status?.code ?? OtlpStatusCode.UNSET;
  if (code === OtlpStatusCode.ERROR) tags.push(stringTag(jaegerTag.statusCode, 'ERROR'));
  if (code === OtlpStatusCode.OK) tags.push(stringTag(jaegerTag.statusCode, 'OK'));
  if (code === OtlpStatusCode.ERROR) tags.push({ key: jaegerTag.error, type: 'bool', value: true });
  if (span.status?.message) tags.push(stringTag(jaegerTag.statusDescription, span.status.message));
  if (span.traceState) tags.push(stringTag(jaegerTag.traceState, span.traceState));
  return {
    traceID: jaegerTraceId(span.traceId),
    spanID: span.spanId,
    flags: (span.flags ?? 0) & 0xff,
    operationName: span.name,
    references: toReferences(span),
    startTime: Number(startNanos / 1000n),
    duration: Number((BigInt(span.endTimeUnixNano) - startNanos) / 1000n),
    tags,
    logs: (span.events ?? []).map((event) => {
      const fields: JaegerKeyValue[] = [];
      const hasEventAttribute = event.attributes?.some((a) => a.key === jaegerTag.eventName);
      if (event.name && !hasEventAttribute) fields.push(stringTag(jaegerTag.eventName, event.name));
      for (const attribute of event.attributes ?? []) fields.push(toTag(attribute));
      return { timestamp: Number(BigInt(event.timeUnixNano) / 1000n), fields };
    }),
    processID,
    warnings: null,
  };
}

/** The parent first (CHILD_OF), then one reference per link, typed by its opentracing.ref_type. */
function toReferences(span: OtlpSpan): JaegerReference[] {
  const references: JaegerReference[] = [];
  const traceID = jaegerTraceId(span.traceId);
  if (span.parentSpanId)
    references.push({ refType: 'CHILD_OF', traceID, spanID: span.parentSpanId });
  for (const link of span.links ?? []) {
    const refTypeAttribute = link.attributes?.find((a) => a.key === jaegerTag.refType);
    const refType =
      refTypeAttribute?.value?.stringValue === 'child_of' ? 'CHILD_OF' : 'FOLLOWS_FROM';
    const linkTraceID = jaegerTraceId(link.traceId);
    if (span.parentSpanId && linkTraceID === traceID && link.spanId === span.parentSpanId) {
      references[0] = { ...references[0]!, refType };
      continue;
    }
    references.push({ refType, traceID: linkTraceID, spanID: link.spanId });
  }
  return references;
}

function stringTag(key: string, value: string): JaegerKeyValue {
  return { key, type: 'string', value };
}

function toTag({ key, value }: OtlpKeyValue): JaegerKeyValue {
  if (value?.stringValue !== undefined) return stringTag(key, value.stringValue);
  if (value?.boolValue !== undefined) return { key, type: 'bool', value: value.boolValue };
  // Jaeger's JSON writes int64 as a JSON number; past 2^53 the number is rounded.
  if (value?.intValue !== undefined) return { key, type: 'int64', value: Number(value.intValue) };
  if (value?.doubleValue !== undefined) return { key, type: 'float64', value: value.doubleValue };
  if (value?.bytesValue !== undefined) return { key, type: 'binary', value: value.bytesValue };
  // Lists and maps have no Jaeger type: the translator writes them as JSON text. Cut to
  // MAX_VALUE_DEPTH levels first: rawValue and JSON.stringify recurse.
  return stringTag(key, value ? JSON.stringify(rawValue(limitAnyValueDepth(value))) : '');
}

type Raw = string | number | boolean | null | Raw[] | { [key: string]: Raw };

/** Recursive, so only for values already limited to MAX_VALUE_DEPTH levels. */
function rawValue(value: OtlpAnyValue): Raw {
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.bytesValue !== undefined) return value.bytesValue;
  if (value.arrayValue) return (value.arrayValue.values ?? []).map(rawValue);
  if (value.kvlistValue) {
    const object: { [key: string]: Raw } = {};
    for (const entry of value.kvlistValue.values ?? [])
      object[entry.key] = entry.value ? rawValue(entry.value) : null;
    return object;
  }
  return null;
}
