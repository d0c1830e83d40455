// Finished SDK spans become plain OTLP data through OpenTelemetry's own JSON serializer, so the
// app stores exactly what an OTLP/HTTP exporter would send.
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { OtlpTraceRequest } from '../model/otlp';
import type { IncomingSpan } from '../storage/incoming-span';

const decoder = new TextDecoder();

export function toOtlpRequest(spans: readonly ReadableSpan[]): OtlpTraceRequest {
  const bytes = JsonTraceSerializer.serializeRequest([...spans]);
  if (!bytes) throw new Error('the OTLP JSON serializer returned nothing');
  return JSON.parse(decoder.decode(bytes)) as OtlpTraceRequest;
}

const emptyResource = { attributes: [] };
const emptyScope = { name: '' };

/** Flattens an OTLP request into spans that each carry their resource and scope. */
export function flattenOtlpRequest(request: OtlpTraceRequest): IncomingSpan[] {
  const flat: IncomingSpan[] = [];
  for (const resourceSpans of request.resourceSpans ?? []) {
    const resource = resourceSpans.resource ?? emptyResource;
    for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
      const scope = scopeSpans.scope ?? emptyScope;
      for (const span of scopeSpans.spans ?? []) flat.push({ span, resource, scope });
    }
  }
  return flat;
}
