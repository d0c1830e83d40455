// Spans handed from the parse thread to the storing thread in a compact form: numbers and the
// shape of each span in one Float64Array (transferred, not copied), its strings in one list, in
// the order they are read back. Structured cloning of the span objects themselves was measured at
// 4–8 µs a span to receive (as much as parsing the JSON again); this form decodes in under 1 µs.
// A string equal to the one sent last in the same place (a span's trace id and name, the key and
// text value of its n-th attribute, …) goes as SAME, and the decoder hands out the string it has:
// far fewer strings to copy and to collect. Looking every string up in a Map instead cost the parse
// thread some 4 µs a span.
// It keeps exactly the fields of the span model (app/model/otlp.ts), in the JSON reader's order,
// numbers as numbers and strings as strings (intValue stays as written); resources and scopes go
// once per import, and spans sharing one share it again on the storing side.
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
import type { IncomingSpan } from '../storage/incoming-span';

/** One batch as it crosses the thread boundary. */
export interface EncodedSpanBatch {
  readonly spanCount: number;
  /** Tags, counts and numbers, span after span. */
  readonly words: Float64Array<ArrayBuffer>;
  /** Every string of the batch, in the order the decoder reads them (SAME: as last time there). */
  readonly strings: readonly (string | typeof SAME)[];
  /** Resources and scopes first used in this batch (numbered on from those of earlier ones). */
  readonly newResources: readonly OtlpResource[];
  readonly newScopes: readonly OtlpScope[];
}

// Which optional fields a span, an event, a link or a status has.
const SPAN_PARENT = 1;
const SPAN_TRACE_STATE = 2;
const SPAN_FLAGS = 4;
const SPAN_ATTRIBUTES = 8;
const SPAN_DROPPED_ATTRIBUTES = 16;
const SPAN_EVENTS = 32;
const SPAN_DROPPED_EVENTS = 64;
const SPAN_LINKS = 128;
const SPAN_DROPPED_LINKS = 256;
const SPAN_STATUS = 512;
const HAS_ATTRIBUTES = 1;
const HAS_DROPPED_ATTRIBUTES = 2;
const LINK_TRACE_STATE = 4;
const LINK_FLAGS = 8;
const STATUS_CODE = 1;
const STATUS_MESSAGE = 2;

/** AnyValue kinds; NO_VALUE is a key-value without a value, NO_LIST a list value without values. */
const enum Value {
  Empty,
  String,
  Bool,
  IntText,
  IntNumber,
  Double,
  Bytes,
  Array,
  KvList,
  NoValue,
}
const NO_LIST = -1;

/** In `strings`: the same string as the last one sent in this place. */
const SAME = 0;
// Places whose strings often repeat from span to span, each remembered apart.
const TRACE_ID_PLACE = 0;
const NAME_PLACE = 1;
const EVENT_NAME_PLACE = 2;
/** Attribute keys and text values by index (any list of attributes; past the last, they share). */
const PLACES_PER_KIND = 32;
const KEY_PLACES = 3;
const TEXT_PLACES = KEY_PLACES + PLACES_PER_KIND;
const PLACES = TEXT_PLACES + PLACES_PER_KIND;

/** Encodes the spans of one import batch by batch; one encoder per import (it numbers resources). */
export class SpanBatchEncoder {
  private readonly resourceIds = new Map<OtlpResource, number>();
  private readonly scopeIds = new Map<OtlpScope, number>();
  private words = new Float64Array(1 << 16);
  private length = 0;
  private strings: (string | typeof SAME)[] = [];
  /** The string last sent in each place. */
  private readonly lastSent: (string | undefined)[] = new Array(PLACES);
  private newResources: OtlpResource[] = [];
  private newScopes: OtlpScope[] = [];

  encode(spans: readonly IncomingSpan[]): EncodedSpanBatch {
    for (const { span, resource, scope } of spans) {
      this.word(this.resourceId(resource));
      this.word(this.scopeId(scope));
      this.span(span);
    }
    const batch: EncodedSpanBatch = {
      spanCount: spans.length,
      words: this.words.slice(0, this.length),
      strings: this.strings,
      newResources: this.newResources,
      newScopes: this.newScopes,
    };
    this.length = 0;
    this.strings = [];
    this.newResources = [];
    this.newScopes = [];
    return batch;
  }

