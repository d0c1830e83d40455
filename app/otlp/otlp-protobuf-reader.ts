// Decodes a protobuf ExportTraceServiceRequest straight into the span model, on @bufbuild/protobuf's
// BinaryReader: no generated classes and no JSON in between. Field numbers are opentelemetry-proto's
// (collector/trace/v1/trace_service.proto, trace/v1/trace.proto, common/v1/common.proto,
// resource/v1/resource.proto). A message that does not decode throws an OtlpWireError; a span that
// decodes but is invalid (a trace id that is not 16 bytes) is left out alone in tolerant mode.
import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';
import type {
  OtlpAnyValue,
  OtlpEvent,
  OtlpKeyValue,
  OtlpLink,
  OtlpResource,
  OtlpScope,
  OtlpSpan,
  OtlpStatus,
} from '../model/otlp';
import { OtlpSpanKind, OtlpStatusCode } from '../model/otlp';
import { isAllZeroId, SPAN_ID_BYTES, TRACE_ID_BYTES } from '../model/otlp-ids';
import type { IncomingSpan } from '../storage/incoming-span';
import { FieldError, joinPath } from './field-error';
import type { OtlpReadOptions } from './read-options';
import { ReadProblems, resultOf, type OtlpReadResult } from './read-problems';
import { ByteRangeCache } from './byte-range-cache';
import { unixNanosToDecimal } from './uint64-decimal';
import { CUT_VALUE_TEXT, cutValueProblem, MAX_VALUE_DEPTH } from './value-depth';

/** The bytes are not a protobuf ExportTraceServiceRequest (truncated, or not protobuf at all). */
export class OtlpWireError extends Error {
  override name = 'OtlpWireError';
}

// Field numbers, message by message.
const REQUEST_RESOURCE_SPANS = 1;
const RESOURCE_SPANS_RESOURCE = 1;
const RESOURCE_SPANS_SCOPE_SPANS = 2;
const RESOURCE_SPANS_SCHEMA_URL = 3;
/** Before OTLP 1.0: `repeated InstrumentationLibrarySpans instrumentation_library_spans = 1000`,
 * laid out like ScopeSpans (its library like a scope without attributes). */
const RESOURCE_SPANS_INSTRUMENTATION_LIBRARY_SPANS = 1000;
const RESOURCE_ATTRIBUTES = 1;
const RESOURCE_DROPPED_ATTRIBUTES_COUNT = 2;
const SCOPE_SPANS_SCOPE = 1;
const SCOPE_SPANS_SPANS = 2;
const SCOPE_SPANS_SCHEMA_URL = 3;
const SCOPE_NAME = 1;
const SCOPE_VERSION = 2;
const SCOPE_ATTRIBUTES = 3;
const SCOPE_DROPPED_ATTRIBUTES_COUNT = 4;
const SPAN_TRACE_ID = 1;
const SPAN_SPAN_ID = 2;
const SPAN_TRACE_STATE = 3;
const SPAN_PARENT_SPAN_ID = 4;
const SPAN_NAME = 5;
const SPAN_KIND = 6;
const SPAN_START_TIME = 7;
const SPAN_END_TIME = 8;
const SPAN_ATTRIBUTES = 9;
const SPAN_DROPPED_ATTRIBUTES_COUNT = 10;
const SPAN_EVENTS = 11;
const SPAN_DROPPED_EVENTS_COUNT = 12;
const SPAN_LINKS = 13;
const SPAN_DROPPED_LINKS_COUNT = 14;
const SPAN_STATUS = 15;
const SPAN_FLAGS = 16;
const EVENT_TIME = 1;
const EVENT_NAME = 2;
const EVENT_ATTRIBUTES = 3;
const EVENT_DROPPED_ATTRIBUTES_COUNT = 4;
const LINK_TRACE_ID = 1;
const LINK_SPAN_ID = 2;
const LINK_TRACE_STATE = 3;
const LINK_ATTRIBUTES = 4;
const LINK_DROPPED_ATTRIBUTES_COUNT = 5;
const LINK_FLAGS = 6;
const STATUS_MESSAGE = 2;
const STATUS_CODE = 3;
const KEY_VALUE_KEY = 1;
const KEY_VALUE_VALUE = 2;
const ANY_STRING = 1;
const ANY_BOOL = 2;
const ANY_INT = 3;
const ANY_DOUBLE = 4;
const ANY_ARRAY = 5;
const ANY_KVLIST = 6;
const ANY_BYTES = 7;
/** ArrayValue.values and KeyValueList.values */
const LIST_VALUES = 1;

