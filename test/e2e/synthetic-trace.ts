// Big, realistic-looking traces for the viewer's end-to-end tests and benchmark: one OTLP JSON
// ExportTraceServiceRequest with a wide-and-deep tree, several services, attributes and events.
// Deterministic: the same size gives the same trace. Written in pieces (syntheticTraceChunks), so a
// million spans (about 480 MB) can go to a file without ever being one string.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
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

/** The tree and the random draws of a synthetic trace, before it is written out. */
export interface SyntheticShape {
  readonly seed: number;
  readonly traceId: string;
  /** Per span (span i has id hex(i + 1)): its parent's index, or -1. */
  readonly parents: Int32Array;
  readonly depths: Int32Array;
  /** Start and end in µs from the trace's start. */
  readonly starts: Float64Array;
  readonly ends: Float64Array;
  readonly errors: Uint8Array;
  readonly eventCounts: Uint8Array;
  /** Two per span: the events' times in µs. */
  readonly eventTimes: Float64Array;
}

const hex = (value: number, width: number) => value.toString(16).padStart(width, '0');

/**
 * `spanCount` spans: nine tenths fanned out breadth-first (up to 8 children each, so the tree is
 * wide), the rest in chains 200 deep hanging off random spans (so it is deep as well).
 */
export function syntheticShape(spanCount: number, seed = spanCount): SyntheticShape {
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
  const count = nodes.length;
  const shape = {
    seed,
    traceId: hex(seed, 8).repeat(4),
    parents: new Int32Array(count),
    depths: new Int32Array(count),
    starts: new Float64Array(count),
    ends: new Float64Array(count),
    errors: new Uint8Array(count),
    eventCounts: new Uint8Array(count),
    eventTimes: new Float64Array(2 * count),
  };
  // The draws in span order, as the spans used to be built one after the other.
  for (let i = 0; i < count; i++) {
    const node = nodes[i]!;
    shape.parents[i] = node.parent;
    shape.depths[i] = node.depth;
    shape.starts[i] = node.start;
    shape.ends[i] = node.end;
    shape.errors[i] = i > 0 && next() < 0.01 ? 1 : 0;
    const eventCount = next() < 0.5 ? 1 : next() < 0.5 ? 2 : 0;
    shape.eventCounts[i] = eventCount;
    for (let e = 0; e < eventCount; e++)
      shape.eventTimes[2 * i + e] = node.start + Math.floor((node.end - node.start) * next());
  }
  return shape;
}

/** Span i's service (an index into SYNTHETIC_SERVICES) and name. */
export function syntheticServiceIndex(shape: SyntheticShape, i: number): number {
  const depth = shape.depths[i]!;
  return depth === 0 ? 0 : (i * 7 + depth) % SERVICES.length;
}
export function syntheticSpanName(i: number): string {
  return i === 0 ? 'handle request' : OPERATIONS[(i * 13) % OPERATIONS.length]!;
}
export const SYNTHETIC_SERVICES: readonly string[] = SERVICES;

function syntheticSpan(shape: SyntheticShape, i: number) {
  const parent = shape.parents[i]!;
  const start = shape.starts[i]!;
  const events = [];
  for (let e = 0; e < shape.eventCounts[i]!; e++) {
    events.push({
      timeUnixNano: String(TRACE_START_NANOS + BigInt(shape.eventTimes[2 * i + e]!) * 1000n),
      name: e === 0 ? 'cache.miss' : 'retry',
      attributes: [
        { key: 'attempt', value: { intValue: String(e + 1) } },
        { key: 'cache.key', value: { stringValue: `item-${i}` } },
      ],
    });
  }
  return {
    traceId: shape.traceId,
    spanId: hex(i + 1, 16),
    ...(parent >= 0 ? { parentSpanId: hex(parent + 1, 16) } : {}),
    name: syntheticSpanName(i),
    kind: OtlpSpanKind.INTERNAL + (i % 5), // INTERNAL … CONSUMER in turn
    startTimeUnixNano: String(TRACE_START_NANOS + BigInt(start) * 1000n),
    endTimeUnixNano: String(TRACE_START_NANOS + BigInt(shape.ends[i]!) * 1000n),
    attributes: [
      { key: 'http.request.method', value: { stringValue: i % 2 ? 'GET' : 'POST' } },
      { key: 'url.path', value: { stringValue: `/api/items/${i}` } },
      { key: 'span.index', value: { intValue: String(i) } },
      { key: 'user.id', value: { stringValue: `user-${(i * 31) % 997}` } },
    ],
    events,
    status: shape.errors[i]
      ? { code: OtlpStatusCode.ERROR, message: `upstream failed at span ${i}` }
      : { code: OtlpStatusCode.UNSET },
  };
}

/**
 * The OTLP JSON text in pieces of about `piece` characters: one ExportTraceServiceRequest with a
 * resourceSpans entry per service, in the order the services first appear.
 */
export function* syntheticTraceChunks(shape: SyntheticShape, piece = 1 << 20): Generator<string> {
  const count = shape.parents.length;
  const byService = new Map<number, number[]>();
  for (let i = 0; i < count; i++) {
    const service = syntheticServiceIndex(shape, i);
    const list = byService.get(service);
    if (list) list.push(i);
    else byService.set(service, [i]);
  }
  let buffer = '{"resourceSpans":[';
  let firstService = true;
  for (const [service, spans] of byService) {
    const entry = JSON.stringify({
      resource: {
        attributes: [
          { key: 'service.name', value: { stringValue: SERVICES[service]! } },
          { key: 'service.version', value: { stringValue: '1.4.2' } },
        ],
      },
      scopeSpans: [{ scope: { name: 'synthetic-load', version: '1.0.0' }, spans: [] }],
    });
    const [open, close] = entry.split('"spans":[]') as [string, string];
    buffer += `${firstService ? '' : ','}${open}"spans":[`;
    firstService = false;
    for (let n = 0; n < spans.length; n++) {
      buffer += (n > 0 ? ',' : '') + JSON.stringify(syntheticSpan(shape, spans[n]!));
      if (buffer.length >= piece) {
        yield buffer;
        buffer = '';
      }
    }
    buffer += `]${close}`;
    if (buffer.length >= piece) {
      yield buffer;
      buffer = '';
    }
  }
  yield `${buffer}]}`;
}

export function syntheticTrace(spanCount: number, seed = spanCount): SyntheticTrace {
  const shape = syntheticShape(spanCount, seed);
  return {
    traceId: shape.traceId,
    spanCount: shape.parents.length,
    rootName: 'handle request',
    json: [...syntheticTraceChunks(shape)].join(''),
  };
}

/** Writes the trace to `file` piece by piece; its size in bytes. */
export async function writeSyntheticTrace(file: string, shape: SyntheticShape): Promise<number> {
  const out = createWriteStream(file);
  let bytes = 0;
  for (const chunk of syntheticTraceChunks(shape)) {
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return bytes;
}
