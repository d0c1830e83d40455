import {
  memo,
  useCallback,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type RefObject,
} from 'react';
import { useClientWidth } from '../lib/use-client-height';
import { formatDuration } from '../lib/format';
import { CONTEXT } from '../analysis/analysis-view';
import type { FoldGroup } from '../analysis/fold-siblings';
import { FoldRow } from '../analysis/FoldRow';
import { LinkMark } from '../analysis/LinkMark';
import type { CriticalSegment } from './critical-path';
import { LABEL_FONT, labelOffset, labelWidth, placeLabel } from './label-placement';
import { serviceColor } from './service-colors';
import type { TraceModel, ViewSpan } from './trace-model';
import { indexOfVisibleRow, type CollapseState } from './visible-rows';
import type { ViewedBounds } from './viewed-bounds';
import { useScaledScroll } from '../lib/use-scaled-scroll';

export const ROW_HEIGHT = 24;
const OVERSCAN = 6;
const MAX_EVENT_MARKERS = 40;
const INDENT_PX = 14;
/** The timeline's right margin (trace-view.css, .wf-timeline). */
const TIMELINE_MARGIN_PX = 16;

export interface WaterfallProps {
  readonly model: TraceModel;
  readonly rows: Int32Array;
  readonly collapsed: CollapseState;
  readonly viewedBounds: (startUs: number, endUs: number) => ViewedBounds;
  readonly selectedRow: number;
  /** Per span row: 1 when it matches the find query. */
  readonly matchFlags: Uint8Array | undefined;
  readonly criticalSegments: ReadonlyMap<number, readonly CriticalSegment[]> | undefined;
  /** While the critical path is shown, the rows off it are dimmed. */
  readonly criticalShown: boolean;
  /** Index into `rows` to scroll into view, with a counter so the same row can be asked twice. */
  readonly scrollRequest: { readonly index: number; readonly serial: number } | undefined;
  readonly nameColumnWidth: number;
  readonly onSelect: (row: number) => void;
  readonly onToggle: (row: number) => void;
  readonly onKeyDown: (event: KeyboardEvent<HTMLDivElement>) => void;
  /** From the analysis stage (renderer/analysis/analysis-view.ts): folded groups by the row that
   * stands for them, which rows are context (shown dimmed), the depth indentation starts at. */
  readonly folds?: ReadonlyMap<number, FoldGroup> | undefined;
  readonly shown?: Uint8Array | undefined;
  readonly depthOffset?: number;
  /** Per row: LinkMark's flags (has links, is linked to). */
  readonly linkFlags?: Uint8Array | undefined;
  readonly onExpandFold?: (row: number) => void;
  /** The scrolling element, for focusing it from outside. */
  readonly viewportRef: RefObject<HTMLDivElement | null>;
}

interface Hover {
  readonly row: number;
  readonly x: number;
  readonly y: number;
}

/**
 * The span rows; only those in (or near) the viewport are in the DOM. Rows have one fixed height, so
 * a row's position is its index times that height and the first visible row is a division away.
 * Past MAX_SCROLL_HEIGHT the scroll range is scaled (scroll-scale.ts); the wheel then moves the
 * virtual position by its own delta, so scrolling stays row-exact.
 */
