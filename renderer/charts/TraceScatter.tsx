import { memo, useMemo, useState, useSyncExternalStore } from 'react';
import {
  CartesianGrid,
  DefaultZIndexes,
  ScatterChart,
  XAxis,
  YAxis,
  ZIndexLayer,
  useXAxisScale,
  useYAxisScale,
} from 'recharts';
import type { TraceSummary } from '../../app/contract';
import { formatClockTime, formatDuration } from '../lib/format';
import { domainOf, downsampleScatter, type ScatterPoint } from './downsample';
import { niceTicks } from './nice-scale';
import { timeTicks } from './time-ticks';
import { plainAxisTick } from './plain-axis-tick';
import { useElementWidth } from '../lib/use-element-width';
import { useThrottledValue } from '../lib/use-throttled-value';

const HEIGHT = 200;
const MARGIN = { top: 10, right: 16, bottom: 4, left: 4 };
const Y_AXIS_WIDTH = 56;
const X_AXIS_HEIGHT = 24;
/** Above this many points, the chart keeps one point per 6×6-pixel cell (see downsample.ts). */
export const THIN_ABOVE_POINTS = 1500;
const CELL_PIXELS = 6;
const DURATION_TICK = plainAxisTick((ms) => formatDuration(ms * 1000));
/** While traces stream in, the chart is re-plotted at most twice a second (the list: ten times). */
export const REPLOT_INTERVAL_MILLIS = 500;

interface TracePoint extends ScatterPoint {
  readonly summary: TraceSummary;
}

interface Hovered {
  readonly point: TracePoint;
  readonly left: number;
  readonly top: number;
  /** Right half of the chart: the tooltip opens to the left of the point. */
  readonly flip: boolean;
}

interface TraceScatterProps {
  readonly traces: readonly TraceSummary[];
  readonly selectedTraceId: string | undefined;
  readonly onSelect: (traceId: string) => void;
}

function toPoint(summary: TraceSummary): TracePoint {
  return {
    // Milliseconds: float precision is plenty for a chart.
    x: Number(summary.startTimeUnixNano) / 1e6,
    y: summary.durationMicros / 1000,
    weight: summary.spanCount,
    error: summary.errorCount > 0,
    id: summary.traceId,
    summary,
  };
}

