// What the receivers answer: an ExportTraceServiceResponse (with partial_success when spans were
// rejected or cut), or a google.rpc.Status for a failed request; in protobuf or OTLP JSON.
//   ExportTraceServiceResponse { ExportTracePartialSuccess partial_success = 1; }
//   ExportTracePartialSuccess  { int64 rejected_spans = 1; string error_message = 2; }
//   google.rpc.Status          { int32 code = 1; string message = 2; repeated Any details = 3; }
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';

export interface ExportOutcome {
  readonly acceptedSpans: number;
  readonly rejectedSpans: number;
  /** Set when spans were rejected, or kept with a change (a value cut); names what and where. */
  readonly errorMessage?: string;
}

const EMPTY = new Uint8Array(0);

/** A full success is the empty message (no partial_success), as the spec asks. */
export function exportResponseProtobuf(outcome: ExportOutcome): Uint8Array {
  if (outcome.rejectedSpans === 0 && !outcome.errorMessage) return EMPTY;
  const writer = new BinaryWriter().tag(1, WireType.LengthDelimited).fork();
  if (outcome.rejectedSpans > 0) writer.tag(1, WireType.Varint).int64(outcome.rejectedSpans);
  if (outcome.errorMessage) writer.tag(2, WireType.LengthDelimited).string(outcome.errorMessage);
  return writer.join().finish();
}

export function exportResponseJson(outcome: ExportOutcome): string {
  if (outcome.rejectedSpans === 0 && !outcome.errorMessage) return '{}';
  return JSON.stringify({
    partialSuccess: {
      // int64 is a decimal string in proto3 JSON.
      ...(outcome.rejectedSpans > 0 && { rejectedSpans: String(outcome.rejectedSpans) }),
      ...(outcome.errorMessage && { errorMessage: outcome.errorMessage }),
    },
  });
}

export function statusProtobuf(code: number, message: string): Uint8Array {
  const writer = new BinaryWriter();
  if (code !== 0) writer.tag(1, WireType.Varint).int32(code);
  if (message) writer.tag(2, WireType.LengthDelimited).string(message);
  return writer.finish();
}

export function statusJson(code: number, message: string): string {
  return JSON.stringify({ code, message });
}