/** Tag = field number << 3 | wire type, precomputed for the fields read on every span. */
const tag = (field: number, wireType: WireType): number => ((field << 3) | wireType) >>> 0;
const LEN = WireType.LengthDelimited;
const TAG_REQUEST_RESOURCE_SPANS = tag(REQUEST_RESOURCE_SPANS, LEN);
const TAG_RESOURCE_ATTRIBUTES = tag(RESOURCE_ATTRIBUTES, LEN);
const TAG_RESOURCE_DROPPED_ATTRIBUTES_COUNT = tag(
  RESOURCE_DROPPED_ATTRIBUTES_COUNT,
  WireType.Varint,
);
const TAG_RESOURCE_SPANS_RESOURCE = tag(RESOURCE_SPANS_RESOURCE, LEN);
const TAG_RESOURCE_SPANS_SCOPE_SPANS = tag(RESOURCE_SPANS_SCOPE_SPANS, LEN);
const TAG_RESOURCE_SPANS_SCHEMA_URL = tag(RESOURCE_SPANS_SCHEMA_URL, LEN);
const TAG_RESOURCE_SPANS_INSTRUMENTATION_LIBRARY_SPANS = tag(
  RESOURCE_SPANS_INSTRUMENTATION_LIBRARY_SPANS,
  LEN,
);
const TAG_SCOPE_SPANS_SCOPE = tag(SCOPE_SPANS_SCOPE, LEN);
const TAG_SCOPE_SPANS_SPANS = tag(SCOPE_SPANS_SPANS, LEN);
const TAG_SCOPE_SPANS_SCHEMA_URL = tag(SCOPE_SPANS_SCHEMA_URL, LEN);
const TAG_SCOPE_NAME = tag(SCOPE_NAME, LEN);
const TAG_SCOPE_VERSION = tag(SCOPE_VERSION, LEN);
const TAG_SCOPE_ATTRIBUTES = tag(SCOPE_ATTRIBUTES, LEN);
const TAG_SCOPE_DROPPED_ATTRIBUTES_COUNT = tag(SCOPE_DROPPED_ATTRIBUTES_COUNT, WireType.Varint);
const TAG_EVENT_TIME = tag(EVENT_TIME, WireType.Bit64);
const TAG_EVENT_NAME = tag(EVENT_NAME, LEN);
const TAG_EVENT_ATTRIBUTES = tag(EVENT_ATTRIBUTES, LEN);
const TAG_EVENT_DROPPED_ATTRIBUTES_COUNT = tag(EVENT_DROPPED_ATTRIBUTES_COUNT, WireType.Varint);
const TAG_LINK_TRACE_ID = tag(LINK_TRACE_ID, LEN);
const TAG_LINK_SPAN_ID = tag(LINK_SPAN_ID, LEN);
const TAG_LINK_TRACE_STATE = tag(LINK_TRACE_STATE, LEN);
const TAG_LINK_ATTRIBUTES = tag(LINK_ATTRIBUTES, LEN);
const TAG_LINK_DROPPED_ATTRIBUTES_COUNT = tag(LINK_DROPPED_ATTRIBUTES_COUNT, WireType.Varint);
const TAG_LINK_FLAGS = tag(LINK_FLAGS, WireType.Bit32);
const TAG_STATUS_MESSAGE = tag(STATUS_MESSAGE, LEN);
const TAG_STATUS_CODE = tag(STATUS_CODE, WireType.Varint);
const TAG_SPAN_TRACE_ID = tag(SPAN_TRACE_ID, LEN);
const TAG_SPAN_SPAN_ID = tag(SPAN_SPAN_ID, LEN);
const TAG_SPAN_TRACE_STATE = tag(SPAN_TRACE_STATE, LEN);
const TAG_SPAN_PARENT_SPAN_ID = tag(SPAN_PARENT_SPAN_ID, LEN);
const TAG_SPAN_NAME = tag(SPAN_NAME, LEN);
const TAG_SPAN_KIND = tag(SPAN_KIND, WireType.Varint);
const TAG_SPAN_START_TIME = tag(SPAN_START_TIME, WireType.Bit64);
const TAG_SPAN_END_TIME = tag(SPAN_END_TIME, WireType.Bit64);
const TAG_SPAN_ATTRIBUTES = tag(SPAN_ATTRIBUTES, LEN);
const TAG_SPAN_DROPPED_ATTRIBUTES_COUNT = tag(SPAN_DROPPED_ATTRIBUTES_COUNT, WireType.Varint);
const TAG_SPAN_EVENTS = tag(SPAN_EVENTS, LEN);
const TAG_SPAN_DROPPED_EVENTS_COUNT = tag(SPAN_DROPPED_EVENTS_COUNT, WireType.Varint);
const TAG_SPAN_LINKS = tag(SPAN_LINKS, LEN);
const TAG_SPAN_DROPPED_LINKS_COUNT = tag(SPAN_DROPPED_LINKS_COUNT, WireType.Varint);
const TAG_SPAN_STATUS = tag(SPAN_STATUS, LEN);
const TAG_SPAN_FLAGS = tag(SPAN_FLAGS, WireType.Bit32);
const TAG_KEY_VALUE_KEY = tag(KEY_VALUE_KEY, LEN);
const TAG_KEY_VALUE_VALUE = tag(KEY_VALUE_VALUE, LEN);
const TAG_ANY_STRING = tag(ANY_STRING, LEN);
const TAG_ANY_BOOL = tag(ANY_BOOL, WireType.Varint);
const TAG_ANY_INT = tag(ANY_INT, WireType.Varint);
const TAG_ANY_DOUBLE = tag(ANY_DOUBLE, WireType.Bit64);
const TAG_ANY_ARRAY = tag(ANY_ARRAY, LEN);
const TAG_ANY_KVLIST = tag(ANY_KVLIST, LEN);
const TAG_ANY_BYTES = tag(ANY_BYTES, LEN);
const TAG_LIST_VALUES = tag(LIST_VALUES, LEN);

