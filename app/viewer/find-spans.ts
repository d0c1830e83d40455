// Find in trace, answered by the core, where the spans' attributes are.
import type { OtlpKeyValue } from '../model/otlp';
import type { TraceDetail } from '../model/trace';
import { serviceNameOf } from '../storage/resource-attributes';
import { attributeValueText } from '../model/attribute-text';

function attributesMatch(attributes: readonly OtlpKeyValue[] | undefined, needle: string): boolean {
  if (!attributes) return false;
  for (const { key, value } of attributes) {
    if (key.toLowerCase().includes(needle)) return true;
    if (attributeValueText(value).toLowerCase().includes(needle)) return true;
  }
  return false;
}

/** Ids of the spans whose name, service, attribute keys or values, or event names contain `query`. */
export function findSpans(trace: TraceDetail, query: string): string[] {
  const needle = query.trim().toLowerCase();
  if (!needle) return [];
  const serviceMatches = trace.resources.map((resource) =>
    serviceNameOf(resource).toLowerCase().includes(needle),
  );
  const found: string[] = [];
  for (const span of trace.spans) {
    if (
      span.name.toLowerCase().includes(needle) ||
      serviceMatches[span.resourceIndex] ||
      attributesMatch(span.attributes, needle) ||
      (span.events ?? []).some((event) => event.name.toLowerCase().includes(needle))
    )
      found.push(span.spanId);
  }
  return found;
}
