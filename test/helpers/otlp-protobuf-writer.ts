// Encodes the span model's OTLP JSON shape as a protobuf ExportTraceServiceRequest with
// @bufbuild/protobuf's BinaryWriter, for tests and the ingest benchmark (senders of crafted requests:
// wrong id lengths, deep values, unknown fields). Field numbers as in opentelemetry-proto.
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import type { OtlpAnyValue, OtlpKeyValue, OtlpSpan, OtlpTraceRequest } from '../../app/model/otlp';

/** Ids as hex; a test may give an odd length on purpose. */
const idBytes = (hex: string): Uint8Array => Buffer.from(hex, 'hex');

function writeAnyValue(writer: BinaryWriter, value: OtlpAnyValue): void {
  if (value.stringValue !== undefined)
    writer.tag(1, WireType.LengthDelimited).string(value.stringValue);
  else if (value.boolValue !== undefined) writer.tag(2, WireType.Varint).bool(value.boolValue);
  else if (value.intValue !== undefined) writer.tag(3, WireType.Varint).int64(value.intValue);
  else if (value.doubleValue !== undefined) writer.tag(4, WireType.Bit64).double(value.doubleValue);
  else if (value.arrayValue !== undefined) {
    writer.tag(5, WireType.LengthDelimited).fork();
    for (const item of value.arrayValue.values ?? []) {
      writer.tag(1, WireType.LengthDelimited).fork();
      writeAnyValue(writer, item);
      writer.join();
    }
    writer.join();
  } else if (value.kvlistValue !== undefined) {
    writer.tag(6, WireType.LengthDelimited).fork();
    for (const item of value.kvlistValue.values ?? []) writeKeyValue(writer, 1, item);
    writer.join();
  } else if (value.bytesValue !== undefined)
    writer.tag(7, WireType.LengthDelimited).bytes(Buffer.from(value.bytesValue, 'base64'));
}

function writeKeyValue(writer: BinaryWriter, field: number, kv: OtlpKeyValue): void {
  writer.tag(field, WireType.LengthDelimited).fork();
  writer.tag(1, WireType.LengthDelimited).string(kv.key);
  if (kv.value) {
    writer.tag(2, WireType.LengthDelimited).fork();
    writeAnyValue(writer, kv.value);
    writer.join();
  }
  writer.join();
}

export function writeSpan(writer: BinaryWriter, span: OtlpSpan): void {
  writer.tag(1, WireType.LengthDelimited).bytes(idBytes(span.traceId));
  writer.tag(2, WireType.LengthDelimited).bytes(idBytes(span.spanId));
  if (span.traceState) writer.tag(3, WireType.LengthDelimited).string(span.traceState);
  if (span.parentSpanId) writer.tag(4, WireType.LengthDelimited).bytes(idBytes(span.parentSpanId));
  writer.tag(5, WireType.LengthDelimited).string(span.name);
  if (span.kind) writer.tag(6, WireType.Varint).int32(span.kind);
  writer.tag(7, WireType.Bit64).fixed64(span.startTimeUnixNano);
  writer.tag(8, WireType.Bit64).fixed64(span.endTimeUnixNano);
  for (const kv of span.attributes ?? []) writeKeyValue(writer, 9, kv);
  if (span.droppedAttributesCount)
    writer.tag(10, WireType.Varint).uint32(span.droppedAttributesCount);
  for (const event of span.events ?? []) {
    writer.tag(11, WireType.LengthDelimited).fork();
    writer.tag(1, WireType.Bit64).fixed64(event.timeUnixNano);
    writer.tag(2, WireType.LengthDelimited).string(event.name);
    for (const kv of event.attributes ?? []) writeKeyValue(writer, 3, kv);
    if (event.droppedAttributesCount)
      writer.tag(4, WireType.Varint).uint32(event.droppedAttributesCount);
    writer.join();
  }
  if (span.droppedEventsCount) writer.tag(12, WireType.Varint).uint32(span.droppedEventsCount);
  for (const link of span.links ?? []) {
    writer.tag(13, WireType.LengthDelimited).fork();
    writer.tag(1, WireType.LengthDelimited).bytes(idBytes(link.traceId));
    writer.tag(2, WireType.LengthDelimited).bytes(idBytes(link.spanId));
    if (link.traceState) writer.tag(3, WireType.LengthDelimited).string(link.traceState);
    for (const kv of link.attributes ?? []) writeKeyValue(writer, 4, kv);
    if (link.droppedAttributesCount)
      writer.tag(5, WireType.Varint).uint32(link.droppedAttributesCount);
    if (link.flags !== undefined) writer.tag(6, WireType.Bit32).fixed32(link.flags);
    writer.join();
  }
  if (span.droppedLinksCount) writer.tag(14, WireType.Varint).uint32(span.droppedLinksCount);
  if (span.status) {
    writer.tag(15, WireType.LengthDelimited).fork();
    if (span.status.message) writer.tag(2, WireType.LengthDelimited).string(span.status.message);
    if (span.status.code) writer.tag(3, WireType.Varint).int32(span.status.code);
    writer.join();
  }
  if (span.flags !== undefined) writer.tag(16, WireType.Bit32).fixed32(span.flags);
}

