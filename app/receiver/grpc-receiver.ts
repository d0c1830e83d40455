// OTLP/gRPC: the opentelemetry.proto.collector.trace.v1.TraceService/Export method on @grpc/grpc-js,
// plaintext. The service definition is written by hand: its request deserializer hands the raw
// message bytes to the one ingest path, which decodes them; grpc-js does the framing, gzip/deflate
// decompression and the message size limit (RESOURCE_EXHAUSTED past it).
import {
  Server,
  ServerCredentials,
  type sendUnaryData,
  type ServerUnaryCall,
  type ServiceDefinition,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';
import { exportResponseProtobuf, type ExportOutcome } from './export-response';
import { MAX_MESSAGE_BYTES } from './http-receiver';
import type { OtlpIngest } from './otlp-ingest';
import { asReceiverError, grpcCodeOf } from './receiver-errors';

export const EXPORT_METHOD_PATH = '/opentelemetry.proto.collector.trace.v1.TraceService/Export';

const passThrough = (bytes: Buffer): Buffer => bytes;

/** TraceService with one unary method, Export; messages stay bytes in both directions. */
const traceService: ServiceDefinition = {
  Export: {
    path: EXPORT_METHOD_PATH,
    requestStream: false,
    responseStream: false,
    requestSerialize: passThrough,
    requestDeserialize: passThrough,
    responseSerialize: (outcome: ExportOutcome) => Buffer.from(exportResponseProtobuf(outcome)),
    responseDeserialize: passThrough,
    originalName: 'export',
  },
};

export interface GrpcReceiverOptions {
  readonly host: string;
  readonly port: number;
  readonly ingest: OtlpIngest;
  readonly maxMessageBytes?: number;
}

export interface RunningGrpcReceiver {
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

/** grpc-js wants IPv6 literals in brackets. */
function bindAddress(host: string, port: number): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]:${port}` : `${host}:${port}`;
}

export async function startGrpcReceiver(
  options: GrpcReceiverOptions,
): Promise<RunningGrpcReceiver> {
  const maxBytes = options.maxMessageBytes ?? MAX_MESSAGE_BYTES;
  const server = new Server({
    'grpc.max_receive_message_length': maxBytes,
    'grpc.max_send_message_length': 4 * 1024 * 1024,
  });
  const implementation: UntypedServiceImplementation = {
    Export: (
      call: ServerUnaryCall<Buffer, ExportOutcome>,
      callback: sendUnaryData<ExportOutcome>,
    ) => {
      options.ingest.ingest('grpc', 'protobuf', call.request).then(
        (outcome) => callback(null, outcome),
        (error: unknown) => {
          const failure = asReceiverError(error);
          callback({ code: grpcCodeOf(failure), details: failure.message });
        },
      );
    },
  };
  server.addService(traceService, implementation);
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(
      bindAddress(options.host, options.port),
      ServerCredentials.createInsecure(),
      (error, boundPort) => (error ? reject(error) : resolve(boundPort)),
    );
  });
  return {
    host: options.host,
    port,
    close: () => closeServer(server),
  };
}

/** Lets calls in flight finish (the ingest path refuses new ones while closing), then forces. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.forceShutdown();
      resolve();
    }, 3_000);
    timer.unref();
    server.tryShutdown(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
