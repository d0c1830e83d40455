import { useCallback, useState } from 'react';
import type { SpanlightApi } from '../app/contract';
import { Toolbar } from './toolbar/Toolbar';
import { useMenuCommands } from './desktop/use-menu-commands';
import { SettingsNotices } from './mirror/SettingsNotices';
import { DataNotices } from './notices/DataNotices';
import { ReceiverProvider } from './receiver/receiver-context';
import { ReceiverNotices } from './receiver/ReceiverNotices';
import { SearchPane } from './search/SearchPane';
import { TraceFileDropZone } from './trace-files/TraceFileDropZone';
import { TraceFileNotices } from './trace-files/TraceFileNotices';
import { TraceFileImportProvider } from './trace-files/use-trace-file-import';
import { TraceView } from './trace-view/TraceView';

export function App({ api }: { api: SpanlightApi }) {
  const [selectedTraceId, setSelectedTraceId] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const reportError = useCallback((message: string | undefined) => setError(message), []);
  const menu = useMenuCommands(api, selectedTraceId);
  // A link in the span details opens its trace and selects the linked span there.
  const [focusSpan, setFocusSpan] = useState<{ spanId: string; serial: number }>();
  const openLinkedSpan = useCallback((traceId: string, spanId: string) => {
    setSelectedTraceId(traceId);
    setFocusSpan((previous) => ({ spanId, serial: (previous?.serial ?? 0) + 1 }));
  }, []);

  return (
    <TraceFileImportProvider api={api} onOpened={setSelectedTraceId}>
      <ReceiverProvider api={api}>
        <div className="app">
          <Toolbar api={api} onError={reportError} />
          <SettingsNotices api={api} />
          <DataNotices api={api} />
          <ReceiverNotices />
          <TraceFileNotices />
          <TraceFileDropZone />
          {menu.notice && (
            <div
              className={`notice notice-${menu.notice.kind}`}
              role={menu.notice.kind === 'error' ? 'alert' : 'status'}
            >
              {menu.notice.text}{' '}
              <button type="button" onClick={menu.dismiss}>
                Dismiss
              </button>
            </div>
          )}
          {error && (
            <div className="notice notice-error" role="alert">
              {error}
            </div>
          )}
          <main className="panes">
            <section className="pane pane-list" aria-label="Traces">
              <SearchPane
                api={api}
                selectedTraceId={selectedTraceId}
                onSelect={setSelectedTraceId}
              />
            </section>
            <section className="pane pane-detail" aria-label="Trace">
              <TraceView
                api={api}
                focusSpan={focusSpan}
                onOpenTrace={openLinkedSpan}
                selectedTraceId={selectedTraceId}
              />
            </section>
          </main>
        </div>
      </ReceiverProvider>
    </TraceFileImportProvider>
  );
}
