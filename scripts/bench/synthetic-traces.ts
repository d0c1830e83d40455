// Realistic-looking OTLP spans for benchmarks: a checkout across five services, 30 spans per trace,
// with HTTP/DB attributes, per-customer attributes, duplicate sibling names and some failures.
import { randomBytes } from 'node:crypto';
import type { IncomingSpan } from '../../app/storage/incoming-span';
import {
  OtlpSpanKind,
  OtlpStatusCode,
  type OtlpKeyValue,
  type OtlpResource,
  type OtlpScope,
} from '../../app/model/otlp';

export const SPANS_PER_TRACE = 30;

const SERVICES = [
  'frontend',
  'order-service',
  'inventory-service',
  'payment-service',
  'email-service',
];
const resources: Record<string, OtlpResource> = Object.fromEntries(
  SERVICES.map((service) => [
    service,
    {
      attributes: [
        { key: 'service.name', value: { stringValue: service } },
        { key: 'deployment.environment.name', value: { stringValue: 'bench' } },
      ],
    },
  ]),
);
const scope: OtlpScope = { name: 'spanlight-bench', version: '1.0.0' };

const K = OtlpSpanKind;
/** [service, name, parent index, kind, typical milliseconds] — 30 spans, parents first. */
const TEMPLATE: readonly [string, string, number, number, number][] = [
  ['frontend', 'GET /checkout', -1, K.SERVER, 120],
  ['frontend', 'render cart', 0, K.INTERNAL, 8],
  ['frontend', 'POST /orders', 0, K.CLIENT, 90],
  ['order-service', 'place-order', 2, K.SERVER, 85],
  ['order-service', 'validate-order', 3, K.INTERNAL, 2],
  ['order-service', 'load customer', 3, K.INTERNAL, 4],
  ['order-service', 'SELECT customers', 5, K.CLIENT, 3],
  ['inventory-service', 'reserve-stock', 3, K.SERVER, 12],
  ['inventory-service', 'SELECT stock', 7, K.CLIENT, 4],
  ['inventory-service', 'UPDATE stock', 7, K.CLIENT, 5],
  ['inventory-service', 'reserve-stock', 3, K.SERVER, 12],
  ['inventory-service', 'SELECT stock', 10, K.CLIENT, 4],
  ['inventory-service', 'UPDATE stock', 10, K.CLIENT, 5],
  ['inventory-service', 'reserve-stock', 3, K.SERVER, 12],
  ['inventory-service', 'SELECT stock', 13, K.CLIENT, 4],
  ['inventory-service', 'UPDATE stock', 13, K.CLIENT, 5],
  ['payment-service', 'authorize-payment', 3, K.SERVER, 30],
  ['payment-service', 'fraud-check', 16, K.INTERNAL, 6],
  ['payment-service', 'POST /v1/charges', 16, K.CLIENT, 20],
  ['payment-service', 'cache get', 16, K.CLIENT, 1],
  ['order-service', 'INSERT orders', 3, K.CLIENT, 9],
  ['order-service', 'INSERT order_lines', 3, K.CLIENT, 6],
  ['order-service', 'GET /orders/{id}/confirmation', 3, K.CLIENT, 7],
  ['order-service', 'render confirmation', 22, K.INTERNAL, 3],
  ['order-service', 'publish order.placed', 3, K.PRODUCER, 2],
  ['email-service', 'consume order.placed', 24, K.CONSUMER, 15],
  ['email-service', 'render email', 25, K.INTERNAL, 4],
  ['email-service', 'send confirmation-email', 25, K.CLIENT, 10],
  ['frontend', 'cache set', 0, K.CLIENT, 1],
  ['frontend', 'log checkout', 0, K.INTERNAL, 1],
];

const TIERS = ['gold', 'silver', 'bronze'];
const REGIONS = ['eu-west', 'us-east', 'ap-south'];

