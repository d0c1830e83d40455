// Real OpenTelemetry clients send to Spanlight's receivers, and every field they sent is compared
// with what the store holds: the Python SDK (from PyPI) over gRPC, HTTP protobuf and HTTP protobuf
// with gzip, and the JS SDK's own OTLP exporters (HTTP JSON, HTTP protobuf, gRPC).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SpanKind, SpanStatusCode, TraceFlags, context, trace } from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { OTLPTraceExporter as GrpcExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OtlpAnyValue, OtlpKeyValue } from '../../../app/model/otlp';
import type { TraceDetail } from '../../../app/model/trace';
import { createSpanlightCore, type SpanlightCore } from '../../../app/spanlight-core';
import type { IncomingSpan } from '../../../app/storage/incoming-span';
import { incomingSpansOf, normalizedSpans } from '../../helpers/normalized-spans';
import { pythonSenderScript, runPython } from '../../helpers/otel-python';
import { makeTempDir } from '../../helpers/temp-dir';

let core: SpanlightCore;
let cleanup: () => Promise<void>;
let dir: string;
let grpcPort: number;
let httpPort: number;

beforeAll(async () => {
  ({ dir, cleanup } = await makeTempDir());
  core = await createSpanlightCore({
    dataDir: dir,
    receivers: { grpc: { enabled: true, port: 0 }, http: { enabled: true, port: 0 } },
  });
  const status = await core.commands.getReceiverStatus({});
  grpcPort = Number(status.grpc.address!.split(':').pop());
  httpPort = Number(new URL(status.http.address!).port);
});
afterAll(async () => {
  await core.close();
  await cleanup();
});

/** The stored trace's spans with their resource and scope, as IncomingSpans. */
function storedSpans(trace: TraceDetail): IncomingSpan[] {
  return trace.spans.map(({ resourceIndex, scopeIndex, ...span }) => ({
    span,
    resource: trace.resources[resourceIndex]!,
    scope: trace.scopes[scopeIndex]!,
  }));
}

type Typed =
  | { string: string }
  | { bool: boolean }
  | { int: string }
  | { double: number }
  | { array: Typed[] };

/** A stored value in the Python script's typed form. */
function typed(value: OtlpAnyValue | undefined): Typed {
  if (value?.stringValue !== undefined) return { string: value.stringValue };
  if (value?.boolValue !== undefined) return { bool: value.boolValue };
  if (value?.intValue !== undefined) return { int: String(value.intValue) };
  if (value?.doubleValue !== undefined) return { double: value.doubleValue };
  if (value?.arrayValue) return { array: (value.arrayValue.values ?? []).map(typed) };
  throw new Error(`unexpected value ${JSON.stringify(value)}`);
}

function typedAttributes(list: readonly OtlpKeyValue[] | undefined): Record<string, Typed> {
  return Object.fromEntries((list ?? []).map((kv) => [kv.key, typed(kv.value)]));
}

interface PythonSent {
  flushed: boolean;
  spans: {
    traceId: string;
    spanId: string;
    parentSpanId: string;
    traceState: string;
    name: string;
    kind: number;
    startTimeUnixNano: string;
    endTimeUnixNano: string;
    attributes: Record<string, Typed>;
    events: { name: string; timeUnixNano: string; attributes: Record<string, Typed> }[];
    links: {
      traceId: string;
      spanId: string;
      traceState: string;
      attributes: Record<string, Typed>;
      flags: number;
    }[];
    status: { code: number; message: string };
    flags: number;
  }[];
  resource: Record<string, Typed>;
  resourceSchemaUrl: string;
  scope: { name: string; version: string; schemaUrl: string; attributes: Record<string, Typed> };
}

async function waitForTrace(traceId: string, spanCount: number): Promise<TraceDetail> {
  // The exporters return once the receiver answered, and it answers once the store has the spans.
  const trace = await core.commands.getTrace({ traceId });
  expect(trace?.spans).toHaveLength(spanCount);
  return trace!;
}

describe('the OpenTelemetry Python SDK', () => {
  for (const transport of ['grpc', 'http', 'http-gzip'] as const) {
    it(`sends over ${transport === 'grpc' ? 'gRPC' : transport === 'http' ? 'HTTP protobuf' : 'HTTP protobuf with gzip'}, and every field arrives`, async () => {
      const out = path.join(dir, `python-${transport}.json`);
      const endpoint =
        transport === 'grpc' ? `localhost:${grpcPort}` : `http://localhost:${httpPort}/v1/traces`;
      await runPython(pythonSenderScript, [transport, endpoint, out]);
      const sent = JSON.parse(await readFile(out, 'utf8')) as PythonSent;
      expect(sent.flushed).toBe(true);
      const trace = await waitForTrace(sent.spans[0]!.traceId, sent.spans.length);
      for (const expected of sent.spans) {
        const stored = storedSpans(trace).find(({ span }) => span.spanId === expected.spanId)!;
        const { span, resource, scope } = stored;
        expect({
          traceId: span.traceId,
          spanId: span.spanId,
          parentSpanId: span.parentSpanId ?? '',
          traceState: span.traceState ?? '',
          name: span.name,
          kind: span.kind,
          startTimeUnixNano: span.startTimeUnixNano,
          endTimeUnixNano: span.endTimeUnixNano,
          attributes: typedAttributes(span.attributes),
          events: (span.events ?? []).map((event) => ({
            name: event.name,
            timeUnixNano: event.timeUnixNano,
            attributes: typedAttributes(event.attributes),
          })),
          links: (span.links ?? []).map((link) => ({
            traceId: link.traceId,
            spanId: link.spanId,
            traceState: link.traceState ?? '',
            attributes: typedAttributes(link.attributes),
            flags: link.flags,
          })),
          status: { code: span.status?.code ?? 0, message: span.status?.message ?? '' },
          flags: span.flags,
        }).toEqual(expected);
        expect(typedAttributes(resource.attributes)).toEqual(sent.resource);
        expect(resource.schemaUrl).toBe(sent.resourceSchemaUrl);
        expect({
          name: scope.name,
          version: scope.version,
          schemaUrl: scope.schemaUrl,
          attributes: typedAttributes(scope.attributes),
        }).toEqual(sent.scope);
      }
    });
  }
});

