import { useRef } from 'react';
import { useTraceFileImport } from './use-trace-file-import';

/** "Open…": a file picker for OTLP JSON, OTLP JSON Lines and Jaeger JSON files. */
export function OpenTraceFileButton() {
  const { importFiles, opening } = useTraceFileImport();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        aria-label="Open trace file"
        title="Open OTLP JSON, OTLP JSON Lines or Jaeger JSON trace files (or drop them on the window)"
        disabled={opening !== undefined}
        onClick={() => input.current?.click()}
      >
        Open…
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,.jsonl,application/json"
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
