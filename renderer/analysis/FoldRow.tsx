import { memo } from 'react';
import { formatDuration } from '../lib/format';
import { LABEL_FONT, labelOffset, labelWidth, placeLabel } from '../trace-view/label-placement';
import { serviceColor } from '../trace-view/service-colors';
import type { TraceModel } from '../trace-view/trace-model';
import type { ViewedBounds } from '../trace-view/viewed-bounds';
import { durationBins, type FoldGroup } from './fold-siblings';

const INDENT_PX = 14;
/** Members drawn on the timeline; past this many, one in every n (the picture stays the same). */
const MAX_MEMBER_BARS = 600;

interface FoldRowProps {
  readonly model: TraceModel;
  readonly group: FoldGroup;
  readonly index: number;
  /** Where the row is laid out in the waterfall's scroll range (trace-view/scroll-scale.ts). */
  readonly top: number;
  readonly selected: boolean;
  readonly matched: boolean;
  readonly viewedBounds: (startUs: number, endUs: number) => ViewedBounds;
  readonly nameColumnWidth: number;
  /** The timeline's width in pixels, for placing the label (label-placement.ts). */
  readonly timelineWidth: number;
  readonly depthOffset: number;
  readonly onSelect: (row: number) => void;
  readonly onExpand: (row: number) => void;
}

/** "× 37 · 412 ms total · 11 ms each", with the durations' spread and each member on the timeline. */
export const FoldRow = memo(function FoldRow({
  model,
  group,
  index,
  top,
  selected,
  matched,
  viewedBounds,
  nameColumnWidth,
  timelineWidth,
  depthOffset,
  onSelect,
  onExpand,
}: FoldRowProps) {
  const first = model.spans[group.firstRow]!;
  const count = group.memberRows.length;
  const color = serviceColor(first.serviceIndex);
  const bins = durationBins(model, group);
  const tallest = Math.max(...bins);
  const step = Math.max(1, Math.ceil(count / MAX_MEMBER_BARS));
  let path = '';
  for (let i = 0; i < count; i += step) {
    const span = model.spans[group.memberRows[i]!]!;
    const bounds = viewedBounds(span.startUs, span.endUs);
    if (bounds.end < 0 || bounds.start > 1) continue;
    const x = Math.max(0, bounds.start) * 1000;
    const width = Math.max(1.5, (Math.min(1, bounds.end) - Math.max(0, bounds.start)) * 1000);
    path += `M${x.toFixed(1)} 0h${width.toFixed(1)}v10h${(-width).toFixed(1)}z`;
  }
  const whole = viewedBounds(group.startUs, group.endUs);
  const summary = `× ${count.toLocaleString('en-US')} · ${formatDuration(group.totalUs)} total · ${formatDuration(group.meanUs)} each`;
  // Right of the run if it fits, else inside, else left of it, as a span's label.
  const barLeft = whole.start * timelineWidth;
  const barRight = Math.max(whole.end * timelineWidth, barLeft + 2);
  const placement = placeLabel(
    barLeft,
    barRight,
    timelineWidth,
    labelWidth(summary, `600 ${LABEL_FONT}`),
  );
  const offscreen = whole.end < 0 || whole.start > 1;
  const className = ['wf-row', 'wf-fold', selected ? 'selected' : '', matched ? 'matched' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div
      id={`span-row-${group.firstRow}`}
      role="row"
      aria-rowindex={index + 1}
      aria-level={first.depth + 1}
      aria-expanded={false}
      aria-selected={selected}
      aria-label={`${first.name} ${summary}${group.nPlusOne ? ' (N+1)' : ''}`}
      data-span-id={first.spanId}
      data-fold-count={count}
      className={className}
      style={{ transform: `translateY(${top}px)` }}
      onClick={() => {
        onSelect(group.firstRow);
        onExpand(group.firstRow);
      }}
    >
      <div
        role="gridcell"
        className="wf-name"
        style={{ width: nameColumnWidth, paddingLeft: 4 + (first.depth - depthOffset) * INDENT_PX }}
      >
        <span className="wf-toggle" aria-hidden="true" title="Show each">
          ▸
        </span>
        <span className="wf-swatch" aria-hidden="true" style={{ background: color }} />
        <span className="wf-span-name" title={first.name}>
          {first.name}
        </span>
        <span className="fold-count">× {count.toLocaleString('en-US')}</span>
        {group.nPlusOne && (
          <span
            className="fold-n-plus-one"
            title={`${count} of the same call one after another: the N+1 pattern`}
          >
            N+1
          </span>
        )}
        <span
          className="fold-spread"
          aria-hidden="true"
          title={`each ${formatDuration(group.minUs)} to ${formatDuration(group.maxUs)}`}
        >
          {bins.map((bin, i) => (
            <span
              key={i}
              style={{ height: `${tallest ? Math.max(bin ? 12 : 0, (bin / tallest) * 100) : 0}%` }}
            />
          ))}
        </span>
      </div>
      <div role="gridcell" className="wf-timeline">
        <svg
          className="fold-members"
          viewBox="0 0 1000 10"
          preserveAspectRatio="none"
          aria-hidden="true"
        >
          <path d={path} fill={color} />
        </svg>
        {!offscreen && placement.maxWidth !== 0 && (
          <span
            className={`wf-label fold-label wf-label-${placement.side}`}
            title={placement.maxWidth === undefined ? undefined : summary}
            style={{
              ...labelOffset(placement, barLeft, barRight, timelineWidth),
              ...(placement.maxWidth !== undefined && { maxWidth: placement.maxWidth }),
            }}
          >
            {summary}
          </span>
        )}
      </div>
    </div>
  );
});
