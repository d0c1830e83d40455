// Builds the waterfall's lean view of a stored trace (see model/trace-outline.ts), from its spans'
// columns: the store reads those from its span chunks without the spans' details.
import { cutAttributeValueText, DEFAULT_ATTRIBUTE_VALUE_LIMIT_KIB } from '../model/attribute-limit';
import { OtlpStatusCode, type OtlpKeyValue } from '../model/otlp';
import type { TraceOutline } from '../model/trace-outline';
import type { TraceDetail } from '../model/trace';
import { serviceNameOf } from '../storage/resource-attributes';
import { GrowingOutline } from './growing-outline';
import { statementOf, statementShape } from './statement-shape';

/** One trace's spans, column by column, in the store's order. */
export interface OutlineColumns {
  readonly traceId: string;
  readonly spanIds: readonly string[];
  /** Parent span ids; null, undefined or '' where a span has none. */
  readonly parentIds: readonly (string | null | undefined)[];
  readonly names: readonly string[];
  readonly kinds: readonly number[];
  readonly starts: readonly string[];
  readonly ends: readonly string[];
  readonly statusCodes: readonly number[];
  /** Status messages by span index, only for spans that have one. */
  readonly statusMessages: Readonly<Record<number, string>>;
  /** Links per span index, only for spans that have any. */
  readonly linkCounts: Readonly<Record<number, number>>;
  /** Statement shapes (statementShape of statementOf) by span index, only for spans with one. */
  readonly statementShapes: Readonly<Record<number, string>>;
  /** service.name per resource of the trace, and each span's index into it. */
  readonly services: readonly string[];
  readonly serviceIndex: readonly number[];
  /** Events per span, then every event's time and name, span after span. */
  readonly eventCounts: readonly number[];
  readonly eventTimes: readonly string[];
  readonly eventNames: readonly string[];
}

/**
 * An event's attributes as `key=value` text, two spaces apart (the event list's text); each value
 * longer than `limitKiB` is cut with "(cut, N KiB)" (the span's details show it whole).
 */
export function attributesText(
  attributes: readonly OtlpKeyValue[] | undefined,
  limitKiB: number = DEFAULT_ATTRIBUTE_VALUE_LIMIT_KIB,
): string {
  if (!attributes || attributes.length === 0) return '';
  return attributes
    .map((attribute) => `${attribute.key}=${cutAttributeValueText(attribute.value, limitKiB)}`)
    .join('  ');
}

/** The attributes of every event of the trace, in the outline's order of events. */
export function traceEventAttributes(
  trace: TraceDetail,
  limitKiB: number = DEFAULT_ATTRIBUTE_VALUE_LIMIT_KIB,
): string[] {
  const texts: string[] = [];
  for (const span of trace.spans)
    if (span.events)
      for (const event of span.events) texts.push(attributesText(event.attributes, limitKiB));
  return texts;
}

/** The columns of a whole trace held as spans. */
export function outlineColumnsOf(trace: TraceDetail): OutlineColumns {
  const { spans } = trace;
  const statusMessages: Record<number, string> = {};
  const linkCounts: Record<number, number> = {};
  const statementShapes: Record<number, string> = {};
  const eventTimes: string[] = [];
  const eventNames: string[] = [];
  spans.forEach((span, index) => {
    if (span.status?.message) statusMessages[index] = span.status.message;
    if (span.links?.length) linkCounts[index] = span.links.length;
    const statement = statementOf(span.attributes);
    if (statement !== undefined) statementShapes[index] = statementShape(statement);
    for (const event of span.events ?? []) {
      eventTimes.push(event.timeUnixNano);
      eventNames.push(event.name);
    }
  });
  return {
    traceId: trace.traceId,
    spanIds: spans.map((span) => span.spanId),
    parentIds: spans.map((span) => span.parentSpanId),
    names: spans.map((span) => span.name),
    kinds: spans.map((span) => span.kind),
    starts: spans.map((span) => span.startTimeUnixNano),
    ends: spans.map((span) => span.endTimeUnixNano),
    statusCodes: spans.map((span) => span.status?.code ?? OtlpStatusCode.UNSET),
    statusMessages,
    linkCounts,
    statementShapes,
    services: trace.resources.map(serviceNameOf),
    serviceIndex: spans.map((span) => span.resourceIndex),
    eventCounts: spans.map((span) => span.events?.length ?? 0),
    eventTimes,
    eventNames,
  };
}

export function traceOutline(trace: TraceDetail): TraceOutline {
  return outlineFromColumns(outlineColumnsOf(trace));
}

/** The outline over these columns. */
export function outlineFromColumns(columns: OutlineColumns): TraceOutline {
  return new GrowingOutline(columns.traceId).append(columns).outline();
}