export function Waterfall(props: WaterfallProps) {
  const { rows, scrollRequest } = props;
  const viewport = props.viewportRef;
  const { scale, height, positionRef, first, last, topOf, moveTo, onScroll } = useScaledScroll(
    viewport,
    {
      rowCount: rows.length,
      rowHeight: ROW_HEIGHT,
      overscan: OVERSCAN,
      initialHeight: 600,
    },
  );
  const width = useClientWidth(viewport, 800);
  const timelineWidth = Math.max(1, width - props.nameColumnWidth - TIMELINE_MARGIN_PX);
  const [hover, setHover] = useState<Hover>();

  useLayoutEffect(() => {
    const element = viewport.current;
    if (!element || !scrollRequest || scrollRequest.index < 0) return;
    const top = scrollRequest.index * ROW_HEIGHT;
    const virtual = positionRef.current.virtual;
    if (top < virtual) moveTo(top, false);
    else if (top + ROW_HEIGHT > virtual + element.clientHeight)
      moveTo(top + ROW_HEIGHT - element.clientHeight, false);
  }, [scrollRequest, moveTo]);

  // The trace grew (spans arrived while it is shown): the span at the top of the view stays there,
  // wherever the new rows went.
  const shownBefore = useRef({ model: props.model, rows });
  useLayoutEffect(() => {
    const before = shownBefore.current;
    shownBefore.current = { model: props.model, rows };
    if (before.model === props.model || before.model.traceId !== props.model.traceId) return;
    const virtual = positionRef.current.virtual;
    const topIndex = Math.floor(virtual / ROW_HEIGHT);
    const topRow = before.rows[topIndex];
    if (topRow === undefined) return;
    const spanId = before.model.spans[topRow]?.spanId;
    const row = spanId === undefined ? undefined : props.model.rowBySpanId.get(spanId);
    const index = row === undefined ? -1 : indexOfVisibleRow(rows, row);
    if (index >= 0 && index !== topIndex)
      moveTo(index * ROW_HEIGHT + (virtual - topIndex * ROW_HEIGHT), false);
  }, [props.model, rows, moveTo]);

  const onHover = useCallback((row: number, event: MouseEvent) => {
    setHover({ row, x: event.clientX, y: event.clientY });
  }, []);
  const onLeave = useCallback(() => setHover(undefined), []);

  // Rows are keyed by slot, not by span: a row scrolled out hands its DOM nodes to the row scrolled
  // in, so a fast scroll updates text and positions instead of building new elements every frame.
  const slots = Math.ceil(height / ROW_HEIGHT) + 2 * OVERSCAN + 2;
  const rendered = [];
  for (let index = first; index < last; index++) {
    const row = rows[index]!;
    const span = props.model.spans[row]!;
    const fold = props.folds?.get(row);
    if (fold) {
      let matched = false;
      if (props.matchFlags)
        for (let inner = row; inner < fold.endRow && !matched; inner++)
          matched = props.matchFlags[inner] === 1;
      rendered.push(
        <FoldRow
          key={index % slots}
          model={props.model}
          group={fold}
          index={index}
          top={topOf(index)}
          selected={row === props.selectedRow}
          matched={matched}
          viewedBounds={props.viewedBounds}
          nameColumnWidth={props.nameColumnWidth}
          timelineWidth={timelineWidth}
          depthOffset={props.depthOffset ?? 0}
          onSelect={props.onSelect}
          onExpand={props.onExpandFold ?? props.onSelect}
        />,
      );
      continue;
    }
    rendered.push(
      <WaterfallRow
        key={index % slots}
        span={span}
        index={index}
        top={topOf(index)}
        collapsed={props.collapsed[row] === 1}
        selected={row === props.selectedRow}
        matched={props.matchFlags?.[row] === 1}
        critical={props.criticalSegments?.get(row)}
        dimmed={props.criticalShown && !props.criticalSegments?.has(row)}
        timelineWidth={timelineWidth}
        barStart={props.viewedBounds(span.startUs, span.endUs).start}
        barEnd={props.viewedBounds(span.startUs, span.endUs).end}
        viewedBounds={props.viewedBounds}
        nameColumnWidth={props.nameColumnWidth}
        depthOffset={props.depthOffset ?? 0}
        context={props.shown?.[row] === CONTEXT}
        links={props.linkFlags?.[row] ?? 0}
        onSelect={props.onSelect}
        onToggle={props.onToggle}
        onHover={onHover}
        onLeave={onLeave}
      />,
    );
  }
  const hovered = hover ? props.model.spans[hover.row] : undefined;
  return (
    <div
      ref={viewport}
      className="waterfall"
      role="treegrid"
      aria-label="Spans"
      aria-rowcount={rows.length}
      aria-activedescendant={props.selectedRow >= 0 ? `span-row-${props.selectedRow}` : undefined}
      tabIndex={0}
      onScroll={onScroll}
      onKeyDown={props.onKeyDown}
    >
      <div className="waterfall-content" style={{ height: scale.physicalHeight }}>
        {rendered}
      </div>
      {hovered && hover && <SpanTooltip span={hovered} x={hover.x} y={hover.y} />}
    </div>
  );
}

function SpanTooltip({ span, x, y }: { span: ViewSpan; x: number; y: number }) {
  const left = Math.min(x + 14, globalThis.innerWidth - 320);
  return (
    <div className="span-tooltip" role="tooltip" style={{ left, top: y + 16 }}>
      <div className="span-tooltip-name">{span.name}</div>
      <div>
        <span className="muted">Service</span> {span.serviceName}
      </div>
      <div>
        <span className="muted">Duration</span> {formatDuration(span.endUs - span.startUs)}
      </div>
      <div>
        <span className="muted">Start</span> {formatDuration(span.startUs)}
      </div>
      {span.isError && (
        <div className="error-text">Error{span.statusMessage ? `: ${span.statusMessage}` : ''}</div>
      )}
    </div>
  );
}

interface RowProps {
  readonly span: ViewSpan;
  readonly index: number;
  /** Where the row is laid out in the scroll range (scroll-scale.ts). */
  readonly top: number;
  readonly collapsed: boolean;
  readonly selected: boolean;
  readonly matched: boolean;
  readonly critical: readonly CriticalSegment[] | undefined;
  readonly dimmed: boolean;
  readonly timelineWidth: number;
  readonly barStart: number;
  readonly barEnd: number;
  readonly viewedBounds: (startUs: number, endUs: number) => ViewedBounds;
  readonly nameColumnWidth: number;
  readonly depthOffset: number;
  /** Shown only as the ancestor of a filtered span. */
  readonly context: boolean;
  readonly links: number;
  readonly onSelect: (row: number) => void;
  readonly onToggle: (row: number) => void;
  readonly onHover: (row: number, event: MouseEvent) => void;
  readonly onLeave: () => void;
}

