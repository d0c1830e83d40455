// Opening trace files from the UI: the Open button and drag and drop both end here. Each file's
// text goes to the core (importTraceText); the results become notices and the first opened trace
// is selected. Files opened by the host (desktop File > Open) arrive as traceFilesOpened events.
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { SpanlightApi, TraceFileResult } from '../../app/contract';
import {
  MAX_UPLOAD_BYTES,
  noticeFor,
  tooLargeNotice,
  traceToSelect,
  type TraceFileNotice,
} from './trace-file-messages';

interface TraceFileImport {
  /** Imports the files one after another; resolves once all are done. */
  importFiles(files: readonly File[]): Promise<void>;
  /** The file being read or imported now, if any. */
  readonly opening: string | undefined;
  readonly notices: readonly TraceFileNotice[];
  dismissNotices(): void;
}

const TraceFileImportContext = createContext<TraceFileImport | undefined>(undefined);

export function useTraceFileImport(): TraceFileImport {
  const context = useContext(TraceFileImportContext);
  if (!context) throw new Error('useTraceFileImport needs a TraceFileImportProvider above it');
  return context;
}

export function TraceFileImportProvider({
  api,
  onOpened,
  children,
}: {
  api: SpanlightApi;
  /** Called with the trace to select after a successful open. */
  onOpened: (traceId: string) => void;
  children: ReactNode;
}) {
  const [opening, setOpening] = useState<string>();
  const [notices, setNotices] = useState<readonly TraceFileNotice[]>([]);

  const showResults = useCallback(
    (results: readonly TraceFileResult[], extra: readonly TraceFileNotice[] = []) => {
      setNotices([...extra, ...results.map(noticeFor)]);
      const traceId = traceToSelect(results);
      if (traceId) onOpened(traceId);
    },
    [onOpened],
  );

  const importFiles = useCallback(
    async (files: readonly File[]) => {
      const results: TraceFileResult[] = [];
      const refused: TraceFileNotice[] = [];
      for (const file of files) {
        if (file.size > MAX_UPLOAD_BYTES) {
          refused.push(tooLargeNotice(file.name, file.size));
          continue;
        }
        setOpening(file.name);
        try {
          const text = await file.text();
          results.push(await api.importTraceText({ fileName: file.name, text }));
        } catch (error) {
          results.push({ fileName: file.name, error: `${file.name}: ${(error as Error).message}` });
        }
      }
      setOpening(undefined);
      showResults(results, refused);
    },
    [api, showResults],
  );

  useEffect(
    () =>
      api.subscribe((event) => {
        if (event.name === 'traceFilesOpened') showResults(event.payload.files);
      }),
    [api, showResults],
  );

  const value = useMemo<TraceFileImport>(
    () => ({ importFiles, opening, notices, dismissNotices: () => setNotices([]) }),
    [importFiles, opening, notices],
  );
  return (
    <TraceFileImportContext.Provider value={value}>{children}</TraceFileImportContext.Provider>
  );
}