// Shared by every request this thread decodes: senders repeat attributes (`http.request.method=GET`),
// span names and parent ids from batch to batch, and a repeat costs no allocation. The span model is
// read-only, so spans may share these objects.
const keyValueCache = new ByteRangeCache<OtlpKeyValue>(12, 96);
const nameCache = new ByteRangeCache<string>(11, 64);
const parentIdCache = new ByteRangeCache<string>(10, SPAN_ID_BYTES);

/** The Span fields the store keeps as a chunk's columns, which it never reads from a message. */
function isColumnTag(tag: number): boolean {
  return (
    tag === TAG_SPAN_TRACE_ID ||
    tag === TAG_SPAN_SPAN_ID ||
    tag === TAG_SPAN_PARENT_SPAN_ID ||
    tag === TAG_SPAN_NAME ||
    tag === TAG_SPAN_KIND ||
    tag === TAG_SPAN_START_TIME ||
    tag === TAG_SPAN_END_TIME
  );
}

/** Node's own slicing decoders (what Buffer#toString calls), without toString's argument checks. */
interface BufferSlicers {
  hexSlice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}

const MAX_SPAN_KIND = OtlpSpanKind.CONSUMER;
const MAX_STATUS_CODE = OtlpStatusCode.ERROR;

/** Statuses without a message, by code: most spans have one of these, and share it (read-only). */
const statusOfCode: readonly OtlpStatus[] = [
  Object.freeze({}),
  Object.freeze({ code: OtlpStatusCode.OK }),
  Object.freeze({ code: OtlpStatusCode.ERROR }),
];

export interface OtlpProtobufReadOptions extends OtlpReadOptions {
  /** Each span also says where its Span message lies in `bytes`, from its first field that is not a
   * column on (IncomingSpan.message), for the store to keep as its details (the receivers). */
  readonly keepSpanMessages?: boolean;
}

/**
 * The spans of one protobuf ExportTraceServiceRequest, each with its resource and scope (shared
 * objects per ResourceSpans / ScopeSpans). Throws OtlpWireError when the bytes do not decode, and
 * in strict mode a FieldError at the first invalid span.
 */
export function readOtlpProtobufRequest(
  bytes: Uint8Array,
  options: OtlpProtobufReadOptions,
): OtlpReadResult {
  const decoder = new ProtobufTraceDecoder(bytes, options);
  try {
    decoder.readRequest();
  } catch (error) {
    if (error instanceof FieldError || error instanceof OtlpWireError) throw error;
    // BinaryReader's own errors ("premature EOF", "invalid varint", "cant skip wire type 7").
    throw new OtlpWireError(
      `the body is not a protobuf ExportTraceServiceRequest: ${(error as Error).message} (at byte ${decoder.position} of ${bytes.length})`,
    );
  }
  return resultOf(decoder.spans, decoder.problems);
}

/**
 * The spans of a ScopeSpans message that holds nothing but its spans (field 2, as the store keeps
 * spans that came as protobuf: chunk-details.ts), each read as the receiver read it and kept
 * whatever is wrong with it. Throws OtlpWireError when the bytes do not decode.
 */
export function readSpanMessages(bytes: Uint8Array): OtlpSpan[] {
  const decoder = new ProtobufTraceDecoder(bytes, { tolerant: true });
  try {
    return decoder.readSpanMessages();
  } catch (error) {
    if (error instanceof OtlpWireError) throw error;
    throw new OtlpWireError(
      `stored span messages do not decode: ${(error as Error).message} (at byte ${decoder.position} of ${bytes.length})`,
    );
  }
}

