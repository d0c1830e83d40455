import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { TooltipContentProps } from 'recharts';
import type { NameType, ValueType } from 'recharts/types/component/DefaultTooltipContent';
import type { HistogramBin, OperationKey } from '../../app/contract';
import { formatDuration } from '../lib/format';
import { useElementWidth } from '../lib/use-element-width';

interface BinRow {
  readonly label: string;
  readonly range: string;
  readonly ok: number;
  readonly errors: number;
}

function BinTooltip({ active, payload }: TooltipContentProps<ValueType, NameType>) {
  const row = active ? (payload?.[0]?.payload as BinRow | undefined) : undefined;
  if (!row) return null;
  return (
    <div className="chart-tooltip">
      <strong>{row.range}</strong>
      <div>
        {row.ok + row.errors} span{row.ok + row.errors === 1 ? '' : 's'}
      </div>
      {row.errors > 0 && <div className="tooltip-errors">{row.errors} errors</div>}
    </div>
  );
}

export function LatencyHistogram(props: {
  readonly operation: OperationKey;
  readonly bins: readonly HistogramBin[];
}) {
  const [containerRef, width] = useElementWidth<HTMLDivElement>();
  const rows: BinRow[] = props.bins.map((bin) => ({
    label: formatDuration(bin.startMicros),
    range: `${formatDuration(bin.startMicros)} – ${formatDuration(bin.endMicros)}`,
    ok: bin.count - bin.errorCount,
    errors: bin.errorCount,
  }));
  return (
    <figure className="latency-histogram" aria-label="Duration histogram">
      <figcaption>
        Durations of <strong>{props.operation.spanName}</strong> ({props.operation.service})
      </figcaption>
      <div ref={containerRef} className="chart-box">
        {width > 0 && (
          <BarChart width={width} height={180} data={rows} barCategoryGap={1}>
            <CartesianGrid className="chart-grid" vertical={false} />
            <XAxis dataKey="label" interval="preserveStartEnd" minTickGap={24} />
            <YAxis allowDecimals={false} width={40} />
            <Tooltip content={BinTooltip} isAnimationActive={false} />
            <Bar dataKey="ok" stackId="spans" className="bar-ok" isAnimationActive={false} />
            <Bar dataKey="errors" stackId="spans" className="bar-error" isAnimationActive={false} />
          </BarChart>
        )}
      </div>
    </figure>
  );
}
