// The OTLP/JSON shapes Spanlight stores and exchanges (opentelemetry-proto, JSON encoding):
// ids are lowercase hex, times are unix nanoseconds as decimal strings.

export interface OtlpAnyValue {
  readonly stringValue?: string;
  readonly boolValue?: boolean;
  /** int64: a decimal string in OTLP JSON; some encoders write a number. */
  readonly intValue?: string | number;
  readonly doubleValue?: number;
  readonly bytesValue?: string;
  readonly arrayValue?: { readonly values?: readonly OtlpAnyValue[] };
  readonly kvlistValue?: { readonly values?: readonly OtlpKeyValue[] };
}

export interface OtlpKeyValue {
  readonly key: string;
  readonly value?: OtlpAnyValue;
}

export interface OtlpResource {
  readonly attributes: readonly OtlpKeyValue[];
  readonly droppedAttributesCount?: number;
  /**
   * The schema_url of the ResourceSpans the resource came in. OTLP writes it beside the resource;
   * Spanlight keeps it with the resource so that it survives storing and exporting.
   */
  readonly schemaUrl?: string;
}

export interface OtlpScope {
  readonly name: string;
  readonly version?: string;
  readonly attributes?: readonly OtlpKeyValue[];
  readonly droppedAttributesCount?: number;
  /** The schema_url of the ScopeSpans the scope came in (kept with the scope, as for resources). */
  readonly schemaUrl?: string;
}

/** Span kinds as OTLP numbers them (not as @opentelemetry/api does). */
export const OtlpSpanKind = {
  UNSPECIFIED: 0,
  INTERNAL: 1,
  SERVER: 2,
  CLIENT: 3,
  PRODUCER: 4,
  CONSUMER: 5,
} as const;

export const OtlpStatusCode = { UNSET: 0, OK: 1, ERROR: 2 } as const;

/** The low 8 bits of a span's or link's flags are the W3C trace flags (SpanFlags in trace.proto). */
export const OtlpSpanFlags = {
  TRACE_FLAGS_MASK: 0x000000ff,
  CONTEXT_HAS_IS_REMOTE_MASK: 0x00000100,
  CONTEXT_IS_REMOTE_MASK: 0x00000200,
} as const;

export interface OtlpStatus {
  readonly code?: number;
  readonly message?: string;
}

export interface OtlpEvent {
  readonly timeUnixNano: string;
  readonly name: string;
  readonly attributes?: readonly OtlpKeyValue[];
  readonly droppedAttributesCount?: number;
}

export interface OtlpLink {
  readonly traceId: string;
  readonly spanId: string;
  readonly traceState?: string;
  readonly attributes?: readonly OtlpKeyValue[];
  readonly droppedAttributesCount?: number;
  readonly flags?: number;
}

export interface OtlpSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly traceState?: string;
  readonly flags?: number;
  readonly name: string;
  readonly kind: number;
  readonly startTimeUnixNano: string;
  readonly endTimeUnixNano: string;
  readonly attributes?: readonly OtlpKeyValue[];
  readonly droppedAttributesCount?: number;
  readonly events?: readonly OtlpEvent[];
  readonly droppedEventsCount?: number;
  readonly links?: readonly OtlpLink[];
  readonly droppedLinksCount?: number;
  readonly status?: OtlpStatus;
}

export interface OtlpScopeSpans {
  readonly scope?: OtlpScope;
  readonly spans?: readonly OtlpSpan[];
  readonly schemaUrl?: string;
}

export interface OtlpResourceSpans {
  readonly resource?: OtlpResource;
  readonly scopeSpans?: readonly OtlpScopeSpans[];
  readonly schemaUrl?: string;
}

/** opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest */
export interface OtlpTraceRequest {
  readonly resourceSpans?: readonly OtlpResourceSpans[];
}
