import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import type { OtlpLink, SpanlightApi } from '../../app/contract';
import {
  analysisRows,
  forNewRows,
  initialAnalysisState,
  keptRows,
  revealInAnalysis,
  subtreeExtent,
  type AnalysisState,
  type RowFilter,
} from '../analysis/analysis-view';
import { Backlinks } from '../analysis/Backlinks';
import { ExplainPanel } from '../analysis/ExplainPanel';
import { FlameGraph } from '../analysis/FlameGraph';
import { FocusBar } from '../analysis/FocusBar';
import { StatisticsTable } from '../analysis/StatisticsTable';
import { useBacklinks, useExplanation, useLinkFlags } from '../analysis/use-analysis-data';
import { ViewTabs, type MainView } from '../analysis/ViewTabs';
import { copyText } from '../lib/copy-text';
import { formatDuration } from '../lib/format';
import { useClientHeight, useClientWidth } from '../lib/use-client-height';
import { LIMITS } from '../layout/layout-store';
import { Splitter } from '../layout/Splitter';
import { useLayout } from '../layout/use-layout';
import { linkTo, type TraceRoute } from '../routing/trace-route';
import { criticalPath, criticalShares, type CriticalSegment } from './critical-path';
import { CriticalPathList } from './CriticalPathList';
import { EventList } from './EventList';
import { ExportMenu } from './ExportMenu';
import { rowsOfSpans, stepMatch } from './find-in-trace';
import { Minimap } from './Minimap';
import { SpanDetails } from './SpanDetails';
import { TimeRuler } from './TimeRuler';
import { traceEvents, type TraceEvent } from './trace-events';
import { buildTraceModel, type TraceModel, type ViewSpan } from './trace-model';
import { TraceToolbar } from './TraceToolbar';
import { useFindSpans, useSpanDetail, useTraceOutline } from './use-trace-outline';
import {
  carriedCollapseState,
  collapseAll,
  collapseBelowDepth,
  expandedState,
  indexOfVisibleRow,
  revealRow,
  visibleRows,
  withCollapsed,
  type CollapseState,
} from './visible-rows';
import {
  createViewedBoundsFunc,
  FULL_WINDOW,
  windowBetween,
  type ViewWindow,
} from './viewed-bounds';
import { Waterfall } from './Waterfall';

/** The least height of the waterfall's area when the details sit below it. */
const TIMELINE_MIN_HEIGHT = 160;

interface TraceViewProps {
  readonly api: SpanlightApi;
  readonly selectedTraceId: string | undefined;
  /** A span to select once its trace is shown (from a link); the serial makes repeats count. */
  readonly focusSpan?: { readonly spanId: string; readonly serial: number } | undefined;
  /** Opens another trace (a link's target) and selects a span in it. */
  readonly onOpenTrace?: (traceId: string, spanId: string) => void;
  /** The selected span changed (for the URL: see routing/use-trace-route.ts). */
  readonly onSpanSelect?: (spanId: string | undefined) => void;
  /** Extra controls for the trace header (e.g. opening trace files). */
  readonly actions?: ReactNode;
}

const eventsCache = new WeakMap<TraceModel, TraceEvent[]>();
function eventsOf(model: TraceModel): TraceEvent[] {
  let events = eventsCache.get(model);
  if (!events) eventsCache.set(model, (events = traceEvents(model)));
  return events;
}

export function TraceView(props: TraceViewProps) {
  const { api, selectedTraceId, actions } = props;
  const { outline, loading, error } = useTraceOutline(api, selectedTraceId);
  const model = useMemo(() => {
    if (!outline) return undefined;
    const built = buildTraceModel(outline);
    performance.mark('spanlight:model-built');
    return built;
  }, [outline]);
  let body: ReactNode;
  if (!selectedTraceId) body = <p className="empty">Select a trace to see its spans and events.</p>;
  else if (error) body = <p className="notice notice-error">{error}</p>;
  else if (!model) body = <p className="empty">{loading ? 'Loading trace…' : ''}</p>;
  else body = <LoadedTrace key={model.traceId} {...props} model={model} />;
  return (
    <div className="trace-view">
      {(!model || !selectedTraceId) && actions && (
        <div className="trace-header">
          <span />
          <div className="trace-actions">{actions}</div>
        </div>
      )}
      {body}
    </div>
  );
}

