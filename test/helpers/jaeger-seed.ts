// Traces of several services to send to a real Jaeger over OTLP/HTTP (plain fetch of OTLP JSON),
// made so that each search of the remote-source tests has one right answer. Times are relative to
// `now` and whole microseconds (what Jaeger's older API keeps); children lie within their parents
// (so Jaeger's clock-skew adjuster leaves them alone).
//
//   checkout    T1  POST /checkout  250 ms  tier=gold, ERROR   10 min ago
//                   ├─ INSERT orders (checkout)  40 ms
//                   └─ charge card   (payments) 170 ms  ERROR, an event, a link
//   checkout    T2  GET /cart        30 ms  tier=silver         5 min ago
//   frontend    T3  GET /           900 ms                     20 min ago
//                   └─ POST /checkout (checkout) 600 ms  tier=gold
//                      └─ reserve   (inventory) 100 ms
//   checkout    T4  POST /checkout   80 ms  tier=bronze         3 h ago
//   inventory   T5–T7  reserve       10 ms each               1, 2, 3 min ago
import { randomBytes } from 'node:crypto';
import type {
  OtlpKeyValue,
  OtlpResourceSpans,
  OtlpSpan,
  OtlpTraceRequest,
} from '../../app/model/otlp';
import { OtlpSpanKind, OtlpStatusCode } from '../../app/model/otlp';
import { spanCountOf, type Jaeger } from './jaeger';

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

export const seedServices = ['checkout', 'frontend', 'inventory', 'payments'];

interface SpanPlan {
  readonly service: string;
  readonly name: string;
  readonly kind: number;
  /** Start, in milliseconds before `now`. */
  readonly agoMs: number;
  readonly durationMs: number;
  readonly attributes?: readonly OtlpKeyValue[];
  readonly error?: string;
  readonly children?: readonly SpanPlan[];
  readonly extra?: Partial<OtlpSpan>;
}

const text = (key: string, value: string): OtlpKeyValue => ({ key, value: { stringValue: value } });

export interface SeededTrace {
  readonly traceId: string;
  readonly request: OtlpTraceRequest;
  readonly spanCount: number;
}

export interface JaegerSeed {
  readonly now: number;
  readonly t1: SeededTrace;
  readonly t2: SeededTrace;
  readonly t3: SeededTrace;
  readonly t4: SeededTrace;
  readonly inventoryOnly: readonly SeededTrace[];
  readonly all: readonly SeededTrace[];
}

function nanos(now: number, agoMs: number, plusMs = 0): string {
  // Whole microseconds.
  return (BigInt(Math.round((now - agoMs + plusMs) * 1000)) * 1000n).toString();
}

function buildTrace(now: number, root: SpanPlan): SeededTrace {
  const traceId = hex(16);
  const byService = new Map<string, OtlpSpan[]>();
  const walk = (plan: SpanPlan, parentSpanId?: string) => {
    const spanId = hex(8);
    const span: OtlpSpan = {
      traceId,
      spanId,
      ...(parentSpanId && { parentSpanId }),
      name: plan.name,
      kind: plan.kind,
      startTimeUnixNano: nanos(now, plan.agoMs),
      endTimeUnixNano: nanos(now, plan.agoMs, plan.durationMs),
      attributes: [...(plan.attributes ?? [])],
      status: plan.error
        ? { code: OtlpStatusCode.ERROR, message: plan.error }
        : { code: OtlpStatusCode.OK },
      ...plan.extra,
    };
    const list = byService.get(plan.service) ?? [];
    list.push(span);
    byService.set(plan.service, list);
    for (const child of plan.children ?? []) walk(child, spanId);
  };
  walk(root);
  const resourceSpans: OtlpResourceSpans[] = [...byService].map(([service, spans]) => ({
    resource: { attributes: [text('service.name', service), text('host.name', `${service}-1`)] },
    scopeSpans: [{ scope: { name: `${service}-instrumentation`, version: '1.0.0' }, spans }],
  }));
  const request: OtlpTraceRequest = { resourceSpans };
  return { traceId, request, spanCount: spanCountOf(request) };
}

export function makeSeed(now = Date.now()): JaegerSeed {
  const t1 = buildTrace(now, {
    service: 'checkout',
    name: 'POST /checkout',
    kind: OtlpSpanKind.SERVER,
    agoMs: 10 * 60_000,
    durationMs: 250,
    attributes: [
      text('customer.tier', 'gold'),
      { key: 'http.response.status_code', value: { intValue: '500' } },
    ],
    error: 'payment failed',
    children: [
      {
        service: 'checkout',
        name: 'INSERT orders',
        kind: OtlpSpanKind.CLIENT,
        agoMs: 10 * 60_000 - 20,
        durationMs: 40,
        attributes: [text('db.system', 'postgresql')],
      },
      {
        service: 'payments',
        name: 'charge card',
        kind: OtlpSpanKind.SERVER,
        agoMs: 10 * 60_000 - 70,
        durationMs: 170,
        attributes: [
          { key: 'payment.amount', value: { doubleValue: 42.5 } },
          { key: 'retry', value: { boolValue: true } },
        ],
        error: 'card declined',
        extra: {
          events: [
            {
              timeUnixNano: nanos(now, 10 * 60_000 - 230),
              name: 'exception',
              attributes: [text('exception.message', 'card declined')],
            },
          ],
          links: [{ traceId: hex(16), spanId: hex(8), attributes: [text('link.reason', 'batch')] }],
        },
      },
    ],
  });
  const t2 = buildTrace(now, {
    service: 'checkout',
    name: 'GET /cart',
    kind: OtlpSpanKind.SERVER,
    agoMs: 5 * 60_000,
    durationMs: 30,
    attributes: [text('customer.tier', 'silver')],
  });
  const t3 = buildTrace(now, {
    service: 'frontend',
    name: 'GET /',
    kind: OtlpSpanKind.SERVER,
    agoMs: 20 * 60_000,
    durationMs: 900,
    children: [
      {
        service: 'checkout',
        name: 'POST /checkout',
        kind: OtlpSpanKind.SERVER,
        agoMs: 20 * 60_000 - 100,
        durationMs: 600,
        attributes: [text('customer.tier', 'gold')],
        children: [
          {
            service: 'inventory',
            name: 'reserve',
            kind: OtlpSpanKind.INTERNAL,
            agoMs: 20 * 60_000 - 200,
            durationMs: 100,
          },
        ],
      },
    ],
  });
  const t4 = buildTrace(now, {
    service: 'checkout',
    name: 'POST /checkout',
    kind: OtlpSpanKind.SERVER,
    agoMs: 3 * 60 * 60_000,
    durationMs: 80,
    attributes: [text('customer.tier', 'bronze')],
  });
  const inventoryOnly = [1, 2, 3].map((minutes) =>
    buildTrace(now, {
      service: 'inventory',
      name: 'reserve',
      kind: OtlpSpanKind.INTERNAL,
      agoMs: minutes * 60_000,
      durationMs: 10,
    }),
  );
  return { now, t1, t2, t3, t4, inventoryOnly, all: [t1, t2, t3, t4, ...inventoryOnly] };
}

/** Sends the traces over OTLP/HTTP (OTLP JSON) and waits until Jaeger returns each one whole. */
export async function seedJaeger(jaeger: Jaeger, traces: readonly SeededTrace[]): Promise<void> {
  for (const { request } of traces) {
    const response = await fetch(jaeger.tracesEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
    if (!response.ok) throw new Error(`Jaeger refused the seed: ${response.status}`);
  }
  for (const { traceId, spanCount } of traces) await jaeger.waitForTrace(traceId, spanCount);
}