export function encodeTraceRequest(request: OtlpTraceRequest): Uint8Array {
  const writer = new BinaryWriter();
  for (const resourceSpans of request.resourceSpans ?? []) {
    writer.tag(1, WireType.LengthDelimited).fork();
    const resource = resourceSpans.resource;
    if (resource) {
      writer.tag(1, WireType.LengthDelimited).fork();
      for (const kv of resource.attributes) writeKeyValue(writer, 1, kv);
      if (resource.droppedAttributesCount)
        writer.tag(2, WireType.Varint).uint32(resource.droppedAttributesCount);
      writer.join();
    }
    for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
      writer.tag(2, WireType.LengthDelimited).fork();
      const scope = scopeSpans.scope;
      if (scope) {
        writer.tag(1, WireType.LengthDelimited).fork();
        writer.tag(1, WireType.LengthDelimited).string(scope.name);
        if (scope.version) writer.tag(2, WireType.LengthDelimited).string(scope.version);
        for (const kv of scope.attributes ?? []) writeKeyValue(writer, 3, kv);
        if (scope.droppedAttributesCount)
          writer.tag(4, WireType.Varint).uint32(scope.droppedAttributesCount);
        writer.join();
      }
      for (const span of scopeSpans.spans ?? []) {
        writer.tag(2, WireType.LengthDelimited).fork();
        writeSpan(writer, span);
        writer.join();
      }
      if (scopeSpans.schemaUrl)
        writer.tag(3, WireType.LengthDelimited).string(scopeSpans.schemaUrl);
      writer.join();
    }
    if (resourceSpans.schemaUrl)
      writer.tag(3, WireType.LengthDelimited).string(resourceSpans.schemaUrl);
    writer.join();
  }
  return writer.finish();
}

/**
 * The bytes of an AnyValue of `levels` nested arrays around a string, written front to back in one
 * buffer (lengths computed inside out first), so 100,000 levels take linear time and no recursion.
 */
export function deeplyNestedArrayValue(levels: number): Uint8Array {
  const varintLength = (n: number) => (n < 0x80 ? 1 : n < 0x4000 ? 2 : n < 0x200000 ? 3 : 4);
  const innermost = new BinaryWriter().tag(1, WireType.LengthDelimited).string('bottom').finish();
  // anyValueSize[k]: an AnyValue holding k arrays; arraySize[k]: the ArrayValue inside it.
  const anyValueSize = [innermost.length];
  const arraySize = [0];
  for (let k = 1; k < levels; k++) {
    arraySize[k] = 1 + varintLength(anyValueSize[k - 1]!) + anyValueSize[k - 1]!;
    anyValueSize[k] = 1 + varintLength(arraySize[k]!) + arraySize[k]!;
  }
  const out = new Uint8Array(anyValueSize[levels - 1]!);
  let pos = 0;
  const varint = (n: number) => {
    while (n >= 0x80) {
      out[pos++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    out[pos++] = n;
  };
  for (let k = levels - 1; k >= 1; k--) {
    out[pos++] = (5 << 3) | WireType.LengthDelimited; // AnyValue.array_value
    varint(arraySize[k]!);
    out[pos++] = (1 << 3) | WireType.LengthDelimited; // ArrayValue.values
    varint(anyValueSize[k - 1]!);
  }
  out.set(innermost, pos);
  return out;
}
