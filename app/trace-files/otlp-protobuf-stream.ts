// Reads OTLP protobuf trace files from a stream of byte chunks, split anywhere, never holding the
// file whole: one serialized ExportTraceServiceRequest (what SDK tests and tools like otel-cli
// dump, .pb / .binpb), or the OpenTelemetry Collector file exporter's `format: proto` output.
//
// The file exporter's framing, as read in opentelemetry-collector-contrib,
// exporter/fileexporter/file_writer.go (exportMessageAsBuffer, chosen by buildExportFunc for
// `format: proto`): every marshaled message is preceded by its length as an unsigned 32-bit
// big-endian integer (4 bytes), nothing else between messages; marshaller.go marshals traces with
// pdata's ptrace.ProtoMarshaler, i.e. each message is one ExportTraceServiceRequest. With
// `compression: zstd` each message is compressed before it is framed; those files are refused
// (see trace-file-sniff.ts).
//
// A request is walked field by field here; each `resource_spans` (field 1) is collected whole —
// one ResourceSpans is bounded, unlike the file — and decoded by the receivers' decoder
// (readOtlpProtobufRequest), as a request of that one ResourceSpans.
import { FieldError } from '../otlp/field-error';
import { OtlpWireError, readOtlpProtobufRequest } from '../otlp/otlp-protobuf-reader';
import {
  atByte,
  chunkBuffer,
  FileWarnings,
  SpanStreamBase,
  TraceFileReadError,
  type StreamedTraceFile,
  type TraceFileStreamReader,
} from './trace-file-stream-reader';

const enum State {
  /** The 4-byte big-endian length before a message (framed files only). */
  FrameLength,
  /** A field's tag (a varint), or the end of the request. */
  Tag,
  /** A length-delimited field's length (a varint). */
  Length,
  /** The bytes of a resource_spans field, collected. */
  ResourceSpans,
  /** An unknown varint field, skipped. */
  SkipVarint,
  /** The bytes of an unknown field, skipped. */
  SkipBytes,
}

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LENGTH_DELIMITED = 2;
const WIRE_START_GROUP = 3;
const WIRE_END_GROUP = 4;
const WIRE_FIXED32 = 5;
const REQUEST_RESOURCE_SPANS = 1;
/** BinaryReader reads lengths as uint32; no bounded ResourceSpans comes near. */
const MAX_FIELD_BYTES = 0x7fffffff;

export interface OtlpProtobufStreamOptions {
  /** Length-prefixed messages (the Collector's file exporter), not one request. */
  readonly framed: boolean;
}

export class OtlpProtobufStreamReader extends SpanStreamBase implements TraceFileStreamReader {
  private readonly warnings = new FileWarnings();
  private readonly framed: boolean;
  private state: State;
  // The varint being read (a tag or a length), from its first byte.
  private varintValue = 0;
  private varintBytes = 0;
  private varintStart = 0;
  // The field being read: its tag's offset, number and wire type.
  private fieldStart = 0;
  private fieldNumber = 0;
  /** Bytes of the field's value still to come (ResourceSpans, SkipBytes). */
  private fieldRemaining = 0;
  private fieldLength = 0;
  private valueStart = 0;
  private pieces: Buffer[] = [];
  /** ResourceSpans read in this request, for their paths. */
  private resourceIndex = 0;
  // Framed files: the message being read (1-based), where it starts, its length and what is left.
  private message = 0;
  private messageStart = 0;
  private messageLength = 0;
  private messageRemaining = 0;

  constructor({ framed }: OtlpProtobufStreamOptions) {
    super();
    this.framed = framed;
    this.state = framed ? State.FrameLength : State.Tag;
  }

  write(chunk: Uint8Array): void {
    const bytes = chunkBuffer(chunk);
    let at = 0;
    while (at < bytes.length) {
      const inMessage = this.framed && this.state !== State.FrameLength;
      if (inMessage && this.messageRemaining === 0) {
        this.endMessage();
        continue;
      }
      const limit = inMessage ? Math.min(bytes.length, at + this.messageRemaining) : bytes.length;
      const taken = this.step(bytes, at, limit);
      at += taken;
      this.offset += taken;
      if (inMessage) this.messageRemaining -= taken;
    }
    if (this.framed && this.state !== State.FrameLength && this.messageRemaining === 0)
      this.endMessage();
  }

