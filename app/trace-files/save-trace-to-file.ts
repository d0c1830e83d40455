// Export Trace… in the desktop app: the host's save dialog picks the file, its name picks the
// format, and the trace is written with the same converters as exportTrace.
import writeFileAtomic from 'write-file-atomic';
import type { SaveTraceToFileResult } from '../contract';
import { InvalidRequestError } from '../contract-validation';
import type { TraceExportFormat } from '../model/trace-files';
import type { TraceStore } from '../storage/trace-store';
import { exportTrace } from './trace-files';

/** The host's save dialog: the chosen path, or undefined when the user cancelled. */
export type ChooseSavePath = (suggestedFileName: string) => Promise<string | undefined>;

/** Jaeger JSON for *.jaeger.json, OTLP JSON (what Spanlight and the Collector write) otherwise. */
export function exportFormatForPath(file: string): TraceExportFormat {
  return /\.jaeger\.json$/i.test(file) ? 'jaeger-json' : 'otlp-json';
}

export async function saveTraceToFile(
  store: TraceStore,
  traceId: string,
  chooseSavePath: ChooseSavePath | undefined,
): Promise<SaveTraceToFileResult> {
  if (!chooseSavePath) {
    throw new InvalidRequestError(
      'saving to a file needs the desktop app’s save dialog; here, use exportTrace and save its text',
    );
  }
  // Fails before the dialog opens when the trace is gone.
  const suggestion = exportTrace(store, traceId, 'otlp-json');
  const file = await chooseSavePath(suggestion.fileName);
  if (file === undefined) return { saved: false };
  const format = exportFormatForPath(file);
  const exported = format === 'otlp-json' ? suggestion : exportTrace(store, traceId, format);
  await writeFileAtomic(file, exported.text, { encoding: 'utf8' });
  return { saved: true, path: file, format, spanCount: store.getSummary(traceId)?.spanCount ?? 0 };
}