function lognormal(typicalMs: number): number {
  // Box–Muller; sigma 0.6 gives a realistic long tail.
  const u = 1 - Math.random();
  const v = Math.random();
  return typicalMs * Math.exp(0.6 * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
}

const str = (key: string, value: string): OtlpKeyValue => ({ key, value: { stringValue: value } });
const int = (key: string, value: number): OtlpKeyValue => ({
  key,
  value: { intValue: String(value) },
});

export interface SyntheticTraceOptions {
  readonly errorRate?: number;
  /** Spans in the trace (default 30): past 30, the template's spans under the root repeat. */
  readonly spans?: number;
  /** Makes an id of `bytes` random-looking bytes as hex (default: crypto's randomBytes). */
  readonly id?: (bytes: 8 | 16) => string;
}

const randomId = (bytes: number) => randomBytes(bytes).toString('hex');

/** Which template row span i follows, and the index of its parent span. */
function shapeOf(i: number): { row: number; parent: number } {
  if (i < TEMPLATE.length) return { row: i, parent: TEMPLATE[i]![2] };
  const block = Math.floor((i - 1) / (TEMPLATE.length - 1));
  const row = 1 + ((i - 1) % (TEMPLATE.length - 1));
  const parentRow = TEMPLATE[row]![2];
  return { row, parent: parentRow === 0 ? 0 : 1 + block * (TEMPLATE.length - 1) + parentRow - 1 };
}

/** One trace's spans, starting `startNanos`; about `errorRate` of traces fail in payment. */
export function syntheticTrace(
  startNanos: bigint,
  options: SyntheticTraceOptions | number = {},
): IncomingSpan[] {
  const {
    errorRate = 0.05,
    spans = TEMPLATE.length,
    id = randomId,
  } = typeof options === 'number' ? { errorRate: options } : options;
  const traceId = id(16);
  const failed = Math.random() < errorRate;
  const slow = Math.random() < 0.02;
  const tier = TIERS[Math.floor(Math.random() * TIERS.length)]!;
  const region = REGIONS[Math.floor(Math.random() * REGIONS.length)]!;
  const orderId = `ord-${id(8).slice(0, 8)}`;
  const ids = Array.from({ length: spans }, () => id(8));
  const starts: bigint[] = [];
  return ids.map((spanId, i) => {
    const { row, parent } = shapeOf(i);
    const [service, name, , kind, typicalMs] = TEMPLATE[row]!;
    const offsetMs = parent < 0 ? 0 : Math.random() * 5;
    const start = (parent < 0 ? startNanos : starts[parent]!) + BigInt(Math.round(offsetMs * 1e6));
    starts.push(start);
    const ms = lognormal(typicalMs) * (slow && name.startsWith('SELECT') ? 20 : 1);
    const error =
      failed && (name === 'authorize-payment' || name === 'POST /v1/charges' || i === 0);
    const attributes: OtlpKeyValue[] = [str('customer.tier', tier), str('cloud.region', region)];
    if (name.startsWith('GET') || name.startsWith('POST')) {
      attributes.push(str('http.request.method', name.split(' ')[0]!));
      attributes.push(int('http.response.status_code', error ? 502 : 200));
    }
    if (/^(SELECT|INSERT|UPDATE)/.test(name)) {
      attributes.push(
        str('db.system.name', 'postgresql'),
        str('db.operation.name', name.split(' ')[0]!),
      );
    }
    if (i === 3) attributes.push(str('order.id', orderId));
    return {
      span: {
        traceId,
        spanId,
        parentSpanId: parent < 0 ? undefined : ids[parent],
        name,
        kind,
        startTimeUnixNano: start.toString(),
        endTimeUnixNano: (start + BigInt(Math.round(ms * 1e6))).toString(),
        attributes,
        status: error
          ? { code: OtlpStatusCode.ERROR, message: 'card declined' }
          : { code: OtlpStatusCode.UNSET },
      },
      resource: resources[service]!,
      scope,
    };
  });
}