interface ScopeGroup {
  readonly path: string;
  readonly scope: OtlpScope;
  readonly spans: OtlpSpan[];
  readonly spanCuts: number[];
  readonly spanIndexes: number[];
  /** Where each span's message starts and ends in the request (only with keepSpanMessages). */
  readonly spanStarts: number[];
  readonly spanEnds: number[];
}

class ProtobufTraceDecoder {
  readonly spans: IncomingSpan[] = [];
  readonly problems = new ReadProblems();
  private readonly reader: BinaryReader;
  private readonly buffer: Buffer;
  private readonly slicers: BufferSlicers;
  /** The previous span's trace id, as bytes and as text: spans of a trace come together. */
  private readonly lastTraceIdBytes = Buffer.alloc(TRACE_ID_BYTES);
  private lastTraceId = '';
  /** Values cut at the depth limit in the span (or resource, scope) being read. */
  private cuts = 0;
  /** The first thing wrong with the span being read; it is read to its end either way. */
  private spanProblem: FieldError | undefined;
  /** Where the span being read has its first field that is not a column (see SpanMessage). */
  private detailsStart = 0;

  constructor(
    bytes: Uint8Array,
    private readonly options: OtlpProtobufReadOptions,
  ) {
    this.reader = new BinaryReader(bytes);
    this.buffer = Buffer.isBuffer(bytes)
      ? bytes
      : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.slicers = this.buffer as unknown as BufferSlicers;
  }

  get position(): number {
    return this.reader.pos;
  }

  readSpanMessages(): OtlpSpan[] {
    const reader = this.reader;
    const spans: OtlpSpan[] = [];
    while (reader.pos < reader.len) {
      const tag = this.readTag();
      if (tag === TAG_SCOPE_SPANS_SPANS) spans.push(this.readSpan(this.messageEnd()));
      else this.skip(tag);
    }
    return spans;
  }

  readRequest(): void {
    const reader = this.reader;
    let index = 0;
    while (reader.pos < reader.len) {
      const tag = this.readTag();
      if (tag === TAG_REQUEST_RESOURCE_SPANS) {
        const end = this.messageEnd();
        this.readResourceSpans(end, `resourceSpans[${index++}]`);
      } else this.skip(tag);
    }
  }

  private readResourceSpans(end: number, path: string): void {
    const reader = this.reader;
    this.cuts = 0;
    const attributes: OtlpKeyValue[] = [];
    let dropped = 0;
    let schemaUrl = '';
    const groups: ScopeGroup[] = [];
    let resourceCuts = 0;
    let scopeIndex = 0;
    let libraryIndex = 0;
    while (reader.pos < end) {
      const tag = this.readTag();
      if (tag === TAG_RESOURCE_SPANS_RESOURCE) {
        const resourceEnd = this.messageEnd();
        this.cuts = 0;
        while (reader.pos < resourceEnd) {
          const inner = this.readTag();
          if (inner === TAG_RESOURCE_ATTRIBUTES)
            attributes.push(this.readKeyValue(this.messageEnd(), 1));
          else if (inner === TAG_RESOURCE_DROPPED_ATTRIBUTES_COUNT) dropped = reader.uint32();
          else this.skip(inner);
        }
        this.expectEnd(resourceEnd);
        resourceCuts += this.cuts;
      } else if (tag === TAG_RESOURCE_SPANS_SCOPE_SPANS) {
        groups.push(this.readScopeSpans(this.messageEnd(), `${path}.scopeSpans[${scopeIndex++}]`));
      } else if (tag === TAG_RESOURCE_SPANS_INSTRUMENTATION_LIBRARY_SPANS) {
        groups.push(
          this.readScopeSpans(
            this.messageEnd(),
            `${path}.instrumentationLibrarySpans[${libraryIndex++}]`,
          ),
        );
      } else if (tag === TAG_RESOURCE_SPANS_SCHEMA_URL) {
        schemaUrl = this.readString();
      } else this.skip(tag);
    }
    this.expectEnd(end);
    const resource: OtlpResource = { attributes };
    if (dropped) (resource as { droppedAttributesCount?: number }).droppedAttributesCount = dropped;
    if (schemaUrl) (resource as { schemaUrl?: string }).schemaUrl = schemaUrl;
    if (resourceCuts > 0) this.problems.add(cutValueProblem(`${path}.resource`, resourceCuts));
    const keepMessages = this.options.keepSpanMessages === true;
    for (const group of groups) {
      const { scope, spans } = group;
      for (let i = 0; i < spans.length; i++) {
        const span = spans[i]!;
        this.spans.push(
          keepMessages
            ? {
                span,
                resource,
                scope,
                message: {
                  bytes: this.buffer,
                  start: group.spanStarts[i]!,
                  end: group.spanEnds[i]!,
                },
              }
            : { span, resource, scope },
        );
        const cuts = group.spanCuts[i]!;
        if (cuts > 0)
          this.problems.add(
            cutValueProblem(
              `${group.path}.spans[${group.spanIndexes[i]}] (span ${span.spanId})`,
              cuts,
            ),
          );
      }
    }
  }

