// Which streaming reader reads a file, as plain data: the import's fallbacks (trace-files.ts) pick
// one, and the thread that reads the file (this one, or a parse thread) makes it.
import { JaegerJsonStreamReader } from './jaeger-json-stream';
import { OtlpJsonStreamReader } from './otlp-json-stream';
import { OtlpProtobufStreamReader } from './otlp-protobuf-stream';
import type { TraceFileStreamReader } from './trace-file-stream-reader';

export type StreamReaderChoice =
  | { readonly format: 'otlp-json'; readonly bindEarly?: boolean }
  | { readonly format: 'jaeger-json' }
  | { readonly format: 'otlp-protobuf'; readonly framed: boolean };

export function createStreamReader(choice: StreamReaderChoice): TraceFileStreamReader {
  switch (choice.format) {
    case 'otlp-json':
      return new OtlpJsonStreamReader(
        choice.bindEarly === undefined ? {} : { bindEarly: choice.bindEarly },
      );
    case 'jaeger-json':
      return new JaegerJsonStreamReader();
    case 'otlp-protobuf':
      return new OtlpProtobufStreamReader({ framed: choice.framed });
  }
}
