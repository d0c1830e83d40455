// The two ways the mirror sends: live SDK spans through @opentelemetry/exporter-trace-otlp-http,
// and stored OTLP JSON (already converted when the spans ended) through the same library's HTTP
// delegate, so both share one transport, its retries, timeout and error shapes.
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPExporterBase } from '@opentelemetry/otlp-exporter-base';
import {
  convertLegacyHttpOptions,
  createOtlpHttpExportDelegate,
} from '@opentelemetry/otlp-exporter-base/node-http';
import type { IExportTraceServiceResponse, ISerializer } from '@opentelemetry/otlp-transformer';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { EffectiveMirrorConfig } from '../model/settings';
import type { OtlpTraceRequest } from '../model/otlp';

/** The part of the config an exporter is built from; a change of any of these needs a new one. */
function exporterOptions(config: EffectiveMirrorConfig) {
  return {
    url: config.endpoint,
    headers: { ...config.headers },
    timeoutMillis: config.timeoutMillis,
    // Two requests at a time at most: the mirror's own queue holds the rest, and counts its drops.
    concurrencyLimit: 2,
  };
}

export function createSpanExporter(config: EffectiveMirrorConfig): SpanExporter {
  return new OTLPTraceExporter(exporterOptions(config));
}

export function countSpans(request: OtlpTraceRequest): number {
  let count = 0;
  for (const resourceSpans of request.resourceSpans ?? []) {
    for (const scopeSpans of resourceSpans.scopeSpans ?? []) count += scopeSpans.spans?.length ?? 0;
  }
  return count;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const otlpJsonSerializer: ISerializer<OtlpTraceRequest, IExportTraceServiceResponse> = {
  serializeRequest: (request) => encoder.encode(JSON.stringify(request)),
  deserializeResponse: (data) => JSON.parse(decoder.decode(data)) as IExportTraceServiceResponse,
};

export type OtlpRequestExporter = OTLPExporterBase<OtlpTraceRequest>;

export function createOtlpRequestExporter(config: EffectiveMirrorConfig): OtlpRequestExporter {
  const options = convertLegacyHttpOptions(exporterOptions(config), 'TRACES', 'v1/traces', {
    'Content-Type': 'application/json',
  });
  return new OTLPExporterBase(
    createOtlpHttpExportDelegate(
      options,
      otlpJsonSerializer,
      'spanlight_stored_trace_exporter',
      { name: 'span', countItems: countSpans },
      undefined,
    ),
  );
}