  private readScopeSpans(end: number, path: string): ScopeGroup {
    const reader = this.reader;
    let name = '';
    let version = '';
    let attributes: OtlpKeyValue[] | undefined;
    let dropped = 0;
    let schemaUrl = '';
    let scopeCuts = 0;
    const spans: OtlpSpan[] = [];
    const spanCuts: number[] = [];
    const spanIndexes: number[] = [];
    const spanStarts: number[] = [];
    const spanEnds: number[] = [];
    const keepMessages = this.options.keepSpanMessages === true;
    let spanIndex = 0;
    while (reader.pos < end) {
      const tag = this.readTag();
      if (tag === TAG_SCOPE_SPANS_SPANS) {
        const spanEnd = this.messageEnd();
        const spanStart = reader.pos;
        const index = spanIndex++;
        this.cuts = 0;
        this.spanProblem = undefined;
        this.detailsStart = spanStart;
        const span = this.readSpan(spanEnd);
        if (this.spanProblem === undefined) {
          spans.push(span);
          spanCuts.push(this.cuts);
          spanIndexes.push(index);
          if (keepMessages) {
            spanStarts.push(this.detailsStart);
            spanEnds.push(spanEnd);
          }
          continue;
        }
        const problem: FieldError = this.spanProblem;
        const full = joinPath(`${path}.spans[${index}]`, problem.path);
        if (!this.options.tolerant) throw new FieldError(full, problem.detail);
        this.problems.add(`${full}: ${problem.detail}`, 1);
      } else if (tag === TAG_SCOPE_SPANS_SCOPE) {
        const scopeEnd = this.messageEnd();
        this.cuts = 0;
        while (reader.pos < scopeEnd) {
          const inner = this.readTag();
          if (inner === TAG_SCOPE_NAME) name = this.readString();
          else if (inner === TAG_SCOPE_VERSION) version = this.readString();
          else if (inner === TAG_SCOPE_ATTRIBUTES)
            (attributes ??= []).push(this.readKeyValue(this.messageEnd(), 1));
          else if (inner === TAG_SCOPE_DROPPED_ATTRIBUTES_COUNT) dropped = reader.uint32();
          else this.skip(inner);
        }
        this.expectEnd(scopeEnd);
        scopeCuts += this.cuts;
      } else if (tag === TAG_SCOPE_SPANS_SCHEMA_URL) {
        schemaUrl = this.readString();
      } else this.skip(tag);
    }
    this.expectEnd(end);
    const scope: { -readonly [K in keyof OtlpScope]: OtlpScope[K] } = { name };
    if (version) scope.version = version;
    if (attributes) scope.attributes = attributes;
    if (dropped) scope.droppedAttributesCount = dropped;
    if (schemaUrl) scope.schemaUrl = schemaUrl;
    if (scopeCuts > 0) this.problems.add(cutValueProblem(`${path}.scope`, scopeCuts));
    return { path, scope, spans, spanCuts, spanIndexes, spanStarts, spanEnds };
  }