function percent(fraction: number): string {
  return `${fraction * 100}%`;
}

const WaterfallRow = memo(function WaterfallRow({
  span,
  index,
  top,
  collapsed,
  selected,
  matched,
  critical,
  dimmed,
  timelineWidth,
  barStart,
  barEnd,
  viewedBounds,
  nameColumnWidth,
  depthOffset,
  context,
  links,
  onSelect,
  onToggle,
  onHover,
  onLeave,
}: RowProps) {
  const { row, depth, childCount } = span;
  const duration = span.endUs - span.startUs;
  const left = Math.max(-1, barStart);
  const right = Math.min(2, barEnd);
  const offscreen = barEnd < 0 || barStart > 1;
  const color = serviceColor(span.serviceIndex);
  const label = `${formatDuration(duration)}${span.isError && span.statusMessage ? ` · ${span.statusMessage}` : ''}`;
  // Right of the bar if it fits, else inside, else left of it (label-placement.ts).
  const barLeftPx = barStart * timelineWidth;
  const barRightPx = Math.max(barEnd * timelineWidth, barLeftPx + 2);
  const placement = placeLabel(barLeftPx, barRightPx, timelineWidth, labelWidth(label, LABEL_FONT));
  const labelStyle = labelOffset(placement, barLeftPx, barRightPx, timelineWidth);
  const className = [
    'wf-row',
    selected ? 'selected' : '',
    matched ? 'matched' : '',
    critical ? 'critical' : '',
    dimmed ? 'off-path' : '',
    span.isError ? 'status-error' : '',
    context ? 'context' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const eventOffsets = span.eventOffsetsUs;
  return (
    <div
      id={`span-row-${row}`}
      role="row"
      aria-rowindex={index + 1}
      aria-level={depth + 1}
      aria-expanded={childCount > 0 ? !collapsed : undefined}
      aria-selected={selected}
      data-span-id={span.spanId}
      className={className}
      style={{ transform: `translateY(${top}px)` }}
      onClick={() => onSelect(row)}
    >
      <div
        role="gridcell"
        className="wf-name"
        style={{ width: nameColumnWidth, paddingLeft: 4 + (depth - depthOffset) * INDENT_PX }}
      >
        <span
          className={`wf-toggle${childCount > 0 ? '' : ' wf-leaf'}`}
          aria-hidden="true"
          title={childCount > 0 ? (collapsed ? 'Expand' : 'Collapse') : undefined}
          onClick={(event) => {
            if (childCount === 0) return;
            event.stopPropagation();
            onToggle(row);
          }}
        >
          {childCount > 0 ? (collapsed ? '▸' : '▾') : ''}
        </span>
        <span className="wf-swatch" aria-hidden="true" style={{ background: color }} />
        <span className="wf-span-name" title={span.name}>
          {span.name}
        </span>
        {span.isError && (
          <span className="wf-error-mark" aria-hidden="true" title="Error">
            !
          </span>
        )}
        <LinkMark flags={links} />
        <span className="wf-service" aria-hidden="true">
          {span.serviceName}
          {collapsed ? ` (+${span.subtreeEnd - row - 1})` : ''}
        </span>
      </div>
      <div role="gridcell" className="wf-timeline">
        {!offscreen && (
          <div
            className="wf-bar"
            style={{
              left: percent(left),
              width: `max(2px, ${percent(right - left)})`,
              background: color,
            }}
            onMouseMove={(event) => onHover(row, event)}
            onMouseLeave={onLeave}
          />
        )}
        {!offscreen && eventOffsets.length > 0 && (
          // Ticks sit in a band above the bar, where no label ever goes.
          <div
            className="wf-events"
            aria-hidden="true"
            style={{ left: percent(left), width: `max(2px, ${percent(right - left)})` }}
          >
            {Array.from(eventOffsets.subarray(0, MAX_EVENT_MARKERS), (offset, i) => (
              <span
                key={i}
                className="wf-event"
                style={{
                  left: percent(duration > 0 ? (offset - span.startUs) / duration : 0),
                }}
              />
            ))}
          </div>
        )}
        {critical?.map((segment) => {
          const part = viewedBounds(segment.startUs, segment.endUs);
          const from = Math.max(-1, part.start);
          return (
            <div
              key={segment.startUs}
              className="wf-critical"
              style={{ left: percent(from), width: percent(Math.min(2, part.end) - from) }}
            />
          );
        })}
        {!offscreen && placement.maxWidth !== 0 && (
          <span
            className={`wf-label wf-label-${placement.side}`}
            title={placement.maxWidth === undefined ? undefined : label}
            style={
              placement.maxWidth === undefined
                ? labelStyle
                : { ...labelStyle, maxWidth: placement.maxWidth }
            }
          >
            {label}
          </span>
        )}
      </div>
    </div>
  );
});
