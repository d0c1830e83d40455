// Measures how soon a placed order's trace is complete in the store after its root span ends:
// a span processor notes the instant `place-order` ends (onEnding runs inside Span.end(), before
// any exporter), and a store subscriber notes when that trace holds all its spans.
// Usage: npm run bench:store-latency [-- --orders 100]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { percentileOfSorted } from '../../app/search/percentiles';
import { createSpanlightCore } from '../../app/spanlight-core';

const SPANS_PER_ORDER = 6;

class RootEndProbe implements SpanProcessor {
  readonly rootEndedAt = new Map<string, number>();
  onStart(): void {}
  onEnding(span: Span): void {
    if (span.name === 'place-order')
      this.rootEndedAt.set(span.spanContext().traceId, performance.now());
  }
  onEnd(_span: ReadableSpan): void {}
  async forceFlush(): Promise<void> {}
  async shutdown(): Promise<void> {}
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { orders: { type: 'string', default: '100' } } });
  const orders = Number(values.orders);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'spanlight-bench-'));
  const probe = new RootEndProbe();
  const core = await createSpanlightCore({ dataDir, env: {}, spanProcessors: [probe] });
  const completeAt = new Map<string, number>();
  core.store.subscribe(({ changedTraceIds }) => {
    const now = performance.now();
    for (const traceId of changedTraceIds) {
      if (
        !completeAt.has(traceId) &&
        core.store.getSummary(traceId)?.spanCount === SPANS_PER_ORDER
      ) {
        completeAt.set(traceId, now);
      }
    }
  });
  const latencies: number[] = [];
  try {
    for (let i = 0; i < orders; i++) {
      const { traceId } = await core.commands.placeOrder({
        paymentDeclined: false,
        emailServerDown: false,
        slowDatabase: false,
      });
      // A span could in principle end after the root; give it a moment before calling it missing.
      for (let waited = 0; !completeAt.has(traceId) && waited < 1000; waited += 5) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const ended = probe.rootEndedAt.get(traceId);
      const complete = completeAt.get(traceId);
      if (ended === undefined || complete === undefined)
        throw new Error(`trace ${traceId} never became complete`);
      latencies.push(complete - ended);
    }
  } finally {
    await core.close();
    await rm(dataDir, { recursive: true, force: true });
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 1000) / 1000;
  console.log(
    JSON.stringify(
      {
        benchmark: 'root span end → trace complete in store',
        orders,
        spansPerOrder: SPANS_PER_ORDER,
        medianMs: round(percentileOfSorted(sorted, 50)),
        p95Ms: round(percentileOfSorted(sorted, 95)),
        maxMs: round(sorted[sorted.length - 1]!),
        targetMs: 50,
      },
      null,
      2,
    ),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
