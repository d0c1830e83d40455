import { memo, useState } from 'react';
import type { TraceSummary } from '../../app/contract';
import { copyText } from '../lib/copy-text';
import { formatDateTime, formatDuration, formatListTime } from '../lib/format';
import type { ColumnId } from './trace-columns';

/** The short id, copied whole on click. */
function TraceIdCell({ traceId }: { readonly traceId: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed'>();
  const copy = () =>
    copyText(traceId).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  return (
    <button
      type="button"
      className="trace-id-copy"
      title={`${traceId}\nClick to copy the whole id`}
      aria-label={`Copy trace id ${traceId}`}
      onClick={(event) => {
        event.stopPropagation();
        void copy();
        setTimeout(() => setCopied(undefined), 1500);
      }}
    >
      {copied === 'yes' ? 'copied' : copied === 'failed' ? 'no clipboard' : traceId.slice(0, 8)}
    </button>
  );
}

export interface TraceRowProps {
  readonly trace: TraceSummary;
  /** The row's place in the whole list (0 = first), for aria-rowindex and the arrow keys. */
  readonly index: number;
  readonly columns: readonly ColumnId[];
  readonly selected: boolean;
  readonly compared: boolean;
  readonly today: Date;
  readonly onSelect: (traceId: string) => void;
  readonly onToggleCompare: ((traceId: string) => void) | undefined;
  /** Opens the row's menu at a point of the window (absent: the list has no menu). */
  readonly onMenu: ((trace: TraceSummary, x: number, y: number) => void) | undefined;
}

function cell(column: ColumnId, props: TraceRowProps) {
  const { trace, today } = props;
  switch (column) {
    case 'time':
      return (
        <td key={column} className="cell-time" title={formatDateTime(trace.startTimeUnixNano)}>
          {formatListTime(trace.startTimeUnixNano, today)}
        </td>
      );
    case 'id':
      return (
        <td key={column} className="cell-id">
          <TraceIdCell traceId={trace.traceId} />
        </td>
      );
    case 'root':
      return (
        <td key={column} className="cell-root" title={trace.rootSpanName}>
          {trace.pinned && (
            <span className="pin-mark" title="Pinned: retention never evicts it">
              pinned
            </span>
          )}
          {trace.rootSpanName || <span className="muted">(no root yet)</span>}
        </td>
      );
    case 'service':
      return (
        <td key={column} className="cell-service" title={trace.serviceName}>
          {trace.serviceName}
        </td>
      );
    case 'duration':
      return (
        <td key={column} className="num cell-duration">
          {formatDuration(trace.durationMicros)}
        </td>
      );
    case 'spans':
      return (
        <td key={column} className="num cell-spans">
          {trace.spanCount}
        </td>
      );
    case 'errors':
      return (
        <td key={column} className="num errors cell-errors">
          {trace.errorCount > 0 ? trace.errorCount : ''}
        </td>
      );
    case 'compare':
      return (
        <td
          key={column}
          className="compare-cell cell-compare"
          onClick={(event) => event.stopPropagation()}
        >
          <input
            type="checkbox"
            aria-label={`Compare ${trace.traceId}`}
            checked={props.compared}
            onChange={() => props.onToggleCompare?.(trace.traceId)}
          />
        </td>
      );
  }
}

/** One trace's row. Memoised: a live list re-renders only the rows whose summary changed. */
export const TraceRow = memo(function TraceRow(props: TraceRowProps) {
  const { trace, onSelect, onMenu } = props;
  return (
    <tr
      data-trace-id={trace.traceId}
      data-row-index={props.index}
      aria-rowindex={props.index + 2}
      className={[props.selected ? 'selected' : '', trace.errorCount > 0 ? 'failed' : '']
        .filter(Boolean)
        .join(' ')}
      aria-selected={props.selected}
      tabIndex={0}
      onClick={() => onSelect(trace.traceId)}
      onContextMenu={(event) => {
        if (!onMenu) return;
        event.preventDefault();
        onMenu(trace, event.clientX, event.clientY);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter') onSelect(trace.traceId);
        if (onMenu && (event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10'))) {
          event.preventDefault();
          const box = event.currentTarget.getBoundingClientRect();
          onMenu(trace, box.left + 24, box.bottom);
        }
      }}
    >
      {props.columns.map((column) => cell(column, props))}
    </tr>
  );
});