type Tab = 'details' | 'events' | 'statistics' | 'critical';

async function copyLink(route: TraceRoute): Promise<string> {
  const link = linkTo(route, globalThis.location.href);
  await copyText(link);
  return link;
}

function LoadedTrace({
  api,
  model,
  focusSpan,
  onOpenTrace,
  onSpanSelect,
  actions,
}: TraceViewProps & { model: TraceModel }) {
  const { spans } = model;
  const [layout, setLayout] = useLayout();
  const [collapsedEntry, setCollapsedEntry] = useState(() => ({
    spans,
    state: expandedState(spans.length),
  }));
  // The same trace may grow while shown (more spans arrive): its folds stay on the same spans.
  const carry = useCallback(
    (entry: { spans: readonly ViewSpan[]; state: CollapseState }) =>
      entry.spans === spans ? entry.state : carriedCollapseState(entry.spans, entry.state, model),
    [spans, model],
  );
  const collapsed = useMemo(() => carry(collapsedEntry), [carry, collapsedEntry]);
  const setCollapsed = useCallback(
    (update: (state: CollapseState) => CollapseState) =>
      setCollapsedEntry((entry) => ({ spans, state: update(carry(entry)) })),
    [spans, carry],
  );
  // Focus, critical path only, filter and folds (renderer/analysis/): rows of this model only.
  const [analysisEntry, setAnalysisEntry] = useState(() => ({
    model,
    state: initialAnalysisState,
  }));
  const analysis = useMemo(
    () => (analysisEntry.model === model ? analysisEntry.state : forNewRows(analysisEntry.state)),
    [analysisEntry, model],
  );
  const setAnalysis = useCallback(
    (update: (state: AnalysisState) => AnalysisState) =>
      setAnalysisEntry((entry) => ({
        model,
        state: update(entry.model === model ? entry.state : forNewRows(entry.state)),
      })),
    [model],
  );
  const [mainView, setMainView] = useState<MainView>('waterfall');
  const [viewWindow, setViewWindow] = useState<ViewWindow>(FULL_WINDOW);
  const [selectedSpanId, setSelectedSpanId] = useState<string>();
  const [query, setQuery] = useState('');
  const found = useFindSpans(api, model.traceId, query, model);
  const [showCritical, setShowCritical] = useState(false);
  const [tab, setTab] = useState<Tab>('details');
  const [scrollRequest, setScrollRequest] = useState<{ index: number; serial: number }>();
  const [linkError, setLinkError] = useState<string>();
  const [notice, setNotice] = useState<{ text: string; error: boolean }>();
  const waterfall = useRef<HTMLDivElement>(null);
  const findInput = useRef<HTMLInputElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const bodyHeight = useClientHeight(body, 600);
  const bodyWidth = useClientWidth(body, 800);

  const visible = useMemo(() => visibleRows(spans, collapsed), [spans, collapsed]);
  const view = useMemo(() => analysisRows(model, visible, analysis), [model, visible, analysis]);
  const rows = view.rows;
  const flameScope = useMemo(
    () => ({ from: view.from, to: view.to, depthOffset: view.depthOffset, shown: view.shown }),
    [view.from, view.to, view.depthOffset, view.shown],
  );
  const linkFlags = useLinkFlags(api, model);
  const viewedBounds = useMemo(
    () => createViewedBoundsFunc(model.durationUs, viewWindow),
    [model.durationUs, viewWindow],
  );
  const matches = useMemo(
    () => keptRows(model, analysis, rowsOfSpans(model, found)),
    [model, analysis, found],
  );
  const matchFlags = useMemo(() => {
    if (matches.length === 0) return undefined;
    const flags = new Uint8Array(spans.length);
    for (const row of matches) flags[row] = 1;
    return flags;
  }, [matches, spans.length]);
  // The critical path of the view's root: the focused span, or the trace's root.
  const pathRoot = Math.max(0, analysis.focusRow);
  const path = useMemo(
    () => (showCritical && spans.length > 0 ? criticalPath(spans, pathRoot) : undefined),
    [showCritical, spans, pathRoot],
  );
  const critical = useMemo(() => {
    if (!path) return undefined;
    const byRow = new Map<number, CriticalSegment[]>();
    for (const segment of path) {
      const list = byRow.get(segment.row);
      if (list) list.push(segment);
      else byRow.set(segment.row, [segment]);
    }
    return byRow;
  }, [path]);
  const shares = useMemo(() => {
    const root = spans[pathRoot];
    return path && root ? criticalShares(path, root.endUs - root.startUs) : [];
  }, [path, spans, pathRoot]);

  const selectedRow = selectedSpanId ? (model.rowBySpanId.get(selectedSpanId) ?? -1) : -1;
  const selectedSpan = selectedRow >= 0 ? spans[selectedRow] : undefined;
  const spanDetail = useSpanDetail(api, model.traceId, selectedSpan?.spanId);
  const backlinks = useBacklinks(api, model.traceId, selectedSpan?.spanId);
  const explanation = useExplanation(api, model.traceId, selectedSpan?.spanId);
  useEffect(() => onSpanSelect?.(selectedSpanId), [onSpanSelect, selectedSpanId]);

  const serial = useRef(0);
  /** Selects a span, expanding its ancestors, and scrolls the waterfall to it. */
  const goTo = useCallback(
    (row: number) => {
      const span = spans[row];
      if (!span) return;
      setSelectedSpanId(span.spanId);
      const revealed = revealRow(spans, collapsed, row);
      if (revealed !== collapsed) setCollapsedEntry({ spans, state: revealed });
      const shown = revealInAnalysis(model, analysis, row);
      if (shown !== analysis) setAnalysis(() => shown);
      const index = indexOfVisibleRow(
        analysisRows(model, visibleRows(spans, revealed), shown).rows,
        row,
      );
      setScrollRequest({ index, serial: ++serial.current });
    },
    [spans, collapsed, model, analysis, setAnalysis],
  );

  /** Makes a span the root of the view (-1: the whole trace), zoomed to its subtree. */
  const focusOn = useCallback(
    (row: number) => {
      setAnalysis((state) => ({ ...state, focusRow: row }));
      const [start, end] = row >= 0 ? subtreeExtent(spans, row) : [0, model.durationUs];
      const duration = model.durationUs || 1;
      setViewWindow(row >= 0 ? windowBetween(start / duration, end / duration) : FULL_WINDOW);
      setScrollRequest({ index: 0, serial: ++serial.current });
    },
    [spans, model.durationUs, setAnalysis],
  );
  const onExpandFold = useCallback(
    (row: number) =>
      setAnalysis((state) => ({ ...state, expandedFolds: new Set([...state.expandedFolds, row]) })),
    [setAnalysis],
  );
  const onFilter = useCallback(
    (filter: RowFilter | undefined) => setAnalysis((state) => ({ ...state, filter })),
    [setAnalysis],
  );

  useEffect(() => {
    if (!focusSpan) return;
    const row = model.rowBySpanId.get(focusSpan.spanId);
    if (row !== undefined) goTo(row);
    // Only a new focus request moves the selection, not every change of goTo.
  }, [focusSpan, model]);

  const onToggle = useCallback(
    (row: number) => setCollapsed((state) => withCollapsed(state, row, !state[row])),
    [setCollapsed],
  );
  const onSelect = useCallback(
    (row: number) => {
      setSelectedSpanId(spans[row]?.spanId);
      setTab('details');
    },
    [spans],
  );
  const onChooseEvent = useCallback((row: number) => goTo(row), [goTo]);

  const clearAll = useCallback(() => {
    setQuery('');
    setSelectedSpanId(undefined);
    waterfall.current?.focus();
  }, []);

  const onWaterfallKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = selectedRow >= 0 ? indexOfVisibleRow(rows, selectedRow) : -1;
    const moveTo = (next: number) => {
      const clamped = Math.max(0, Math.min(rows.length - 1, next));
      if (rows.length === 0) return;
      setSelectedSpanId(spans[rows[clamped]!]!.spanId);
      setScrollRequest({ index: clamped, serial: ++serial.current });
    };
    const span = selectedSpan;
    switch (event.key) {
      case 'ArrowDown':
        moveTo(index < 0 ? 0 : index + 1);
        break;
      case 'ArrowUp':
        moveTo(index < 0 ? 0 : index - 1);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(rows.length - 1);
        break;
      case 'ArrowLeft':
        if (!span) return;
        if (span.childCount > 0 && !collapsed[span.row]) onToggle(span.row);
        else if (span.parentRow >= 0 && span.row !== analysis.focusRow) goTo(span.parentRow);
        break;
      case 'ArrowRight':
        if (!span) return;
        if (view.folds?.has(span.row)) onExpandFold(span.row);
        else if (span.childCount > 0 && collapsed[span.row]) onToggle(span.row);
        else if (span.childCount > 0) moveTo(index + 1);
        break;
      case 'Enter':
        if (span) setTab('details');
        break;
      case 'Escape':
        clearAll();
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  // `/` focuses the find box from anywhere but a text field.
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)))
        return;
      event.preventDefault();
      findInput.current?.focus();
      findInput.current?.select();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const stepFind = (step: 1 | -1) => {
    const row = stepMatch(matches, selectedRow, step);
    if (row >= 0) goTo(row);
  };

  const openLink = async (link: Pick<OtlpLink, 'traceId' | 'spanId'>) => {
    setLinkError(undefined);
    if (link.traceId === model.traceId) {
      const row = model.rowBySpanId.get(link.spanId);
      if (row === undefined) setLinkError(`Span ${link.spanId} is not in this trace.`);
      else goTo(row);
      return;
    }
    try {
      // getSpan answers null when the trace, or the span in it, is not in the store.
      const target = await api.getSpan({ traceId: link.traceId, spanId: link.spanId });
      if (!target)
        setLinkError(`Span ${link.spanId} of trace ${link.traceId} is not in the store.`);
      else onOpenTrace?.(link.traceId, link.spanId);
    } catch (failure) {
      setLinkError((failure as Error).message);
    }
  };

  const root = spans[0];
  const eventCount = model.outline.eventOffsetsUs.length;
  const matchPosition = selectedRow >= 0 ? indexOfMatch(matches, selectedRow) : -1;
  const copy = (route: TraceRoute, what: string) =>
    copyLink(route).then(
      (link) => setNotice({ text: `Copied the link to ${what}: ${link}`, error: false }),
      (error: Error) =>
        setNotice({ text: `Could not copy the link: ${error.message}`, error: true }),
    );

  // The splitters keep both sides usable: each pane's size is clamped to what the other leaves.
  const detailsRight = layout.detailsPosition === 'right';
  const detailsMax = detailsRight
    ? Math.max(LIMITS.detailsMin, bodyWidth - LIMITS.timelineMin)
    : Math.max(LIMITS.detailsMin, bodyHeight - TIMELINE_MIN_HEIGHT);
  const detailsSize = Math.min(
    detailsMax,
    Math.max(LIMITS.detailsMin, detailsRight ? layout.detailsWidth : layout.detailsHeight),
  );
  const timelineWidth = detailsRight ? bodyWidth - detailsSize : bodyWidth;
  const nameColumnMax = Math.max(
    LIMITS.nameColumnMin,
    Math.min(LIMITS.nameColumnMax, timelineWidth - 120),
  );
  const nameColumnWidth = Math.min(nameColumnMax, layout.nameColumnWidth);

  return (
    <>
      <div className="trace-header">
        <h2 className="trace-title" title={`${root?.name ?? 'Trace'} ${model.traceId}`}>
          {root?.name ?? 'Trace'} <code className="muted">{model.traceId}</code>
        </h2>
        <div className="trace-actions">
          <button
            type="button"
            title="Copy a link that opens this trace (and the selected span)"
            onClick={() =>
              void copy(
                selectedSpan
                  ? { traceId: model.traceId, spanId: selectedSpan.spanId }
                  : { traceId: model.traceId },
                selectedSpan ? 'this span' : 'this trace',
              )
            }
          >
            Copy link
          </button>
          <ExportMenu api={api} traceId={model.traceId} onResult={setNotice} />
          {actions}
        </div>
        <span className="trace-facts muted">
          {formatDuration(model.durationUs)} · {spans.length.toLocaleString('en-US')} spans ·{' '}
          {model.services.length} service{model.services.length === 1 ? '' : 's'} · depth{' '}
          {model.maxDepth + 1}
        </span>
      </div>
      {notice && (
        <div
          className={`notice ${notice.error ? 'notice-error' : 'notice-info'} notice-with-action`}
          role={notice.error ? 'alert' : 'status'}
        >
          <div>{notice.text}</div>
          <button type="button" onClick={() => setNotice(undefined)}>
            Dismiss
          </button>
        </div>
      )}
      <TraceToolbar
        findInput={findInput}
        query={query}
        onQuery={setQuery}
        matchCount={found.query === query ? matches.length : undefined}
        matchPosition={matchPosition}
        onNext={() => stepFind(1)}
        onPrevious={() => stepFind(-1)}
        onEscape={clearAll}
        maxDepth={model.maxDepth + 1}
        onExpandAll={() => setCollapsed(() => expandedState(spans.length))}
        onCollapseAll={() => setCollapsed(() => collapseAll(spans))}
        onCollapseBelow={(depth) => setCollapsed(() => collapseBelowDepth(spans, depth))}
        showCritical={showCritical}
        onShowCritical={(show) => {
          setShowCritical(show);
          setTab((current) => (show ? 'critical' : current === 'critical' ? 'details' : current));
        }}
        criticalOnly={analysis.criticalOnly}
        onCriticalOnly={(only) => setAnalysis((state) => ({ ...state, criticalOnly: only }))}
        folding={analysis.folding}
        onFolding={(fold) =>
          setAnalysis((state) => ({ ...state, folding: fold, expandedFolds: new Set() }))
        }
        zoomed={viewWindow.start > 0 || viewWindow.end < 1}
        onResetZoom={() => setViewWindow(FULL_WINDOW)}
      />
      <FocusBar
        model={model}
        state={analysis}
        onFocus={focusOn}
        onClearFilter={() => onFilter(undefined)}
        onShowWholePath={() => setAnalysis((state) => ({ ...state, criticalOnly: false }))}
      />
      <div
        ref={body}
        className={`trace-body details-${layout.detailsPosition}`}
        style={
          detailsRight
            ? { gridTemplateColumns: `minmax(0, 1fr) auto ${detailsSize}px` }
            : { gridTemplateRows: `minmax(0, 1fr) auto ${detailsSize}px` }
        }
      >
        <div className="timeline-area">
          <ViewTabs view={mainView} onView={setMainView} />
          <Minimap
            model={model}
            window={viewWindow}
            onZoom={setViewWindow}
            focus={
              analysis.focusRow >= 0
                ? (() => {
                    const [startUs, endUs] = subtreeExtent(spans, analysis.focusRow);
                    return { fromRow: view.from, toRow: view.to, startUs, endUs };
                  })()
                : undefined
            }
          />
          {mainView === 'flame' ? (
            <FlameGraph
              model={model}
              scope={flameScope}
              window={viewWindow}
              onWindow={setViewWindow}
              selectedRow={selectedRow}
              onSelect={onSelect}
              matchFlags={matchFlags}
            />
          ) : (
            <>
              <div className="waterfall-header">
                <div className="waterfall-header-name" style={{ width: nameColumnWidth }}>
                  Span <span className="muted">({rows.length.toLocaleString('en-US')} shown)</span>
                </div>
                <Splitter
                  orientation="vertical"
                  className="column-resizer"
                  label="Resize the span name column"
                  value={nameColumnWidth}
                  min={LIMITS.nameColumnMin}
                  max={nameColumnMax}
                  onChange={(width) => setLayout({ nameColumnWidth: width })}
                />
                <TimeRuler
                  durationUs={model.durationUs}
                  window={viewWindow}
                  onZoom={setViewWindow}
                />
              </div>
              <Waterfall
                model={model}
                rows={rows}
                collapsed={collapsed}
                viewedBounds={viewedBounds}
                selectedRow={selectedRow}
                matchFlags={matchFlags}
                criticalSegments={critical}
                criticalShown={showCritical}
                scrollRequest={scrollRequest}
                nameColumnWidth={nameColumnWidth}
                onSelect={onSelect}
                onToggle={onToggle}
                onKeyDown={onWaterfallKey}
                viewportRef={waterfall}
                folds={view.folds}
                shown={view.shown}
                depthOffset={view.depthOffset}
                linkFlags={linkFlags}
                onExpandFold={onExpandFold}
              />
            </>
          )}
        </div>
        <Splitter
          orientation={detailsRight ? 'vertical' : 'horizontal'}
          label={
            detailsRight
              ? 'Resize the details (left and right)'
              : 'Resize the details (up and down)'
          }
          controls="trace-details"
          direction={-1}
          value={detailsSize}
          min={LIMITS.detailsMin}
          max={detailsMax}
          onChange={(size) =>
            setLayout(detailsRight ? { detailsWidth: size } : { detailsHeight: size })
          }
        />
        <div className="trace-bottom" id="trace-details">
          <div className="tabs" role="tablist" aria-label="Trace panels">
            <button
              type="button"
              role="tab"
              aria-selected={tab === 'details'}
              className={tab === 'details' ? 'tab active' : 'tab'}
              onClick={() => setTab('details')}
            >
              Span details
            </button>
            <button
              type="button"
              role="tab"
              aria-selected={tab === 'events'}
              className={tab === 'events' ? 'tab active' : 'tab'}
              onClick={() => setTab('events')}
            >
              Events ({eventCount.toLocaleString('en-US')})
            </button>
            <button
              type="button"
              role="tab"
              aria-selected={tab === 'statistics'}
              className={tab === 'statistics' ? 'tab active' : 'tab'}
              onClick={() => setTab('statistics')}
            >
              Statistics
            </button>
            {showCritical && (
              <button
                type="button"
                role="tab"
                aria-selected={tab === 'critical'}
                className={tab === 'critical' ? 'tab active' : 'tab'}
                onClick={() => setTab('critical')}
              >
                Critical path ({shares.length})
              </button>
            )}
            <button
              type="button"
              className="tab details-place"
              aria-label={
                detailsRight
                  ? 'Show the details below the waterfall'
                  : 'Show the details right of the waterfall'
              }
              title={detailsRight ? 'Details below' : 'Details at the right'}
              onClick={() => setLayout({ detailsPosition: detailsRight ? 'bottom' : 'right' })}
            >
              {detailsRight ? '⬓ Below' : '◨ Right'}
            </button>
          </div>
          <div className="tab-panel" role="tabpanel">
            {tab === 'details' ? (
              <SpanDetails
                span={selectedSpan}
                detail={spanDetail.detail}
                detailError={spanDetail.error}
                onOpenLink={(link) => void openLink(link)}
                linkError={linkError}
                onCopyLink={(span) =>
                  void copy({ traceId: model.traceId, spanId: span.spanId }, 'this span')
                }
                actions={
                  selectedSpan && (
                    <button
                      type="button"
                      disabled={selectedSpan.row === analysis.focusRow}
                      onClick={() => focusOn(selectedSpan.row)}
                    >
                      Focus on this span
                    </button>
                  )
                }
              >
                <Backlinks state={backlinks} onOpen={(backlink) => void openLink(backlink)} />
                <ExplainPanel state={explanation} detail={spanDetail.detail} />
              </SpanDetails>
            ) : tab === 'statistics' ? (
              <StatisticsTable
                model={model}
                from={view.from}
                to={view.to}
                filter={analysis.filter}
                onFilter={onFilter}
              />
            ) : tab === 'events' ? (
              <EventList
                api={api}
                model={model}
                events={eventsOf(model)}
                selectedRow={selectedRow}
                onChoose={onChooseEvent}
              />
            ) : (
              <CriticalPathList
                model={model}
                rootRow={pathRoot}
                shares={shares}
                selectedRow={selectedRow}
                onChoose={onChooseEvent}
              />
            )}
          </div>
        </div>
      </div>
    </>
  );
}

function indexOfMatch(matches: Int32Array, row: number): number {
  return matches.indexOf(row);
}
