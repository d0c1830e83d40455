// The in-process exporter: every finished span goes straight into the app's own trace store.
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { TraceStore } from '../store/trace-store';
import { flattenOtlpRequest, toOtlpRequest } from './otlp-conversion';

export class StoreSpanExporter implements SpanExporter {
  private stopped = false;

  constructor(private readonly store: TraceStore) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    if (this.stopped) {
      resultCallback({ code: ExportResultCode.FAILED, error: new Error('exporter is shut down') });
      return;
    }
    try {
      this.store.addSpans(flattenOtlpRequest(toOtlpRequest(spans)));
      resultCallback({ code: ExportResultCode.SUCCESS });
    } catch (error) {
      resultCallback({ code: ExportResultCode.FAILED, error: error as Error });
    }
  }

  async shutdown(): Promise<void> {
    this.stopped = true;
  }

  async forceFlush(): Promise<void> {}
}
