// Opening trace files from the UI: the Open button and drag and drop both end here. Each file goes
// to the core (send-trace-file.ts: uploaded, by its path, or as its text); the results become
// notices and the first opened trace is selected. Files opened by the host (desktop File > Open) arrive as traceFilesOpened events.
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { SpanlightApi, TraceFileResult, TraceImportProgress } from '../../app/contract';
import { sendTraceFile } from './send-trace-file';
import {
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
  /** Imports that have run for half a second and are not done, oldest first. */
  readonly imports: readonly TraceImportProgress[];
  cancelImport(importId: string): void;
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
  const [imports, setImports] = useState<ReadonlyMap<string, TraceImportProgress>>(new Map());

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
        setOpening(file.name);
        try {
          const result = await sendTraceFile(api, file);
          if (result === 'too-large') refused.push(tooLargeNotice(file.name, file.size));
          else results.push(result);
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
        if (event.name === 'traceImportProgress') {
          const progress = event.payload;
          setImports((current) => {
            const next = new Map(current);
            if (progress.done) next.delete(progress.importId);
            else next.set(progress.importId, progress);
            return next;
          });
        }
      }),
    [api, showResults],
  );

  const cancelImport = useCallback(
    (importId: string) => {
      api.cancelTraceImport({ importId }).catch((error: unknown) => {
        console.warn(`Spanlight: could not cancel the import: ${(error as Error).message}`);
      });
    },
    [api],
  );
  const value = useMemo<TraceFileImport>(
    () => ({
      importFiles,
      opening,
      notices,
      dismissNotices: () => setNotices([]),
      imports: [...imports.values()],
      cancelImport,
    }),
    [importFiles, opening, notices, imports, cancelImport],
  );
  return (
    <TraceFileImportContext.Provider value={value}>{children}</TraceFileImportContext.Provider>
  );
}