  end(): StreamedTraceFile {
    if (this.framed) {
      if (this.state === State.FrameLength && this.varintBytes > 0)
        this.fail(
          this.offset,
          `the file ends inside the length before message ${this.message + 1} (truncated?)`,
        );
      if (this.state !== State.FrameLength)
        this.fail(
          this.offset,
          `the file ends inside message ${this.message}, which starts at ${atByte(this.messageStart)} and should hold ${this.messageLength.toLocaleString('en-US')} bytes (truncated?)`,
        );
    } else this.checkFieldBoundary('the file ends');
    return { format: 'otlp-protobuf', spans: this.takeSpans(), warnings: this.warnings.list() };
  }

  /** Reads from `bytes[at]` up to `limit` in the current state; how many bytes it took. */
  private step(bytes: Buffer, at: number, limit: number): number {
    switch (this.state) {
      case State.FrameLength: {
        if (this.varintBytes === 0) {
          this.varintStart = this.offset;
          this.varintValue = 0;
        }
        this.varintValue = this.varintValue * 256 + bytes[at]!;
        if (++this.varintBytes === 4) this.startMessage();
        return 1;
      }
      case State.Tag:
      case State.Length:
      case State.SkipVarint: {
        if (this.varintBytes === 0) {
          this.varintStart = this.offset;
          this.varintValue = 0;
        }
        const byte = bytes[at]!;
        this.varintValue += (byte & 0x7f) * 2 ** (7 * this.varintBytes);
        this.varintBytes++;
        const maxBytes = this.state === State.SkipVarint ? 10 : 5;
        if (byte >= 0x80) {
          if (this.varintBytes >= maxBytes)
            this.fail(
              this.varintStart,
              `${this.where()}: is not protobuf: a varint runs on past ${maxBytes} bytes`,
            );
          return 1;
        }
        this.varintBytes = 0;
        if (this.state === State.Tag) this.readTag();
        else if (this.state === State.Length) this.readLength();
        else this.state = State.Tag;
        return 1;
      }
      case State.ResourceSpans:
      case State.SkipBytes: {
        const taken = Math.min(limit - at, this.fieldRemaining);
        if (this.state === State.ResourceSpans) this.pieces.push(bytes.subarray(at, at + taken));
        this.fieldRemaining -= taken;
        if (this.fieldRemaining === 0) {
          if (this.state === State.ResourceSpans) this.readResourceSpans();
          this.state = State.Tag;
        }
        return taken;
      }
    }
  }

  private startMessage(): void {
    this.message++;
    this.messageStart = this.varintStart;
    this.messageLength = this.varintValue;
    this.messageRemaining = this.varintValue;
    this.varintValue = 0;
    this.varintBytes = 0;
    this.resourceIndex = 0;
    this.state = State.Tag;
  }

  /** The current message's bytes are all read: it must end at a field's end. */
  private endMessage(): void {
    this.checkFieldBoundary(`message ${this.message} ends`);
    this.state = State.FrameLength;
  }

  private checkFieldBoundary(what: string): void {
    if (this.state === State.Tag && this.varintBytes === 0) return;
    if (this.state === State.ResourceSpans)
      this.fail(
        this.offset,
        `${what} inside ${this.where()}, which starts at ${atByte(this.fieldStart)} and should hold ${this.fieldLength.toLocaleString('en-US')} bytes (truncated?)`,
      );
    this.fail(
      this.offset,
      `${what} inside a field that starts at ${atByte(this.fieldStart)} (truncated?)`,
    );
  }

  private readTag(): void {
    const tag = this.varintValue;
    this.fieldStart = this.varintStart;
    this.fieldNumber = Math.floor(tag / 8);
    const wireType = tag % 8;
    const request = this.framed ? `message ${this.message}` : 'the request';
    if (this.fieldNumber === 0)
      this.fail(this.fieldStart, `${request}: is not protobuf: a field has the number 0`);
    if (this.fieldNumber === REQUEST_RESOURCE_SPANS && wireType !== WIRE_LENGTH_DELIMITED)
      this.fail(
        this.fieldStart,
        `${request}: is not an OTLP ExportTraceServiceRequest: field 1 (resourceSpans) has wire type ${wireType}, not 2 (length-delimited)`,
      );
    switch (wireType) {
      case WIRE_VARINT:
        this.state = State.SkipVarint;
        return;
      case WIRE_FIXED64:
      case WIRE_FIXED32:
        this.fieldLength = wireType === WIRE_FIXED64 ? 8 : 4;
        this.startValue(State.SkipBytes);
        return;
      case WIRE_LENGTH_DELIMITED:
        this.state = State.Length;
        return;
      case WIRE_START_GROUP:
      case WIRE_END_GROUP:
        return this.fail(
          this.fieldStart,
          `${request}: field ${this.fieldNumber} is a group (wire type ${wireType}), which OTLP never writes`,
        );
      default:
        this.fail(
          this.fieldStart,
          `${request}: is not protobuf: field ${this.fieldNumber} has wire type ${wireType}, which protobuf does not have`,
        );
    }
  }

