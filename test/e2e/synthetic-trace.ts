// Big, realistic-looking traces for the viewer's end-to-end tests and benchmark: one OTLP JSON
// ExportTraceServiceRequest with a wide-and-deep tree, several services, attributes and events.
// Deterministic: the same size gives the same trace.
import { OtlpSpanKind, OtlpStatusCode } from '../../app/model/otlp';

const SERVICES = ['frontend', 'checkout', 'payments', 'inventory', 'shipping', 'email', 'search'];
const OPERATIONS = [
  'GET /api/cart',
  'POST /api/checkout',
  'SELECT inventory',
  'charge card',
  'publish order.created',
  'render template',
  'cache lookup',
  'call shipping-quote',
];
const TRACE_START_NANOS = 1_732_000_000_000_000_000n;

/** A small seeded PRNG (mulberry32), so the traces don't change between runs. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Node {
  readonly parent: number;
  readonly depth: number;
  start: number;
  end: number;
}

export interface SyntheticTrace {
  readonly traceId: string;
  readonly spanCount: number;
  readonly rootName: string;
  /** OTLP JSON text (ExportTraceServiceRequest). */
  readonly json: string;
}

const hex = (value: number, width: number) => value.toString(16).padStart(width, '0');

/**
 * `spanCount` spans: nine tenths fanned out breadth-first (up to 8 children each, so the tree is
 * wide), the rest in chains 200 deep hanging off random spans (so it is deep as well).
 */
export function syntheticTrace(spanCount: number, seed = spanCount): SyntheticTrace {
  const next = random(seed);
  const nodes: Node[] = [{ parent: -1, depth: 0, start: 0, end: 10_000_000 }];
  const wide = Math.max(1, Math.floor(spanCount * 0.9));
  for (let parent = 0; nodes.length < wide; parent++) {
    const fan = 1 + Math.floor(next() * 8);
    for (let i = 0; i < fan && nodes.length < wide; i++)
      nodes.push({ parent, depth: nodes[parent]!.depth + 1, start: 0, end: 0 });
  }
  while (nodes.length < spanCount) {
    let parent = Math.floor(next() * nodes.length);
    for (let i = 0; i < 200 && nodes.length < spanCount; i++) {
      nodes.push({ parent, depth: nodes[parent]!.depth + 1, start: 0, end: 0 });
      parent = nodes.length - 1;
    }
  }
  // Place each child inside its parent (parents come first): mostly sequential, some overlap.
  const childCount = new Map<number, number>();
  for (let i = 1; i < nodes.length; i++) {
    const node = nodes[i]!;
    const parent = nodes[node.parent]!;
    const length = parent.end - parent.start;
    const slot = childCount.get(node.parent) ?? 0;
    childCount.set(node.parent, slot + 1);
    const offset = Math.min(0.9, (slot % 8) * 0.11 + next() * 0.05);
    node.start = parent.start + Math.floor(length * offset);
    node.end = Math.min(
      parent.end,
      node.start + Math.max(1, Math.floor(length * (0.05 + next() * 0.3))),
    );
    if (next() < 0.02) node.end = parent.end + Math.floor(length * 0.2); // async: outlives its parent
  }

  const traceId = hex(seed, 8).repeat(4);
  const bySpanService = new Map<number, unknown[]>();
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    const service = node.depth === 0 ? 0 : (i * 7 + node.depth) % SERVICES.length;
    const operation = i === 0 ? 'handle request' : OPERATIONS[(i * 13) % OPERATIONS.length]!;
    const startNanos = TRACE_START_NANOS + BigInt(node.start) * 1000n;
    const error = i > 0 && next() < 0.01;
    const events = [];
    const eventCount = next() < 0.5 ? 1 : next() < 0.5 ? 2 : 0;
    for (let e = 0; e < eventCount; e++) {
      const at = node.start + Math.floor((node.end - node.start) * next());
      events.push({
        timeUnixNano: String(TRACE_START_NANOS + BigInt(at) * 1000n),
        name: e === 0 ? 'cache.miss' : 'retry',
        attributes: [
          { key: 'attempt', value: { intValue: String(e + 1) } },
          { key: 'cache.key', value: { stringValue: `item-${i}` } },
        ],
      });
    }
    const span = {
      traceId,
      spanId: hex(i + 1, 16),
      ...(node.parent >= 0 ? { parentSpanId: hex(node.parent + 1, 16) } : {}),
      name: operation,
      kind: OtlpSpanKind.INTERNAL + (i % 5), // INTERNAL … CONSUMER in turn
      startTimeUnixNano: String(startNanos),
      endTimeUnixNano: String(TRACE_START_NANOS + BigInt(node.end) * 1000n),
      attributes: [
        { key: 'http.request.method', value: { stringValue: i % 2 ? 'GET' : 'POST' } },
        { key: 'url.path', value: { stringValue: `/api/items/${i}` } },
        { key: 'span.index', value: { intValue: String(i) } },
        { key: 'user.id', value: { stringValue: `user-${(i * 31) % 997}` } },
      ],
      events,
      status: error
        ? { code: OtlpStatusCode.ERROR, message: `upstream failed at span ${i}` }
        : { code: OtlpStatusCode.UNSET },
    };
    const list = bySpanService.get(service);
    if (list) list.push(span);
    else bySpanService.set(service, [span]);
  }
  const request = {
    resourceSpans: [...bySpanService].map(([service, spans]) => ({
      resource: {
        attributes: [
          { key: 'service.name', value: { stringValue: SERVICES[service]! } },
          { key: 'service.version', value: { stringValue: '1.4.2' } },
        ],
      },
      scopeSpans: [{ scope: { name: 'synthetic-load', version: '1.0.0' }, spans }],
    })),
  };
  return {
    traceId,
    spanCount: nodes.length,
    rootName: 'handle request',
    json: JSON.stringify(request),
  };
}
