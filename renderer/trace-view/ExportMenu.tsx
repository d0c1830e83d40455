import { useEffect, useRef, useState } from 'react';
import type { SpanlightApi, TraceExportFormat } from '../../app/contract';

const FORMATS: readonly { format: TraceExportFormat; label: string }[] = [
  { format: 'otlp-json', label: 'OTLP JSON' },
  { format: 'jaeger-json', label: 'Jaeger JSON' },
];

/** Saves the text as a download (the desktop app asks where, like any download). */
function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has handed the blob to the download; it may be let go a moment later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "Export ▾": the trace as OTLP JSON or Jaeger JSON, in the web UI as in the desktop app. */
export function ExportMenu({
  api,
  traceId,
  onResult,
}: {
  api: SpanlightApi;
  traceId: string;
  /** What happened, for the trace's notice line (undefined clears it). */
  onResult: (message: { text: string; error: boolean } | undefined) => void;
}) {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent && event.key !== 'Escape') return;
      if (event instanceof PointerEvent && box.current?.contains(event.target as Node)) return;
      setOpen(false);
    };
    document.addEventListener('pointerdown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);
  const exportAs = async (format: TraceExportFormat, label: string) => {
    setOpen(false);
    try {
      const exported = await api.exportTrace({ traceId, format });
      download(exported.fileName, exported.text);
      onResult({ text: `Exported as ${label}: ${exported.fileName}`, error: false });
    } catch (error) {
      onResult({ text: `Could not export the trace: ${(error as Error).message}`, error: true });
    }
  };
  return (
    <div className="menu-box" ref={box}>
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        Export ▾
      </button>
      {open && (
        <div className="menu" role="menu" aria-label="Export trace as">
          {FORMATS.map(({ format, label }) => (
            <button
              key={format}
              type="button"
              role="menuitem"
              onClick={() => void exportAs(format, label)}
            >
              {label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
