import { useTraceFileImport } from './use-trace-file-import';

/** What the last open did, per file; errors are announced as alerts. */
export function TraceFileNotices() {
  const { notices, opening, dismissNotices } = useTraceFileImport();
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
