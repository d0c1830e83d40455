// Builds the waterfall's lean view of a stored trace (see model/trace-outline.ts).
import { attributeValueText } from '../model/attribute-text';
import { OtlpStatusCode, type OtlpKeyValue } from '../model/otlp';
import type { TraceOutline } from '../model/trace-outline';
import type { TraceDetail } from '../model/trace';
import { serviceNameOf } from '../store/resource-attributes';
import { relativeMicros, wholeMicros } from './relative-micros';
import { statementOf, statementShape } from './statement-shape';

function attributesText(attributes: readonly OtlpKeyValue[] | undefined): string {
  if (!attributes || attributes.length === 0) return '';
  return attributes
    .map((attribute) => `${attribute.key}=${attributeValueText(attribute.value)}`)
    .join('  ');
}

/** The attributes of every event of the trace, in the outline's order of events. */
export function traceEventAttributes(trace: TraceDetail): string[] {
  const texts: string[] = [];
  for (const span of trace.spans)
    if (span.events) for (const event of span.events) texts.push(attributesText(event.attributes));
  return texts;
}

export function traceOutline(trace: TraceDetail): TraceOutline {
  const { spans } = trace;
  const count = spans.length;
  let base = Infinity;
  for (let index = 0; index < count; index++)
    base = Math.min(base, wholeMicros(spans[index]!.startTimeUnixNano));
  if (!Number.isFinite(base)) base = 0;
  const micros = relativeMicros(base);

  const names: string[] = [];
  const nameIds = new Map<string, number>();
  const intern = (name: string) => {
    let id = nameIds.get(name);
    if (id === undefined) {
      id = names.length;
      names.push(name);
      nameIds.set(name, id);
    }
    return id;
  };
  const indexById = new Map<string, number>();
  for (let index = 0; index < count; index++) {
    const id = spans[index]!.spanId;
    if (!indexById.has(id)) indexById.set(id, index);
  }

  // Filled by push, so the arrays stay packed (fast to fill and to serialize).
  const spanIds: string[] = [];
  const parents: number[] = [];
  const nameIndex: number[] = [];
  const serviceIndex: number[] = [];
  const kinds: number[] = [];
  const startUs: number[] = [];
  const endUs: number[] = [];
  const statusCodes: number[] = [];
  const statusMessages: Record<number, string> = {};
  const linkCounts: Record<number, number> = {};
  const statementShapeIndex: Record<number, number> = {};
  const eventCounts: number[] = [];
  const eventOffsetsUs: number[] = [];
  const eventNameIndex: number[] = [];
  for (let index = 0; index < count; index++) {
    const span = spans[index]!;
    spanIds.push(span.spanId);
    parents.push(span.parentSpanId ? (indexById.get(span.parentSpanId) ?? -1) : -1);
    nameIndex.push(intern(span.name));
    serviceIndex.push(span.resourceIndex);
    kinds.push(span.kind);
    startUs.push(micros(span.startTimeUnixNano));
    endUs.push(micros(span.endTimeUnixNano));
    const status = span.status;
    statusCodes.push(status?.code ?? OtlpStatusCode.UNSET);
    if (status?.message) statusMessages[index] = status.message;
    if (span.links?.length) linkCounts[index] = span.links.length;
    const statement = statementOf(span.attributes);
    if (statement !== undefined) statementShapeIndex[index] = intern(statementShape(statement));
    const events = span.events;
    eventCounts.push(events ? events.length : 0);
    if (!events) continue;
    for (const event of events) {
      eventOffsetsUs.push(micros(event.timeUnixNano));
      eventNameIndex.push(intern(event.name));
    }
  }
  return {
    traceId: trace.traceId,
    startTimeUnixNano: `${base}000`,
    services: trace.resources.map(serviceNameOf),
    names,
    spanIds,
    parents,
    nameIndex,
    serviceIndex,
    kinds,
    startUs,
    endUs,
    statusCodes,
    statusMessages,
    linkCounts,
    statementShapeIndex,
    eventCounts,
    eventOffsetsUs,
    eventNameIndex,
  };
}
