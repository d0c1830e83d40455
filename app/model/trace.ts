import type { OtlpResource, OtlpScope, OtlpSpan } from './otlp';

/** An OTLP span plus references into its trace's resource and scope tables. */
export interface AppSpan extends OtlpSpan {
  readonly resourceIndex: number;
  readonly scopeIndex: number;
}

/** One trace with everything needed to show it; plain data, safe to send over IPC or HTTP. */
export interface TraceDetail {
  readonly traceId: string;
  readonly resources: readonly OtlpResource[];
  readonly scopes: readonly OtlpScope[];
  readonly spans: readonly AppSpan[];
}

export interface TraceSummary {
  readonly traceId: string;
  /** Name of the span without a parent in the trace (or of the earliest span, while none). */
  readonly rootSpanName: string;
  /** service.name of the root span's resource. */
  readonly serviceName: string;
  readonly startTimeUnixNano: string;
  readonly endTimeUnixNano: string;
  readonly durationMicros: number;
  readonly spanCount: number;
  readonly errorCount: number;
  /** True once a span without a parent has arrived. */
  readonly hasRoot: boolean;
  /** Set (true) on a pinned trace of the local store: retention never evicts it. */
  readonly pinned?: boolean;
}