  /** Reads the span to `end` whatever is wrong with it; the first problem is in spanProblem. */
  private readSpan(end: number): OtlpSpan {
    const reader = this.reader;
    let traceId = '';
    let spanId = '';
    let parentSpanId = '';
    let traceState = '';
    let name = '';
    let kind: number = OtlpSpanKind.UNSPECIFIED;
    let start = '0';
    let endTime = '0';
    let attributes: OtlpKeyValue[] | undefined;
    let droppedAttributes = 0;
    let events: OtlpEvent[] | undefined;
    let droppedEvents = 0;
    let links: OtlpLink[] | undefined;
    let droppedLinks = 0;
    let status: OtlpStatus | undefined;
    let flags: number | undefined;
    let leadingColumns = true;
    while (reader.pos < end) {
      const fieldStart = reader.pos;
      const tag = this.readTag();
      if (leadingColumns && !isColumnTag(tag)) {
        leadingColumns = false;
        this.detailsStart = fieldStart;
      }
      switch (tag) {
        case TAG_SPAN_TRACE_ID:
          traceId = this.readTraceId();
          break;
        case TAG_SPAN_SPAN_ID:
          spanId = this.readId(SPAN_ID_BYTES, 'spanId');
          break;
        case TAG_SPAN_TRACE_STATE:
          traceState = this.readString();
          break;
        case TAG_SPAN_PARENT_SPAN_ID:
          parentSpanId = this.readParentId();
          break;
        case TAG_SPAN_NAME:
          name = this.readName();
          break;
        case TAG_SPAN_KIND:
          kind = reader.int32();
          if (kind < 0 || kind > MAX_SPAN_KIND)
            this.problem('kind', `expected a span kind from 0 to ${MAX_SPAN_KIND}, got ${kind}`);
          break;
        case TAG_SPAN_START_TIME:
          start = this.readFixed64();
          break;
        case TAG_SPAN_END_TIME:
          endTime = this.readFixed64();
          break;
        case TAG_SPAN_ATTRIBUTES:
          (attributes ??= []).push(this.readKeyValue(this.messageEnd(), 1));
          break;
        case TAG_SPAN_DROPPED_ATTRIBUTES_COUNT:
          droppedAttributes = reader.uint32();
          break;
        case TAG_SPAN_EVENTS:
          (events ??= []).push(this.readEvent(this.messageEnd()));
          break;
        case TAG_SPAN_DROPPED_EVENTS_COUNT:
          droppedEvents = reader.uint32();
          break;
        case TAG_SPAN_LINKS:
          (links ??= []).push(this.readLink(this.messageEnd(), links?.length ?? 0));
          break;
        case TAG_SPAN_DROPPED_LINKS_COUNT:
          droppedLinks = reader.uint32();
          break;
        case TAG_SPAN_STATUS:
          status = this.readStatus(this.messageEnd());
          break;
        case TAG_SPAN_FLAGS:
          flags = reader.fixed32();
          break;
        default:
          this.skip(tag);
      }
    }
    this.expectEnd(end);
    if (leadingColumns) this.detailsStart = end;
    if (traceId === '') this.problem('traceId', `expected ${TRACE_ID_BYTES} bytes, got none`);
    else if (isAllZeroId(traceId)) this.problem('traceId', 'is all zeros, which is not a valid id');
    if (spanId === '') this.problem('spanId', `expected ${SPAN_ID_BYTES} bytes, got none`);
    else if (isAllZeroId(spanId)) this.problem('spanId', 'is all zeros, which is not a valid id');
    const span: { -readonly [K in keyof OtlpSpan]: OtlpSpan[K] } = {
      traceId,
      spanId,
      name,
      kind,
      startTimeUnixNano: start,
      endTimeUnixNano: endTime,
    };
    if (parentSpanId !== '' && !isAllZeroId(parentSpanId)) span.parentSpanId = parentSpanId;
    if (traceState !== '') span.traceState = traceState;
    if (flags !== undefined) span.flags = flags;
    if (attributes) span.attributes = attributes;
    if (droppedAttributes) span.droppedAttributesCount = droppedAttributes;
    if (events) span.events = events;
    if (droppedEvents) span.droppedEventsCount = droppedEvents;
    if (links) span.links = links;
    if (droppedLinks) span.droppedLinksCount = droppedLinks;
    if (status) span.status = status;
    return span;
  }

  private readEvent(end: number): OtlpEvent {
    const reader = this.reader;
    let time = '0';
    let name = '';
    let attributes: OtlpKeyValue[] | undefined;
    let dropped = 0;
    while (reader.pos < end) {
      const tag = this.readTag();
      if (tag === TAG_EVENT_TIME) time = this.readFixed64();
      else if (tag === TAG_EVENT_NAME) name = this.readName();
      else if (tag === TAG_EVENT_ATTRIBUTES)
        (attributes ??= []).push(this.readKeyValue(this.messageEnd(), 1));
      else if (tag === TAG_EVENT_DROPPED_ATTRIBUTES_COUNT) dropped = reader.uint32();
      else this.skip(tag);
    }
    this.expectEnd(end);
    const event: { -readonly [K in keyof OtlpEvent]: OtlpEvent[K] } = { timeUnixNano: time, name };
    if (attributes) event.attributes = attributes;
    if (dropped) event.droppedAttributesCount = dropped;
    return event;
  }

