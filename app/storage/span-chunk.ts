// A span chunk: the spans one trace received in one write (at most MAX_CHUNK_SPANS), stored as one
// row. Measured (scripts/bench/store-layouts.ts): a row per span holds ingest to ~70,000 spans/s
// into a database file; a row per chunk does not pay SQLite's per-row cost for every span.
// A chunk has three parts, each read only by what needs it:
// - columns (JSON, column by column): what the waterfall's outline and the span locator need;
// - details (JSON, one entry per span): every other field of the span, exactly as it came;
// - facts (binary): per span its operation id, duration and error flag, read at start so the
//   filters and the latency table never read spans.
import type { OtlpSpan } from '../model/otlp';
import { OtlpStatusCode } from '../model/otlp';
import { statementOf, statementShape } from '../viewer/statement-shape';
import { nanosBetween } from './unix-nanos';

export const MAX_CHUNK_SPANS = 2048;

/** The columns of a chunk, as stored (short keys: they are repeated in every chunk). */
export interface ChunkColumns {
  /** Span ids. */
  readonly i: string[];
  /** Parent span ids; null where the span has none. */
  readonly p: (string | null)[];
  /** Names, kinds, start and end (unix nanoseconds, decimal), status codes. */
  readonly n: string[];
  readonly k: number[];
  readonly s: string[];
  readonly e: string[];
  readonly c: number[];
  /** Status messages by span index within the chunk, only where there is one. */
  readonly m: Record<number, string>;
  /** Links per span index within the chunk, only for spans that have any. */
  readonly l: Record<number, number>;
  /** Statement shapes (app/viewer/statement-shape.ts) by span index, only for database spans. */
  readonly q: Record<number, string>;
  /** Resource and scope ids (the store's tables). */
  readonly r: number[];
  readonly o: number[];
  /** Events per span; then every event's time and name, span after span. */
  readonly ec: number[];
  readonly et: string[];
  readonly en: string[];
}

/** The fields of an OTLP span that are not columns. */
export type SpanDetails = Omit<
  OtlpSpan,
  'traceId' | 'spanId' | 'parentSpanId' | 'name' | 'kind' | 'startTimeUnixNano' | 'endTimeUnixNano'
>;

/** The span's other fields (JSON leaves out those it does not have). One object shape for all
 * spans: a rest spread of each span measured slower and left more garbage. */
export function detailsOf(span: OtlpSpan): SpanDetails {
  return {
    traceState: span.traceState,
    flags: span.flags,
    attributes: span.attributes,
    droppedAttributesCount: span.droppedAttributesCount,
    events: span.events,
    droppedEventsCount: span.droppedEventsCount,
    links: span.links,
    droppedLinksCount: span.droppedLinksCount,
    status: span.status,
  };
}

/** The span again, from its chunk's columns (at `index`) and its details. */
export function spanFrom(
  traceId: string,
  columns: ChunkColumns,
  index: number,
  details: SpanDetails,
): OtlpSpan {
  const parent = columns.p[index];
  return {
    traceId,
    spanId: columns.i[index]!,
    ...(parent !== null && parent !== undefined && { parentSpanId: parent }),
    name: columns.n[index]!,
    kind: columns.k[index]!,
    startTimeUnixNano: columns.s[index]!,
    endTimeUnixNano: columns.e[index]!,
    ...details,
  };
}

/** Per-span facts of a chunk, in one buffer: durations (float64), operations (int32), errors (uint8). */
export class ChunkFacts {
  readonly durationsMicros: Float64Array;
  readonly operations: Int32Array;
  readonly errors: Uint8Array;

