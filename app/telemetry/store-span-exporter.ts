// The in-process exporter: every finished span goes straight into the app's own trace store. An
// export succeeds once the store has the spans durably (committed), and fails if it could not.
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { TraceStore } from '../storage/trace-store';
import { flattenOtlpRequest, toOtlpRequest } from './otlp-conversion';

export class StoreSpanExporter implements SpanExporter {
  private stopped = false;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly store: TraceStore) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    if (this.stopped) {
      resultCallback({ code: ExportResultCode.FAILED, error: new Error('exporter is shut down') });
      return;
    }
    let added: Promise<unknown>;
    try {
      added = this.store.addSpans(flattenOtlpRequest(toOtlpRequest(spans)));
    } catch (error) {
      resultCallback({ code: ExportResultCode.FAILED, error: error as Error });
      return;
    }
    const done = added.then(
      () => resultCallback({ code: ExportResultCode.SUCCESS }),
      (error: unknown) =>
        resultCallback({
          code: ExportResultCode.FAILED,
          error: error instanceof Error ? error : new Error(String(error)),
        }),
    );
    this.inFlight.add(done);
    void done.finally(() => this.inFlight.delete(done));
  }

  async shutdown(): Promise<void> {
    this.stopped = true;
    await this.forceFlush();
  }

  /** Resolves once every span exported so far is in the store. */
  async forceFlush(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }
}
