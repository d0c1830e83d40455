import type { TraceImportProgress } from '../../app/contract';
import { importProgressText } from '../../app/model/trace-files';
import { useTraceFileImport } from './use-trace-file-import';

/** Files the host opened are named by their full path; the bar shows the file's own name. */
const baseName = (fileName: string) => fileName.replace(/^.*[\\/]/, '');

/** One import that takes a while: how far, how many spans, the time left, and Cancel. */
function ImportProgressBar({
  progress,
  onCancel,
}: {
  progress: TraceImportProgress;
  onCancel: (importId: string) => void;
}) {
  const name = baseName(progress.fileName);
  const percent =
    progress.totalBytes > 0 ? Math.floor((100 * progress.bytesRead) / progress.totalBytes) : 0;
  return (
    <div
      className="notice trace-file-notice trace-import"
      role="status"
      aria-label={`Importing ${name}`}
    >
      <div>
        Importing {name}: {importProgressText(progress)}
      </div>
      <div
        className="trace-import-bar"
        role="progressbar"
        aria-label={`Import of ${name}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <div className="trace-import-bar-done" style={{ width: `${percent}%` }} />
      </div>
      <button type="button" onClick={() => onCancel(progress.importId)}>
        Cancel
      </button>
    </div>
  );
}

/** What the last open did, per file; errors are announced as alerts. */
export function TraceFileNotices() {
  const { notices, opening, dismissNotices, imports, cancelImport } = useTraceFileImport();
  if (imports.length > 0)
    return (
      <div className="trace-file-notices">
        {imports.map((progress) => (
          <ImportProgressBar key={progress.importId} progress={progress} onCancel={cancelImport} />
        ))}
      </div>
    );
  if (opening !== undefined)
    return (
      <div className="notice trace-file-notice" role="status" aria-label="Trace files">
        Opening {opening}…
      </div>
    );
  if (notices.length === 0) return null;
  const failed = notices.filter((notice) => notice.kind === 'failed');
  const opened = notices.filter((notice) => notice.kind === 'opened');
  const warned = notices.filter((notice) => notice.kind === 'warning');
  return (
    <div className="trace-file-notices">
      {opened.length > 0 && (
        <div className="notice trace-file-notice notice-ok" role="status" aria-label="Trace files">
          {opened.map((notice) => (
            <div key={notice.text}>{notice.text}</div>
          ))}
        </div>
      )}
      {warned.length > 0 && (
        <div
          className="notice trace-file-notice notice-warning"
          role="status"
          aria-label="Trace file warnings"
        >
          {warned.map((notice) => (
            <div key={notice.text}>{notice.text}</div>
          ))}
        </div>
      )}
      {failed.length > 0 && (
        <div className="notice notice-error" role="alert" aria-label="Trace file errors">
          {failed.map((notice) => (
            <div key={notice.text}>{notice.text}</div>
          ))}
        </div>
      )}
      <button
        type="button"
        className="trace-file-notices-dismiss"
        aria-label="Dismiss trace file messages"
        onClick={dismissNotices}
      >
        Dismiss
      </button>
    </div>
  );
}