  constructor(
    readonly spanCount: number,
    buffer?: Uint8Array,
  ) {
    const bytes = spanCount * 13;
    let backing: ArrayBuffer;
    if (buffer) {
      if (buffer.byteLength !== bytes)
        throw new Error(`span facts of ${buffer.byteLength} bytes for ${spanCount} spans`);
      // Typed views need aligned offsets: copy unless the blob starts its own buffer.
      backing =
        buffer.byteOffset === 0 && buffer.buffer instanceof ArrayBuffer
          ? buffer.buffer
          : new Uint8Array(buffer).buffer;
    } else backing = new ArrayBuffer(bytes);
    this.durationsMicros = new Float64Array(backing, 0, spanCount);
    this.operations = new Int32Array(backing, spanCount * 8, spanCount);
    this.errors = new Uint8Array(backing, spanCount * 12, spanCount);
  }

  bytes(): Uint8Array {
    return new Uint8Array(this.durationsMicros.buffer, 0, this.spanCount * 13);
  }
}

export function int32Bytes(values: readonly number[]): Uint8Array {
  return new Uint8Array(Int32Array.from(values).buffer);
}

/** The int32s of a blob; none for NULL (SQLite stores an empty blob as NULL). */
export function int32sOf(bytes: Uint8Array | null): Int32Array {
  if (!bytes) return new Int32Array(0);
  if (bytes.byteOffset % 4 === 0 && bytes.buffer instanceof ArrayBuffer)
    return new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  return new Int32Array(new Uint8Array(bytes).buffer);
}

/** Attribute-pair ids (whole numbers below 2^53, attribute-pair-id.ts) as float64, little-endian. */
export function pairIdBytes(ids: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(ids.length * 8);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < ids.length; i++) view.setFloat64(i * 8, ids[i]!, true);
  return bytes;
}

/** The pair ids of a blob written by pairIdBytes; none for NULL. */
export function pairIdsOf(bytes: Uint8Array | null): Float64Array {
  if (!bytes) return new Float64Array(0);
  const ids = new Float64Array(Math.floor(bytes.byteLength / 8));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < ids.length; i++) ids[i] = view.getFloat64(i * 8, true);
  return ids;
}

/** The columns the outline needs beside the plain ones: link counts and statement shapes. */
export function addOutlineExtras(
  columns: Pick<ChunkColumns, 'l' | 'q'>,
  index: number,
  span: Pick<OtlpSpan, 'links' | 'attributes'>,
): void {
  const links = span.links;
  if (links && links.length > 0) columns.l[index] = links.length;
  const statement = statementOf(span.attributes);
  if (statement !== undefined) columns.q[index] = statementShape(statement);
}

/** Builds one chunk's columns and facts, span by span (its details are encoded apart). */
export class ChunkBuilder {
  readonly columns: ChunkColumns = {
    i: [],
    p: [],
    n: [],
    k: [],
    s: [],
    e: [],
    c: [],
    m: {},
    l: {},
    q: {},
    r: [],
    o: [],
    ec: [],
    et: [],
    en: [],
  };
  readonly facts: ChunkFacts;
  private count = 0;

  constructor(readonly capacity: number) {
    this.facts = new ChunkFacts(capacity);
  }

  get spanCount(): number {
    return this.count;
  }

  add(span: OtlpSpan, resourceId: number, scopeId: number, operationId: number): void {
    const c = this.columns;
    const index = this.count++;
    c.i.push(span.spanId);
    c.p.push(span.parentSpanId ?? null);
    c.n.push(span.name);
    c.k.push(span.kind);
    c.s.push(span.startTimeUnixNano);
    c.e.push(span.endTimeUnixNano);
    const status = span.status;
    const code = status?.code ?? 0;
    c.c.push(code);
    if (status?.message) c.m[index] = status.message;
    addOutlineExtras(c, index, span);
    c.r.push(resourceId);
    c.o.push(scopeId);
    const events = span.events;
    c.ec.push(events ? events.length : 0);
    if (events)
      for (const event of events) {
        c.et.push(event.timeUnixNano);
        c.en.push(event.name);
      }
    this.facts.durationsMicros[index] =
      nanosBetween(span.startTimeUnixNano, span.endTimeUnixNano) / 1000;
    this.facts.operations[index] = operationId;
    this.facts.errors[index] = code === OtlpStatusCode.ERROR ? 1 : 0;
  }
}
