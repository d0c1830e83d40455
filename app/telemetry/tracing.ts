// The tutorial's tracing setup: a resource naming the service, a tracer provider, and span
// processors that hand every finished span to exporters.
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  defaultResource,
  envDetector,
  detectResources,
  resourceFromAttributes,
  type Resource,
} from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  ConsoleSpanExporter,
  SimpleSpanProcessor,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { Tracer } from '@opentelemetry/api';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { TraceStore } from '../storage/trace-store';
import { StoreSpanExporter } from './store-span-exporter';

export const DEFAULT_SERVICE_NAME = 'order-service';
export const INSTRUMENTATION_SCOPE = 'spanlight-order-workflow';

let contextManagerInstalled = false;

/** Active spans nest only with a context manager; Node's AsyncLocalStorage carries them across awaits. */
export function installContextManager(): void {
  if (contextManagerInstalled) return;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  contextManagerInstalled = true;
}

/**
 * service.name = order-service, unless OTEL_SERVICE_NAME or OTEL_RESOURCE_ATTRIBUTES (read from
 * process.env by OpenTelemetry's env detector) say otherwise.
 */
export function createResource(): Resource {
  return defaultResource()
    .merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: DEFAULT_SERVICE_NAME }))
    .merge(detectResources({ detectors: [envDetector] }));
}

export interface Tracing {
  readonly tracer: Tracer;
  readonly propagator: W3CTraceContextPropagator;
  shutdown(): Promise<void>;
}

export interface TracingOptions {
  readonly store: TraceStore;
  readonly env: NodeJS.ProcessEnv;
  /** More processors, e.g. the mirror to Jaeger. */
  readonly extraProcessors?: readonly SpanProcessor[];
}

export function createTracing({ store, env, extraProcessors = [] }: TracingOptions): Tracing {
  installContextManager();
  const spanProcessors: SpanProcessor[] = [
    // Simple, not batched: the app's own view should show a span the moment it ends.
    new SimpleSpanProcessor(new StoreSpanExporter(store)),
    ...extraProcessors,
  ];
  if (env.SPANLIGHT_CONSOLE_SPANS === '1') {
    spanProcessors.push(new SimpleSpanProcessor(new ConsoleSpanExporter()));
  }
  const provider = new BasicTracerProvider({ resource: createResource(), spanProcessors });
  return {
    tracer: provider.getTracer(INSTRUMENTATION_SCOPE, '1.0.0'),
    propagator: new W3CTraceContextPropagator(),
    shutdown: () => provider.shutdown(),
  };
}