  private readLength(): void {
    const length = this.varintValue;
    if (length > MAX_FIELD_BYTES)
      this.fail(
        this.varintStart,
        `${this.where()}: a length of ${length} bytes is more than protobuf allows`,
      );
    if (this.framed && length > this.messageRemaining - 1)
      this.fail(
        this.fieldStart,
        `${this.where()} says it holds ${length.toLocaleString('en-US')} bytes, past the end of message ${this.message} (${this.messageLength.toLocaleString('en-US')} bytes from ${atByte(this.messageStart)})`,
      );
    this.fieldLength = length;
    if (this.fieldNumber === REQUEST_RESOURCE_SPANS) {
      this.pieces = [];
      this.startValue(State.ResourceSpans);
      if (length === 0) {
        this.resourceIndex++;
        this.state = State.Tag;
      }
    } else this.startValue(length === 0 ? State.Tag : State.SkipBytes);
  }

  private startValue(state: State): void {
    this.fieldRemaining = this.fieldLength;
    // The value starts after the byte being taken now (the tag's or the length's last).
    this.valueStart = this.offset + 1;
    this.state = state;
  }

  /** Where in the file the field being read is: `resourceSpans[3]`, `message 2, resourceSpans[0]`. */
  private where(): string {
    const field =
      this.fieldNumber === REQUEST_RESOURCE_SPANS
        ? `resourceSpans[${this.resourceIndex}]`
        : `field ${this.fieldNumber}`;
    return this.framed ? `message ${this.message}, ${field}` : field;
  }

  /** A whole ResourceSpans: decoded as a request of it alone, its spans handed out. */
  private readResourceSpans(): void {
    const header = lengthDelimitedHeader(REQUEST_RESOURCE_SPANS, this.fieldLength);
    const request = Buffer.allocUnsafe(header.length + this.fieldLength);
    request.set(header, 0);
    let at = header.length;
    for (const piece of this.pieces) {
      request.set(piece, at);
      at += piece.length;
    }
    this.pieces = [];
    const index = this.resourceIndex++;
    const place = (path: string) => path.replace(/^resourceSpans\[0\]/, `resourceSpans[${index}]`);
    const prefix = this.framed ? `message ${this.message}: ` : '';
    let result;
    try {
      result = readOtlpProtobufRequest(request, { tolerant: false });
    } catch (error) {
      if (error instanceof FieldError)
        this.fail(
          this.fieldStart,
          `${prefix}${place(error.path)}: ${error.detail} (in the ResourceSpans that starts there)`,
        );
      if (error instanceof OtlpWireError) {
        // The decoder counts bytes in what it was given; here they are the file's.
        const inFile = (position: number) =>
          Math.max(this.fieldStart, this.valueStart + position - header.length);
        let first: number | undefined;
        const detail = error.message
          .replace(/^the body is not a protobuf ExportTraceServiceRequest: /, '')
          .replace(/ runs past the end \(\d+ bytes\)/, ' runs past the end of the ResourceSpans')
          .replace(
            /\(at byte (\d+) of \d+\)|at byte (\d+)/g,
            (_, ofLength?: string, at?: string) => {
              const offset = inFile(Number(ofLength ?? at));
              first ??= offset;
              return ofLength === undefined ? `at ${atByte(offset)}` : `(at ${atByte(offset)})`;
            },
          );
        this.fail(
          first ?? this.fieldStart,
          `${prefix}resourceSpans[${index}] (from ${atByte(this.fieldStart)}) is not a valid OTLP ResourceSpans: ${detail}`,
        );
      }
      throw error;
    }
    for (const span of result.spans) this.spans.push(span);
    this.spansRead += result.spans.length;
    result.problems.forEach((problem, i) =>
      this.warnings.add(
        `${prefix}${place(problem)}`,
        i === result.problems.length - 1 ? result.problemCount - result.problems.length : 0,
      ),
    );
  }

  private fail(offset: number, problem: string): never {
    throw new TraceFileReadError(`${atByte(offset)}: ${problem}`);
  }
}

/** A length-delimited field's tag and length, as the request's own bytes would hold them. */
function lengthDelimitedHeader(field: number, length: number): Uint8Array {
  const bytes = [(field << 3) | WIRE_LENGTH_DELIMITED];
  let rest = length;
  while (rest >= 0x80) {
    bytes.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 128);
  }
  bytes.push(rest);
  return Uint8Array.from(bytes);
}
