// Every way an OTLP request can fail, and what each transport answers for it: the one place where
// errors become gRPC status codes and HTTP statuses (like the Collector's otlpreceiver
// internal/errors). OTLP/HTTP clients retry 429, 502, 503 and 504; gRPC clients UNAVAILABLE.
import { status as GrpcStatus } from '@grpc/grpc-js';

export type ReceiverErrorKind =
  /** The body does not decode (not protobuf, not JSON, bad gzip): the client must not retry. */
  | 'malformed'
  /** Over the size limit (after decompression). */
  | 'too-large'
  | 'unsupported-media-type'
  | 'not-found'
  | 'method-not-allowed'
  /** A browser page whose origin is not in the CORS setting. */
  | 'forbidden-origin'
  /** Shutting down, or the store could not take the spans now: the client may retry. */
  | 'unavailable';

export class ReceiverError extends Error {
  override name = 'ReceiverError';
  constructor(
    readonly kind: ReceiverErrorKind,
    message: string,
  ) {
    super(message);
  }
}

const grpcCodes: Record<ReceiverErrorKind, GrpcStatus> = {
  malformed: GrpcStatus.INVALID_ARGUMENT,
  'too-large': GrpcStatus.RESOURCE_EXHAUSTED,
  'unsupported-media-type': GrpcStatus.INVALID_ARGUMENT,
  'not-found': GrpcStatus.UNIMPLEMENTED,
  'method-not-allowed': GrpcStatus.UNIMPLEMENTED,
  'forbidden-origin': GrpcStatus.PERMISSION_DENIED,
  unavailable: GrpcStatus.UNAVAILABLE,
};

const httpStatuses: Record<ReceiverErrorKind, number> = {
  malformed: 400,
  'too-large': 413,
  'unsupported-media-type': 415,
  'not-found': 404,
  'method-not-allowed': 405,
  'forbidden-origin': 403,
  unavailable: 503,
};

/** Any error as a ReceiverError; an unexpected one is a fault of ours, reported as unavailable. */
export function asReceiverError(error: unknown): ReceiverError {
  if (error instanceof ReceiverError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ReceiverError('unavailable', `Spanlight could not take the spans: ${message}`);
}

export function grpcCodeOf(error: ReceiverError): GrpcStatus {
  return grpcCodes[error.kind];
}

export function httpStatusOf(error: ReceiverError): number {
  return httpStatuses[error.kind];
}
