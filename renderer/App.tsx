import { useCallback, useEffect, useMemo, useState } from 'react';
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
import { KeepCopyButton, RemoteTraceGate } from './sources/RemoteTrace';
import { LOCAL_SOURCE, sourceScopedApi } from './sources/source-scoped-api';
import { sourceNameOf } from './sources/source-text';
import { useClientState } from './store/use-client-store';
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
  // A remote source's trace is read from there (#/source/<id>/trace/…); undefined: the local store.
  const routeSource = routeState.route?.source;
  // Where the list comes from: the local store unless a source is chosen (or a link names one).
  const [listSource, setListSource] = useState<string>(routeSource ?? LOCAL_SOURCE);
  const sources = useClientState((state) => state.sources.value?.sources);
  useEffect(() => {
    // A removed source: back to the local store.
    if (sources && listSource !== LOCAL_SOURCE && !sources.some(({ id }) => id === listSource))
      setListSource(LOCAL_SOURCE);
  }, [sources, listSource]);
  const remoteList = listSource === LOCAL_SOURCE ? undefined : listSource;
  const viewerApi = useMemo(() => sourceScopedApi(api, routeSource), [api, routeSource]);
  const [error, setError] = useState<string | undefined>();
  const reportError = useCallback((message: string | undefined) => setError(message), []);
  // File > Export saves the open trace, from whichever source it is read.
  const menu = useMenuCommands(viewerApi, selectedTraceId);
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

  const selectTrace = useCallback(
    (traceId: string) => navigate({ traceId, ...(remoteList && { source: remoteList }) }),
    [navigate, remoteList],
  );
  const openFile = useCallback((traceId: string) => navigate({ traceId }), [navigate]);
  const openRoute = useCallback(
    (route: TraceRoute) => navigate(route, { external: true }),
    [navigate],
  );
  // A link's target is looked for in the source of the trace that has the link.
  const openLinkedSpan = useCallback(
    (traceId: string, spanId: string) =>
      navigate(
        { traceId, spanId, ...(routeSource && { source: routeSource }) },
        { external: true },
      ),
    [navigate, routeSource],
  );
  const onSpanSelect = useCallback(
    (spanId: string | undefined) => {
      if (!selectedTraceId) return;
      const trace = { traceId: selectedTraceId, ...(routeSource && { source: routeSource }) };
      navigate(spanId ? { ...trace, spanId } : trace);
    },
    [navigate, selectedTraceId, routeSource],
  );
  const openCopy = useCallback(
    () => selectedTraceId && navigate({ traceId: selectedTraceId }, { external: true }),
    [navigate, selectedTraceId],
  );

  const listMax = Math.max(LIMITS.listMin, windowWidth - LIMITS.tracePaneMin);
  const listWidth = Math.min(listMax, Math.max(LIMITS.listMin, layout.listWidth));

  // The same viewer for a local or a remote trace: viewerApi reads from the route's source.
  const traceView = (
    <TraceView
      api={viewerApi}
      focusSpan={focusSpan}
      onOpenTrace={openLinkedSpan}
      onSpanSelect={onSpanSelect}
      selectedTraceId={selectedTraceId}
    />
  );
  return (
    <TraceFileImportProvider api={api} onOpened={openFile}>
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
              source={listSource}
              onSourceChange={setListSource}
              selectedTraceId={routeSource === remoteList ? selectedTraceId : undefined}
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
            {routeSource && selectedTraceId ? (
              <RemoteTraceGate
                api={api}
                sourceId={routeSource}
                sourceName={sourceNameOf(sources, routeSource)}
                traceId={selectedTraceId}
                actions={
                  <KeepCopyButton
                    api={api}
                    sourceId={routeSource}
                    traceId={selectedTraceId}
                    onOpenCopy={openCopy}
                  />
                }
              >
                {traceView}
              </RemoteTraceGate>
            ) : (
              traceView
            )}
          </section>
        </main>
      </div>
    </TraceFileImportProvider>
  );
}