  private readLink(end: number, index: number): OtlpLink {
    const reader = this.reader;
    let traceId = '';
    let spanId = '';
    let traceState = '';
    let attributes: OtlpKeyValue[] | undefined;
    let dropped = 0;
    let flags: number | undefined;
    const path = `links[${index}]`;
    while (reader.pos < end) {
      const tag = this.readTag();
      if (tag === TAG_LINK_TRACE_ID) traceId = this.readId(TRACE_ID_BYTES, `${path}.traceId`);
      else if (tag === TAG_LINK_SPAN_ID) spanId = this.readId(SPAN_ID_BYTES, `${path}.spanId`);
      else if (tag === TAG_LINK_TRACE_STATE) traceState = this.readString();
      else if (tag === TAG_LINK_ATTRIBUTES)
        (attributes ??= []).push(this.readKeyValue(this.messageEnd(), 1));
      else if (tag === TAG_LINK_DROPPED_ATTRIBUTES_COUNT) dropped = reader.uint32();
      else if (tag === TAG_LINK_FLAGS) flags = reader.fixed32();
      else this.skip(tag);
    }
    this.expectEnd(end);
    if (traceId === '')
      this.problem(`${path}.traceId`, `expected ${TRACE_ID_BYTES} bytes, got none`);
    if (spanId === '') this.problem(`${path}.spanId`, `expected ${SPAN_ID_BYTES} bytes, got none`);
    const link: { -readonly [K in keyof OtlpLink]: OtlpLink[K] } = { traceId, spanId };
    if (traceState !== '') link.traceState = traceState;
    if (attributes) link.attributes = attributes;
    if (dropped) link.droppedAttributesCount = dropped;
    if (flags !== undefined) link.flags = flags;
    return link;
  }

  private readStatus(end: number): OtlpStatus {
    const reader = this.reader;
    let message = '';
    let code: number = OtlpStatusCode.UNSET;
    while (reader.pos < end) {
      const tag = this.readTag();
      if (tag === TAG_STATUS_MESSAGE) message = this.readString();
      else if (tag === TAG_STATUS_CODE) {
        code = reader.int32();
        if (code < 0 || code > MAX_STATUS_CODE)
          this.problem(
            'status.code',
            `expected a status code from 0 to ${MAX_STATUS_CODE}, got ${code}`,
          );
      } else this.skip(tag);
    }
    this.expectEnd(end);
    if (message === '' && code >= 0 && code <= MAX_STATUS_CODE) return statusOfCode[code]!;
    const status: { -readonly [K in keyof OtlpStatus]: OtlpStatus[K] } = {};
    if (code !== OtlpStatusCode.UNSET) status.code = code;
    if (message !== '') status.message = message;
    return status;
  }

  /** One KeyValue whose value is at `depth` (1 for a span's attributes). */
  private readKeyValue(end: number, depth: number): OtlpKeyValue {
    const reader = this.reader;
    const start = reader.pos;
    const cacheable = depth === 1 && end - start <= keyValueCache.maxKeyBytes;
    if (cacheable) {
      const cached = keyValueCache.get(this.buffer, start, end);
      if (cached !== undefined) {
        reader.pos = end;
        return cached;
      }
    }
    const cutsBefore = this.cuts;
    let key = '';
    let value: OtlpAnyValue | undefined;
    while (reader.pos < end) {
      const tag = this.readTag();
      if (tag === TAG_KEY_VALUE_KEY) key = this.readString();
      else if (tag === TAG_KEY_VALUE_VALUE) value = this.readAnyValue(this.messageEnd(), depth);
      else this.skip(tag);
    }
    this.expectEnd(end);
    const keyValue: OtlpKeyValue = value === undefined ? { key } : { key, value };
    if (cacheable && this.cuts === cutsBefore) keyValueCache.set(this.buffer, start, end, keyValue);
    return keyValue;
  }

  /** An AnyValue at `depth`; below MAX_VALUE_DEPTH it is skipped unread and CUT_VALUE_TEXT stands in. */
  private readAnyValue(end: number, depth: number): OtlpAnyValue {
    const reader = this.reader;
    if (depth > MAX_VALUE_DEPTH) {
      this.cuts += 1;
      reader.pos = end;
      return { stringValue: CUT_VALUE_TEXT };
    }
    let value: OtlpAnyValue = {};
    while (reader.pos < end) {
      const tag = this.readTag();
      switch (tag) {
        case TAG_ANY_STRING:
          value = { stringValue: this.readString() };
          break;
        case TAG_ANY_BOOL:
          value = { boolValue: reader.bool() };
          break;
        case TAG_ANY_INT:
          value = { intValue: this.readInt64() };
          break;
        case TAG_ANY_DOUBLE:
          value = { doubleValue: reader.double() };
          break;
        case TAG_ANY_BYTES:
          value = { bytesValue: this.readBase64() };
          break;
        case TAG_ANY_ARRAY: {
          const arrayEnd = this.messageEnd();
          const values: OtlpAnyValue[] = [];
          while (reader.pos < arrayEnd) {
            const inner = this.readTag();
            if (inner === TAG_LIST_VALUES)
              values.push(this.readAnyValue(this.messageEnd(), depth + 1));
            else this.skip(inner);
          }
          this.expectEnd(arrayEnd);
          value = { arrayValue: { values } };
          break;
        }
        case TAG_ANY_KVLIST: {
          const listEnd = this.messageEnd();
          const values: OtlpKeyValue[] = [];
          while (reader.pos < listEnd) {
            const inner = this.readTag();
            if (inner === TAG_LIST_VALUES)
              values.push(this.readKeyValue(this.messageEnd(), depth + 1));
            else this.skip(inner);
          }
          this.expectEnd(listEnd);
          value = { kvlistValue: { values } };
          break;
        }
        default:
          this.skip(tag);
      }
    }
    this.expectEnd(end);
    return value;
  }