/** The hovered point lives outside React state of the chart, so hovering re-renders only the tooltip. */
class HoverState {
  private current: Hovered | undefined;
  private readonly listeners = new Set<() => void>();
  readonly get = () => this.current;
  readonly set = (next: Hovered | undefined) => {
    this.current = next;
    for (const listener of this.listeners) listener();
  };
  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

function PointTooltip({ hover }: { readonly hover: HoverState }) {
  const hovered = useSyncExternalStore(hover.subscribe, hover.get);
  if (!hovered) return null;
  const { summary } = hovered.point;
  return (
    <div
      className={hovered.flip ? 'chart-tooltip flip' : 'chart-tooltip'}
      role="tooltip"
      style={{ left: hovered.left, top: hovered.top }}
    >
      <strong>{summary.rootSpanName || '(no root yet)'}</strong>
      <div>{summary.serviceName}</div>
      <div>
        {formatClockTime(summary.startTimeUnixNano)} · {formatDuration(summary.durationMicros)}
      </div>
      <div>
        {summary.spanCount} spans
        {summary.errorCount > 0 && (
          <span className="tooltip-errors"> · {summary.errorCount} errors</span>
        )}
      </div>
      <div className="tooltip-id">{summary.traceId}</div>
    </div>
  );
}

interface PointsLayerProps {
  readonly ok: readonly TracePoint[];
  readonly failed: readonly TracePoint[];
  readonly maxWeight: number;
  readonly width: number;
  readonly selectedTraceId: string | undefined;
  readonly onSelect: (traceId: string) => void;
  readonly onHover: (hovered: Hovered | undefined) => void;
}

/**
 * The points, placed with the chart's own axis scales. Plain circles rather than recharts'
 * <Scatter>, whose per-point work was most of the chart's render time (README, bench:search).
 * Errors are drawn last, so they sit on top of ok points.
 */
const PointsLayer = memo(function PointsLayer(props: PointsLayerProps) {
  const xScale = useXAxisScale();
  const yScale = useYAxisScale();
  if (!xScale || !yScale) return null;
  const draw = (point: TracePoint) => {
    const cx = xScale(point.x);
    const cy = yScale(point.y);
    if (cx === undefined || cy === undefined) return null;
    const classes = ['scatter-point', point.error ? 'scatter-point-error' : 'scatter-point-ok'];
    if (point.id === props.selectedTraceId) classes.push('selected');
    return (
      <circle
        key={point.id}
        cx={cx}
        cy={cy}
        r={2 + 5 * Math.sqrt(point.weight / Math.max(1, props.maxWeight))}
        className={classes.join(' ')}
        data-trace-id={point.id}
        onClick={() => props.onSelect(point.id)}
        onMouseEnter={() => props.onHover({ point, left: cx, top: cy, flip: cx > props.width / 2 })}
        onMouseLeave={() => props.onHover(undefined)}
      />
    );
  };
  // Where recharts puts a <Scatter>: above grid and axes.
  return (
    <ZIndexLayer zIndex={DefaultZIndexes.scatter}>
      <g className="scatter-points">
        {props.ok.map(draw)}
        {props.failed.map(draw)}
      </g>
    </ZIndexLayer>
  );
});

/** Memoised: typing in the filter bar re-renders the pane but must not re-plot thousands of points. */
export const TraceScatter = memo(function TraceScatter({
  traces,
  selectedTraceId,
  onSelect,
}: TraceScatterProps) {
  // Re-plotting thousands of points costs a live list's window more than the list itself does.
  const plotted = useThrottledValue(traces, REPLOT_INTERVAL_MILLIS);
  return <ScatterPlot traces={plotted} selectedTraceId={selectedTraceId} onSelect={onSelect} />;
});

/** The chart of the traces as last re-plotted: memoised, so an update held back renders nothing. */
const ScatterPlot = memo(function ScatterPlot({
  traces,
  selectedTraceId,
  onSelect,
}: TraceScatterProps) {
  const [containerRef, width] = useElementWidth<HTMLDivElement>();
  const [hover] = useState(() => new HoverState());
  const chart = useMemo(() => {
    const points = traces.map(toPoint);
    const xDomain = domainOf(points.map((p) => p.x));
    const yTicks = niceTicks(domainOf(points.map((p) => p.y))[1]);
    const yDomain: [number, number] = [0, yTicks[yTicks.length - 1]!];
    const maxWeight = domainOf(points.map((p) => p.weight))[1];
    const plotWidth = Math.max(1, width - MARGIN.left - MARGIN.right - Y_AXIS_WIDTH);
    const xTicks = timeTicks(xDomain, plotWidth);
    const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom - X_AXIS_HEIGHT;
    const shown =
      points.length > THIN_ABOVE_POINTS
        ? downsampleScatter(
            points,
            { width: plotWidth, height: plotHeight, xDomain, yDomain, cellPixels: CELL_PIXELS },
            selectedTraceId,
          )
        : points;
    return {
      ok: shown.filter((p) => !p.error),
      failed: shown.filter((p) => p.error),
      shownCount: shown.length,
      total: points.length,
      xDomain,
      xTicks,
      xTick: plainAxisTick(xTicks.format),
      yDomain,
      yTicks,
      maxWeight,
    };
  }, [traces, width, selectedTraceId]);

  return (
    <figure className="trace-scatter" aria-label="Trace durations over time">
      <div ref={containerRef} className="chart-box">
        {width > 0 && chart.total > 0 && (
          <ScatterChart width={width} height={HEIGHT} margin={MARGIN}>
            <CartesianGrid className="chart-grid" />
            <XAxis
              type="number"
              dataKey="x"
              name="Start"
              domain={chart.xDomain}
              // The points are our own layer, not a recharts series: the axes take the domain as given.
              allowDataOverflow
              height={X_AXIS_HEIGHT}
              // Our own ticks, spaced for their labels, and plain labels: interval 0 shows each, so
              // recharts measures no label text (a forced layout per tick, per update of a live list).
              ticks={chart.xTicks.ticks}
              interval={0}
              tick={chart.xTick}
            />
            <YAxis
              type="number"
              dataKey="y"
              name="Duration"
              width={Y_AXIS_WIDTH}
              domain={chart.yDomain}
              ticks={chart.yTicks}
              interval={0}
              allowDataOverflow
              tick={DURATION_TICK}
            />
            <PointsLayer
              ok={chart.ok}
              failed={chart.failed}
              maxWeight={chart.maxWeight}
              width={width}
              selectedTraceId={selectedTraceId}
              onSelect={onSelect}
              onHover={hover.set}
            />
          </ScatterChart>
        )}
        <PointTooltip hover={hover} />
      </div>
      <figcaption className="chart-caption">
        <span className="legend-ok">● ok</span> <span className="legend-error">● error</span> · size
        = span count
        {chart.shownCount < chart.total &&
          ` · ${chart.shownCount.toLocaleString('en-US')} of ${chart.total.toLocaleString('en-US')} points drawn (one per ${CELL_PIXELS}px cell; errors and extremes kept)`}
      </figcaption>
    </figure>
  );
});
