import { useRef } from 'react';
import { TRACE_FILE_EXTENSIONS } from '../../app/model/trace-files';
import { useTraceFileImport } from './use-trace-file-import';

/** What the picker offers: the names trace files go by, and JSON and protobuf by media type. */
const ACCEPT = [
  ...TRACE_FILE_EXTENSIONS.map((extension) => `.${extension}`),
  'application/json',
  'application/x-protobuf',
].join(',');

/** "Open…": a file picker for OTLP JSON, OTLP JSON Lines, OTLP protobuf and Jaeger JSON files. */
export function OpenTraceFileButton() {
  const { importFiles, opening } = useTraceFileImport();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        aria-label="Open trace file"
        title="Open OTLP JSON, OTLP JSON Lines, OTLP protobuf or Jaeger JSON trace files (or drop them on the window)"
        disabled={opening !== undefined}
        onClick={() => input.current?.click()}
      >
        Open…
      </button>
      <input
        ref={input}
        type="file"
        accept={ACCEPT}
        multiple
        hidden
        aria-label="Trace files to open"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          // Cleared so that choosing the same file again fires another change.
          event.target.value = '';
          if (files.length > 0) void importFiles(files);
        }}
      />
    </>
  );
}