  private problem(path: string, detail: string): void {
    this.spanProblem ??= new FieldError(path, detail);
  }

  private readTag(): number {
    const tag = this.reader.uint32();
    if (tag >>> 3 === 0 || (tag & 7) > 5)
      throw new OtlpWireError(
        `the body is not a protobuf ExportTraceServiceRequest: invalid field tag ${tag} at byte ${this.reader.pos}`,
      );
    return tag;
  }

  /** Reads a length prefix and returns where that message (or bytes, or string) ends. */
  private messageEnd(): number {
    const length = this.reader.uint32();
    const end = this.reader.pos + length;
    if (end > this.reader.len)
      throw new OtlpWireError(
        `the body is not a protobuf ExportTraceServiceRequest: a field of ${length} bytes at byte ${this.reader.pos} runs past the end (${this.reader.len} bytes)`,
      );
    return end;
  }

  private expectEnd(end: number): void {
    if (this.reader.pos !== end)
      throw new OtlpWireError(
        `the body is not a protobuf ExportTraceServiceRequest: a field runs past the end of its message at byte ${end}`,
      );
  }

  private skip(tag: number): void {
    this.reader.skip((tag & 7) as WireType, tag >>> 3);
  }

  private readString(): string {
    const end = this.messageEnd();
    const start = this.reader.pos;
    this.reader.pos = end;
    return start === end ? '' : this.slicers.utf8Slice(start, end);
  }

  /** A span or event name: few distinct ones, many repeats. */
  private readName(): string {
    const end = this.messageEnd();
    const start = this.reader.pos;
    this.reader.pos = end;
    if (start === end) return '';
    if (end - start > nameCache.maxKeyBytes) return this.slicers.utf8Slice(start, end);
    let name = nameCache.get(this.buffer, start, end);
    if (name === undefined) {
      name = this.slicers.utf8Slice(start, end);
      nameCache.set(this.buffer, start, end, name);
    }
    return name;
  }

  private readTraceId(): string {
    const end = this.messageEnd();
    const start = this.reader.pos;
    if (end - start !== TRACE_ID_BYTES) return this.readIdAt(start, end, TRACE_ID_BYTES, 'traceId');
    this.reader.pos = end;
    const last = this.lastTraceIdBytes;
    const buffer = this.buffer;
    let same = this.lastTraceId !== '';
    for (let i = 0; same && i < TRACE_ID_BYTES; i++) same = last[i] === buffer[start + i];
    if (same) return this.lastTraceId;
    buffer.copy(last, 0, start, end);
    this.lastTraceId = this.slicers.hexSlice(start, end);
    return this.lastTraceId;
  }

  /** Siblings share their parent: its id is decoded once. */
  private readParentId(): string {
    const end = this.messageEnd();
    const start = this.reader.pos;
    if (end - start !== SPAN_ID_BYTES)
      return this.readIdAt(start, end, SPAN_ID_BYTES, 'parentSpanId', true);
    this.reader.pos = end;
    let id = parentIdCache.get(this.buffer, start, end);
    if (id === undefined) {
      id = this.slicers.hexSlice(start, end);
      parentIdCache.set(this.buffer, start, end, id);
    }
    return id;
  }

  private readBase64(): string {
    const end = this.messageEnd();
    const start = this.reader.pos;
    this.reader.pos = end;
    return this.buffer.toString('base64', start, end);
  }

  /** An id as lowercase hex; a wrong length is the span's problem (empty is allowed for a parent). */
  private readId(bytes: number, path: string): string {
    const end = this.messageEnd();
    return this.readIdAt(this.reader.pos, end, bytes, path);
  }

  private readIdAt(
    start: number,
    end: number,
    bytes: number,
    path: string,
    emptyAllowed = false,
  ): string {
    this.reader.pos = end;
    const length = end - start;
    if (length === 0 && emptyAllowed) return '';
    if (length !== bytes) this.problem(path, `expected ${bytes} bytes, got ${length}`);
    return start === end ? '' : this.slicers.hexSlice(start, end);
  }

  private readFixed64(): string {
    const lo = this.reader.fixed32();
    const hi = this.reader.fixed32();
    return unixNanosToDecimal(lo, hi);
  }

  private readInt64(): string {
    return String(this.reader.int64());
  }
}
