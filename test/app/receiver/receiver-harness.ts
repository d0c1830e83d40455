// One OTLP receiver (HTTP or gRPC) on a free loopback port over the real trace store (SQLite in
// memory), for tests; plus
// decoders of what the receivers answer.
import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';
import {
  credentials,
  makeGenericClientConstructor,
  type Client,
  type ServiceError,
} from '@grpc/grpc-js';
import { EXPORT_METHOD_PATH, startGrpcReceiver } from '../../../app/receiver/grpc-receiver';
import { startHttpReceiver } from '../../../app/receiver/http-receiver';
import { OtlpIngest } from '../../../app/receiver/otlp-ingest';
import type { TraceStore } from '../../../app/storage/trace-store';
import { memoryTraceStore } from '../../helpers/trace-store';

export interface Harness {
  readonly store: TraceStore;
  readonly ingest: OtlpIngest;
  readonly port: number;
  readonly corsOrigins: string[];
  close(): Promise<void>;
}

export async function startHarness(transport: 'http' | 'grpc'): Promise<Harness> {
  const store = memoryTraceStore();
  const ingest = new OtlpIngest({ sink: store });
  const corsOrigins: string[] = [];
  const receiver =
    transport === 'http'
      ? await startHttpReceiver({
          host: '127.0.0.1',
          port: 0,
          ingest,
          corsOrigins: () => corsOrigins,
        })
      : await startGrpcReceiver({ host: '127.0.0.1', port: 0, ingest });
  return {
    store,
    ingest,
    port: receiver.port,
    corsOrigins,
    close: async () => {
      await receiver.close();
      await store.close();
    },
  };
}

export function storedSpanCount(store: TraceStore): number {
  return store.listTraces().reduce((sum, summary) => sum + summary.spanCount, 0);
}

/** ExportTraceServiceResponse → its partial_success, or undefined for the empty (full success) one. */
export function decodeExportResponse(
  bytes: Uint8Array,
): { rejectedSpans: string; errorMessage: string } | undefined {
  const reader = new BinaryReader(bytes);
  let partial: { rejectedSpans: string; errorMessage: string } | undefined;
  while (reader.pos < reader.len) {
    const [field, wireType] = reader.tag();
    if (field !== 1) {
      reader.skip(wireType);
      continue;
    }
    const inner = new BinaryReader(reader.bytes());
    partial = { rejectedSpans: '0', errorMessage: '' };
    while (inner.pos < inner.len) {
      const [f, w] = inner.tag();
      if (f === 1 && w === WireType.Varint) partial.rejectedSpans = String(inner.int64());
      else if (f === 2) partial.errorMessage = inner.string();
      else inner.skip(w);
    }
  }
  return partial;
}

/** google.rpc.Status → code and message. */
export function decodeStatus(bytes: Uint8Array): { code: number; message: string } {
  const reader = new BinaryReader(bytes);
  const status = { code: 0, message: '' };
  while (reader.pos < reader.len) {
    const [field, wireType] = reader.tag();
    if (field === 1) status.code = reader.int32();
    else if (field === 2) status.message = reader.string();
    else reader.skip(wireType);
  }
  return status;
}

const passThrough = (bytes: Buffer) => bytes;

/** A gRPC client of TraceService/Export that sends and receives raw message bytes. */
export function rawTraceClient(
  port: number,
  options: Record<string, unknown> = {},
): Client & {
  Export: (
    request: Buffer,
    callback: (error: ServiceError | null, response?: Buffer) => void,
  ) => void;
} {
  const Constructor = makeGenericClientConstructor(
    {
      Export: {
        path: EXPORT_METHOD_PATH,
        requestStream: false,
        responseStream: false,
        requestSerialize: passThrough,
        requestDeserialize: passThrough,
        responseSerialize: passThrough,
        responseDeserialize: passThrough,
      },
    },
    'TraceService',
  );
  return new Constructor(`127.0.0.1:${port}`, credentials.createInsecure(), {
    'grpc.max_send_message_length': 256 * 1024 * 1024,
    ...options,
  }) as never;
}

export function exportOverGrpc(
  client: ReturnType<typeof rawTraceClient>,
  body: Uint8Array,
): Promise<{ error: ServiceError | null; response?: Buffer }> {
  return new Promise((resolve) =>
    client.Export(Buffer.from(body), (error, response) => resolve({ error, response })),
  );
}