  private resourceId(resource: OtlpResource): number {
    let id = this.resourceIds.get(resource);
    if (id === undefined) {
      id = this.resourceIds.size;
      this.resourceIds.set(resource, id);
      this.newResources.push(resource);
    }
    return id;
  }

  private scopeId(scope: OtlpScope): number {
    let id = this.scopeIds.get(scope);
    if (id === undefined) {
      id = this.scopeIds.size;
      this.scopeIds.set(scope, id);
      this.newScopes.push(scope);
    }
    return id;
  }

  private word(value: number): void {
    if (this.length === this.words.length) {
      const grown = new Float64Array(this.words.length * 2);
      grown.set(this.words);
      this.words = grown;
    }
    this.words[this.length++] = value;
  }

  private string(text: string): void {
    this.strings.push(text);
  }

  private repeatable(text: string, place: number): void {
    if (this.lastSent[place] === text) this.strings.push(SAME);
    else {
      this.lastSent[place] = text;
      this.strings.push(text);
    }
  }

  private span(span: OtlpSpan): void {
    const fields =
      (span.parentSpanId !== undefined ? SPAN_PARENT : 0) |
      (span.traceState !== undefined ? SPAN_TRACE_STATE : 0) |
      (span.flags !== undefined ? SPAN_FLAGS : 0) |
      (span.attributes !== undefined ? SPAN_ATTRIBUTES : 0) |
      (span.droppedAttributesCount !== undefined ? SPAN_DROPPED_ATTRIBUTES : 0) |
      (span.events !== undefined ? SPAN_EVENTS : 0) |
      (span.droppedEventsCount !== undefined ? SPAN_DROPPED_EVENTS : 0) |
      (span.links !== undefined ? SPAN_LINKS : 0) |
      (span.droppedLinksCount !== undefined ? SPAN_DROPPED_LINKS : 0) |
      (span.status !== undefined ? SPAN_STATUS : 0);
    this.word(fields);
    this.repeatable(span.traceId, TRACE_ID_PLACE);
    this.string(span.spanId);
    this.repeatable(span.name, NAME_PLACE);
    this.word(span.kind);
    this.string(span.startTimeUnixNano);
    this.string(span.endTimeUnixNano);
    if (span.parentSpanId !== undefined) this.string(span.parentSpanId);
    if (span.traceState !== undefined) this.string(span.traceState);
    if (span.flags !== undefined) this.word(span.flags);
    if (span.attributes !== undefined) this.attributes(span.attributes);
    if (span.droppedAttributesCount !== undefined) this.word(span.droppedAttributesCount);
    if (span.events !== undefined) {
      this.word(span.events.length);
      for (const event of span.events) this.event(event);
    }
    if (span.droppedEventsCount !== undefined) this.word(span.droppedEventsCount);
    if (span.links !== undefined) {
      this.word(span.links.length);
      for (const link of span.links) this.link(link);
    }
    if (span.droppedLinksCount !== undefined) this.word(span.droppedLinksCount);
    if (span.status !== undefined) this.status(span.status);
  }

  private event(event: OtlpEvent): void {
    this.word(
      (event.attributes !== undefined ? HAS_ATTRIBUTES : 0) |
        (event.droppedAttributesCount !== undefined ? HAS_DROPPED_ATTRIBUTES : 0),
    );
    this.string(event.timeUnixNano);
    this.repeatable(event.name, EVENT_NAME_PLACE);
    if (event.attributes !== undefined) this.attributes(event.attributes);
    if (event.droppedAttributesCount !== undefined) this.word(event.droppedAttributesCount);
  }

  private link(link: OtlpLink): void {
    this.word(
      (link.attributes !== undefined ? HAS_ATTRIBUTES : 0) |
        (link.droppedAttributesCount !== undefined ? HAS_DROPPED_ATTRIBUTES : 0) |
        (link.traceState !== undefined ? LINK_TRACE_STATE : 0) |
        (link.flags !== undefined ? LINK_FLAGS : 0),
    );
    this.string(link.traceId);
    this.string(link.spanId);
    if (link.traceState !== undefined) this.string(link.traceState);
    if (link.attributes !== undefined) this.attributes(link.attributes);
    if (link.droppedAttributesCount !== undefined) this.word(link.droppedAttributesCount);
    if (link.flags !== undefined) this.word(link.flags);
  }

