import { useCallback, useEffect, useState } from 'react';
import type { SpanlightApi } from '../app/contract';
import { Toolbar, type ToolbarPanel } from './toolbar/Toolbar';
import { useMenuCommands } from './desktop/use-menu-commands';
import { LIMITS } from './layout/layout-store';
import { Splitter } from './layout/Splitter';
import { useLayout } from './layout/use-layout';
import { SettingsNotices } from './mirror/SettingsNotices';
import { DataNotices } from './notices/DataNotices';
import { ReceiverNotices } from './receiver/ReceiverNotices';
import type { TraceRoute } from './routing/trace-route';
import { useTraceRoute } from './routing/use-trace-route';
import { SearchPane } from './search/SearchPane';
import { TraceFileDropZone } from './trace-files/TraceFileDropZone';
import { TraceFileNotices } from './trace-files/TraceFileNotices';
import { TraceFileImportProvider } from './trace-files/use-trace-file-import';
import { TraceView } from './trace-view/TraceView';

function useWindowWidth(): number {
  const [width, setWidth] = useState(globalThis.innerWidth);
  useEffect(() => {
    const update = () => setWidth(globalThis.innerWidth);
    globalThis.addEventListener('resize', update);
    return () => globalThis.removeEventListener('resize', update);
  }, []);
  return width;
}

export function App({ api }: { api: SpanlightApi }) {
  // The open trace and span are the URL's (#/trace/<id>/span/<id>): links and Back/Forward work.
  const { state: routeState, navigate } = useTraceRoute();
  const selectedTraceId = routeState.route?.traceId;
  const [error, setError] = useState<string | undefined>();
  const reportError = useCallback((message: string | undefined) => setError(message), []);
  const menu = useMenuCommands(api, selectedTraceId);
  const [layout, setLayout] = useLayout();
  const [toolbarPanel, setToolbarPanel] = useState<ToolbarPanel>();
  const openReceiverSettings = useCallback(() => setToolbarPanel('receiver'), []);
  const windowWidth = useWindowWidth();

  // A span to select once its trace is shown: from a link, a pasted URL, Back or Forward.
  const [focusSpan, setFocusSpan] = useState<{ spanId: string; serial: number }>();
  const { externalChange } = routeState;
  const routeSpanId = routeState.route?.spanId;
  useEffect(() => {
    if (routeSpanId) setFocusSpan({ spanId: routeSpanId, serial: externalChange });
    // Only a change from outside is a request to show the span, not every selection.
  }, [externalChange]);

  const selectTrace = useCallback((traceId: string) => navigate({ traceId }), [navigate]);
  const openRoute = useCallback(
    (route: TraceRoute) => navigate(route, { external: true }),
    [navigate],
  );
  const openLinkedSpan = useCallback(
    (traceId: string, spanId: string) => navigate({ traceId, spanId }, { external: true }),
    [navigate],
  );
  const onSpanSelect = useCallback(
    (spanId: string | undefined) => {
      if (selectedTraceId)
        navigate(spanId ? { traceId: selectedTraceId, spanId } : { traceId: selectedTraceId });
    },
    [navigate, selectedTraceId],
  );

  const listMax = Math.max(LIMITS.listMin, windowWidth - LIMITS.tracePaneMin);
  const listWidth = Math.min(listMax, Math.max(LIMITS.listMin, layout.listWidth));

  return (
    <TraceFileImportProvider api={api} onOpened={selectTrace}>
      <div className="app">
        <Toolbar api={api} onError={reportError} panel={toolbarPanel} onPanel={setToolbarPanel} />
        <SettingsNotices />
        <DataNotices />
        <ReceiverNotices onOpenSettings={openReceiverSettings} />
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
        <main
          className="panes"
          style={{ gridTemplateColumns: `${listWidth}px auto minmax(0, 1fr)` }}
        >
          <section className="pane pane-list" id="trace-list-pane" aria-label="Traces">
            <SearchPane
              api={api}
              selectedTraceId={selectedTraceId}
              onSelect={selectTrace}
              onOpen={openRoute}
            />
          </section>
          <Splitter
            orientation="vertical"
            label="Resize the trace list"
            controls="trace-list-pane"
            value={listWidth}
            min={LIMITS.listMin}
            max={listMax}
            onChange={(width) => setLayout({ listWidth: width })}
          />
          <section className="pane pane-detail" aria-label="Trace">
            <TraceView
              api={api}
              focusSpan={focusSpan}
              onOpenTrace={openLinkedSpan}
              onSpanSelect={onSpanSelect}
              selectedTraceId={selectedTraceId}
            />
          </section>
        </main>
      </div>
    </TraceFileImportProvider>
  );
}