/** Two spans with every kind of field the JS SDK sets, made by the SDK itself. */
function makeJsSpans(serviceName: string): ReadableSpan[] {
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName, 'host.cores': 2 }),
    spanProcessors: [new SimpleSpanProcessor(memory)],
  });
  const tracer = provider.getTracer('spanlight.test.js', '4.5.6', {
    schemaUrl: 'https://opentelemetry.io/schemas/1.30.0',
  });
  const root = tracer.startSpan('checkout', {
    kind: SpanKind.SERVER,
    startTime: [1_700_000_000, 123_456_789],
    attributes: {
      text: 'héllo ✓',
      flag: true,
      count: 42,
      ratio: 0.25,
      tags: ['a', 'b'],
      numbers: [1, 2, 3],
      bools: [true, false],
    },
    links: [
      {
        context: {
          traceId: '0af7651916cd43dd8448eb211c80319c',
          spanId: 'b7ad6b7169203331',
          traceFlags: TraceFlags.SAMPLED,
          isRemote: true,
        },
        attributes: { 'link.attr': 'l' },
      },
    ],
  });
  root.addEvent('payment.started', { amount: 12.5, currency: 'EUR' }, [1_700_000_000, 200_000_001]);
  root.addEvent('no attributes', [1_700_000_000, 300_000_002]);
  const child = tracer.startSpan(
    'charge card',
    { kind: SpanKind.CLIENT, startTime: [1_700_000_000, 250_000_000] },
    trace.setSpan(context.active(), root),
  );
  child.setStatus({ code: SpanStatusCode.ERROR, message: 'card declined' });
  child.end([1_700_000_000, 400_000_003]);
  root.setStatus({ code: SpanStatusCode.OK });
  root.end([1_700_000_000, 900_000_004]);
  return memory.getFinishedSpans();
}

function exportWith(exporter: SpanExporter, spans: ReadableSpan[]): Promise<ExportResult> {
  return new Promise((resolve) => exporter.export(spans, resolve));
}

describe("the JS SDK's own OTLP exporters", () => {
  const exporters: Record<string, () => SpanExporter> = {
    'HTTP JSON (exporter-trace-otlp-http)': () =>
      new JsonExporter({ url: `http://127.0.0.1:${httpPort}/v1/traces` }),
    'HTTP protobuf (exporter-trace-otlp-proto)': () =>
      new ProtobufExporter({ url: `http://127.0.0.1:${httpPort}/v1/traces` }),
    'gRPC (exporter-trace-otlp-grpc)': () =>
      new GrpcExporter({ url: `http://127.0.0.1:${grpcPort}` }),
  };
  for (const [name, makeExporter] of Object.entries(exporters)) {
    it(`${name}: every field the SDK's own serializer writes arrives`, async () => {
      const spans = makeJsSpans(`js-${name.split(' ')[0]}`);
      const exporter = makeExporter();
      const result = await exportWith(exporter, spans);
      await exporter.shutdown();
      expect(result.code).toBe(ExportResultCode.SUCCESS);
      // What the SDK's transformer says these spans are in OTLP (JSON), read without our readers.
      const reference = JSON.parse(
        Buffer.from(JsonTraceSerializer.serializeRequest(spans)!).toString('utf8'),
      );
      const expected = incomingSpansOf(reference);
      const trace = await waitForTrace(spans[0]!.spanContext().traceId, spans.length);
      const stored = storedSpans(trace);
      const byId = (list: IncomingSpan[]) =>
        [...list].sort((a, b) => a.span.spanId.localeCompare(b.span.spanId));
      expect(normalizedSpans(byId(stored))).toEqual(normalizedSpans(byId(expected)));
      // And a few fields spelled out, so the comparison above can't pass vacuously.
      const root = stored.find(({ span }) => span.name === 'checkout')!;
      expect(root.span.startTimeUnixNano).toBe('1700000000123456789');
      expect(root.span.links![0]!.traceId).toBe('0af7651916cd43dd8448eb211c80319c');
      expect(root.scope).toMatchObject({
        name: 'spanlight.test.js',
        version: '4.5.6',
        schemaUrl: 'https://opentelemetry.io/schemas/1.30.0',
      });
    });
  }
});
