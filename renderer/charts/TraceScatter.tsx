import { useMemo } from 'react';
import { CartesianGrid, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { ScatterShapeProps, TooltipContentProps } from 'recharts';
import type { NameType, ValueType } from 'recharts/types/component/DefaultTooltipContent';
import type { TraceSummary } from '../../app/contract';
import { formatClockTime, formatDuration } from '../lib/format';
import { domainOf, downsampleScatter, type ScatterPoint } from './downsample';
import { useElementWidth } from './use-element-width';

const HEIGHT = 200;
const MARGIN = { top: 10, right: 16, bottom: 4, left: 4 };
const Y_AXIS_WIDTH = 56;
const X_AXIS_HEIGHT = 24;
/** Above this many points, the chart keeps one point per 4×4-pixel cell (see downsample.ts). */
export const THIN_ABOVE_POINTS = 1500;
const CELL_PIXELS = 6;

interface TracePoint extends ScatterPoint {
  readonly summary: TraceSummary;
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

function PointTooltip({ active, payload }: TooltipContentProps<ValueType, NameType>) {
  const point = active ? (payload?.[0]?.payload as TracePoint | undefined) : undefined;
  if (!point) return null;
  const { summary } = point;
  return (
    <div className="chart-tooltip">
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

export function TraceScatter({ traces, selectedTraceId, onSelect }: TraceScatterProps) {
  const [containerRef, width] = useElementWidth<HTMLDivElement>();
  const chart = useMemo(() => {
    const points = traces.map(toPoint);
    const xDomain = domainOf(points.map((p) => p.x));
    const yDomain: [number, number] = [0, domainOf(points.map((p) => p.y))[1]];
    const maxWeight = domainOf(points.map((p) => p.weight))[1];
    const plotWidth = Math.max(1, width - MARGIN.left - MARGIN.right - Y_AXIS_WIDTH);
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
      yDomain,
      maxWeight,
    };
  }, [traces, width, selectedTraceId]);

  const renderPoint = (props: ScatterShapeProps) => {
    const point = props.payload as TracePoint | undefined;
    if (!point || props.cx === undefined || props.cy === undefined) return <g />;
    const radius = 2 + 5 * Math.sqrt(point.weight / Math.max(1, chart.maxWeight));
    const classes = ['scatter-point', point.error ? 'scatter-point-error' : 'scatter-point-ok'];
    if (point.id === selectedTraceId) classes.push('selected');
    return (
      <circle
        cx={props.cx}
        cy={props.cy}
        r={radius}
        className={classes.join(' ')}
        data-trace-id={point.id}
        onClick={() => onSelect(point.id)}
      />
    );
  };

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
              height={X_AXIS_HEIGHT}
              tickFormatter={(ms: number) =>
                formatClockTime(String(BigInt(Math.round(ms)) * 1_000_000n)).slice(0, 8)
              }
            />
            <YAxis
              type="number"
              dataKey="y"
              name="Duration"
              width={Y_AXIS_WIDTH}
              domain={chart.yDomain}
              tickFormatter={(ms: number) => formatDuration(ms * 1000)}
            />
            <Tooltip content={PointTooltip} isAnimationActive={false} cursor={false} />
            <Scatter name="ok" data={chart.ok} shape={renderPoint} isAnimationActive={false} />
            <Scatter
              name="error"
              data={chart.failed}
              shape={renderPoint}
              isAnimationActive={false}
            />
          </ScatterChart>
        )}
      </div>
      <figcaption className="chart-caption">
        <span className="legend-ok">● ok</span> <span className="legend-error">● error</span> · size
        = span count
        {chart.shownCount < chart.total &&
          ` · ${chart.shownCount.toLocaleString('en-US')} of ${chart.total.toLocaleString('en-US')} points drawn (one per ${CELL_PIXELS}px cell; errors and extremes kept)`}
      </figcaption>
    </figure>
  );
}
