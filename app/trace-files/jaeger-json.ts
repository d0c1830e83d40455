// The JSON that Jaeger's query API serves and Jaeger UI downloads (GET /api/traces/{id}):
// ids in hex, times and durations in microseconds, tags typed by name.

export type JaegerTagType = 'string' | 'bool' | 'int64' | 'float64' | 'binary';

export interface JaegerKeyValue {
  readonly key: string;
  readonly type: JaegerTagType;
  /** binary values are base64 text, as Go's encoding/json writes []byte. */
  readonly value: string | boolean | number;
}

export interface JaegerReference {
  readonly refType: 'CHILD_OF' | 'FOLLOWS_FROM';
  readonly traceID: string;
  readonly spanID: string;
}

export interface JaegerLog {
  readonly timestamp: number;
  readonly fields: readonly JaegerKeyValue[];
}

export interface JaegerSpan {
  readonly traceID: string;
  readonly spanID: string;
  readonly flags?: number;
  readonly operationName: string;
  readonly references: readonly JaegerReference[];
  readonly startTime: number;
  readonly duration: number;
  readonly tags: readonly JaegerKeyValue[];
  readonly logs: readonly JaegerLog[];
  readonly processID: string;
  readonly warnings: readonly string[] | null;
}

export interface JaegerProcess {
  readonly serviceName: string;
  readonly tags: readonly JaegerKeyValue[];
}

export interface JaegerTrace {
  readonly traceID: string;
  readonly spans: readonly JaegerSpan[];
  readonly processes: Readonly<Record<string, JaegerProcess>>;
  readonly warnings: readonly string[] | null;
}

export interface JaegerDocument {
  readonly data: readonly JaegerTrace[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
  readonly errors: null;
}

/** The service name Jaeger's translator gives a resource without any attributes. */
export const NO_SERVICE_NAME = 'OTLPResourceNoServiceName';

/** Span tags with a meaning in OTLP, as the OpenTelemetry Collector's Jaeger translator uses them. */
export const jaegerTag = {
  spanKind: 'span.kind',
  error: 'error',
  statusCode: 'otel.status_code',
  statusDescription: 'otel.status_description',
  httpStatusCode: 'http.status_code',
  httpStatusMessage: 'http.status_message',
  traceState: 'w3c.tracestate',
  scopeName: 'otel.scope.name',
  scopeVersion: 'otel.scope.version',
  // Older translators and the OpenTelemetry spec's Jaeger mapping use these names.
  libraryName: 'otel.library.name',
  libraryVersion: 'otel.library.version',
  eventName: 'event',
  refType: 'opentracing.ref_type',
} as const;