  private status(status: OtlpStatus): void {
    this.word(
      (status.code !== undefined ? STATUS_CODE : 0) |
        (status.message !== undefined ? STATUS_MESSAGE : 0),
    );
    if (status.code !== undefined) this.word(status.code);
    if (status.message !== undefined) this.string(status.message);
  }

  private attributes(attributes: readonly OtlpKeyValue[]): void {
    this.word(attributes.length);
    for (let i = 0; i < attributes.length; i++) {
      const { key, value } = attributes[i]!;
      const place = Math.min(i, PLACES_PER_KIND - 1);
      this.repeatable(key, KEY_PLACES + place);
      if (value === undefined) this.word(Value.NoValue);
      else if (value.stringValue !== undefined) {
        this.word(Value.String);
        this.repeatable(value.stringValue, TEXT_PLACES + place);
      } else this.value(value);
    }
  }

  private value(value: OtlpAnyValue): void {
    if (value.stringValue !== undefined) {
      this.word(Value.String);
      this.string(value.stringValue);
    } else if (value.intValue !== undefined) {
      if (typeof value.intValue === 'number') {
        this.word(Value.IntNumber);
        this.word(value.intValue);
      } else {
        this.word(Value.IntText);
        this.string(value.intValue);
      }
    } else if (value.boolValue !== undefined) {
      this.word(Value.Bool);
      this.word(value.boolValue ? 1 : 0);
    } else if (value.doubleValue !== undefined) {
      this.word(Value.Double);
      this.word(value.doubleValue);
    } else if (value.bytesValue !== undefined) {
      this.word(Value.Bytes);
      this.string(value.bytesValue);
    } else if (value.arrayValue !== undefined) {
      this.word(Value.Array);
      const values = value.arrayValue.values;
      if (values === undefined) this.word(NO_LIST);
      else {
        this.word(values.length);
        for (const item of values) this.value(item);
      }
    } else if (value.kvlistValue !== undefined) {
      this.word(Value.KvList);
      const values = value.kvlistValue.values;
      if (values === undefined) this.word(NO_LIST);
      else this.attributes(values);
    } else this.word(Value.Empty);
  }
}

/** Decodes an encoder's batches, in the order they were encoded. */
export class SpanBatchDecoder {
  private readonly resources: OtlpResource[] = [];
  private readonly scopes: OtlpScope[] = [];
  private words = new Float64Array(0);
  private strings: readonly (string | typeof SAME)[] = [];
  private at = 0;
  private nextString = 0;
  /** The string last read in each place. */
  private readonly lastRead: string[] = new Array<string>(PLACES).fill('');

  decode(batch: EncodedSpanBatch): IncomingSpan[] {
    this.resources.push(...batch.newResources);
    this.scopes.push(...batch.newScopes);
    this.words = batch.words;
    this.strings = batch.strings;
    this.at = 0;
    this.nextString = 0;
    const spans: IncomingSpan[] = new Array(batch.spanCount);
    for (let i = 0; i < batch.spanCount; i++) {
      const resource = this.resources[this.word()]!;
      const scope = this.scopes[this.word()]!;
      spans[i] = { span: this.span(), resource, scope };
    }
    this.words = new Float64Array(0);
    this.strings = [];
    return spans;
  }

  private word(): number {
    return this.words[this.at++]!;
  }

  private string(): string {
    // Only repeatable places are sent as SAME.
    return this.strings[this.nextString++] as string;
  }

  private repeatable(place: number): string {
    const text = this.strings[this.nextString++]!;
    if (text === SAME) return this.lastRead[place]!;
    this.lastRead[place] = text;
    return text;
  }

  private span(): OtlpSpan {
    const fields = this.word();
    // Built key by key in the JSON reader's order; absent fields get no key at all.
    const span: Record<string, unknown> = {
      traceId: this.repeatable(TRACE_ID_PLACE),
      spanId: this.string(),
      name: this.repeatable(NAME_PLACE),
      kind: this.word(),
      startTimeUnixNano: this.string(),
      endTimeUnixNano: this.string(),
    };
    if (fields & SPAN_PARENT) span.parentSpanId = this.string();
    if (fields & SPAN_TRACE_STATE) span.traceState = this.string();
    if (fields & SPAN_FLAGS) span.flags = this.word();
    if (fields & SPAN_ATTRIBUTES) span.attributes = this.attributes();
    if (fields & SPAN_DROPPED_ATTRIBUTES) span.droppedAttributesCount = this.word();
    if (fields & SPAN_EVENTS) {
      const events: OtlpEvent[] = new Array(this.word());
      for (let i = 0; i < events.length; i++) events[i] = this.event();
      span.events = events;
    }
    if (fields & SPAN_DROPPED_EVENTS) span.droppedEventsCount = this.word();
    if (fields & SPAN_LINKS) {
      const links: OtlpLink[] = new Array(this.word());
      for (let i = 0; i < links.length; i++) links[i] = this.link();
      span.links = links;
    }
    if (fields & SPAN_DROPPED_LINKS) span.droppedLinksCount = this.word();
    if (fields & SPAN_STATUS) span.status = this.status();
    // Every field of OtlpSpan was set above from what the encoder wrote for it.
    return span as unknown as OtlpSpan;
  }

  private event(): OtlpEvent {
    const fields = this.word();
    const event: Record<string, unknown> = {
      timeUnixNano: this.string(),
      name: this.repeatable(EVENT_NAME_PLACE),
    };
    if (fields & HAS_ATTRIBUTES) event.attributes = this.attributes();
    if (fields & HAS_DROPPED_ATTRIBUTES) event.droppedAttributesCount = this.word();
    return event as unknown as OtlpEvent;
  }

  private link(): OtlpLink {
    const fields = this.word();
    const link: Record<string, unknown> = { traceId: this.string(), spanId: this.string() };
    if (fields & LINK_TRACE_STATE) link.traceState = this.string();
    if (fields & HAS_ATTRIBUTES) link.attributes = this.attributes();
    if (fields & HAS_DROPPED_ATTRIBUTES) link.droppedAttributesCount = this.word();
    if (fields & LINK_FLAGS) link.flags = this.word();
    return link as unknown as OtlpLink;
  }

  private status(): OtlpStatus {
    const fields = this.word();
    const status: { code?: number; message?: string } = {};
    if (fields & STATUS_CODE) status.code = this.word();
    if (fields & STATUS_MESSAGE) status.message = this.string();
    return status;
  }

  private attributes(): OtlpKeyValue[] {
    const attributes: OtlpKeyValue[] = new Array(this.word());
    for (let i = 0; i < attributes.length; i++) {
      const place = Math.min(i, PLACES_PER_KIND - 1);
      const key = this.repeatable(KEY_PLACES + place);
      const kind = this.words[this.at];
      if (kind === Value.NoValue) {
        this.at++;
        attributes[i] = { key };
      } else if (kind === Value.String) {
        this.at++;
        attributes[i] = { key, value: { stringValue: this.repeatable(TEXT_PLACES + place) } };
      } else attributes[i] = { key, value: this.value() };
    }
    return attributes;
  }

  private value(): OtlpAnyValue {
    switch (this.word() as Value) {
      case Value.String:
        return { stringValue: this.string() };
      case Value.IntText:
        return { intValue: this.string() };
      case Value.IntNumber:
        return { intValue: this.word() };
      case Value.Bool:
        return { boolValue: this.word() === 1 };
      case Value.Double:
        return { doubleValue: this.word() };
      case Value.Bytes:
        return { bytesValue: this.string() };
      case Value.Array: {
        const count = this.word();
        if (count === NO_LIST) return { arrayValue: {} };
        const values: OtlpAnyValue[] = new Array(count);
        for (let i = 0; i < count; i++) values[i] = this.value();
        return { arrayValue: { values } };
      }
      case Value.KvList: {
        if (this.words[this.at] === NO_LIST) {
          this.at++;
          return { kvlistValue: {} };
        }
        return { kvlistValue: { values: this.attributes() } };
      }
      default:
        return {};
    }
  }
}
