import { memo, useState } from 'react';
import type { TraceListResult } from '../../app/contract';
import { formatClockTime, formatDuration } from '../lib/format';

interface TraceListProps {
  readonly result: TraceListResult | undefined;
  readonly selectedTraceId: string | undefined;
  readonly onSelect: (traceId: string) => void;
  /** True when filters are set: the header then reads "42 of 1,000 traces". */
  readonly filtered?: boolean;
  /** Traces ticked for comparison, and how to tick one (both absent: no Compare column). */
  readonly comparedTraceIds?: readonly string[];
  readonly onToggleCompare?: (traceId: string) => void;
}

/** Rows rendered at first; more on request, so a list of 10,000 stays quick to update. */
const ROWS_PER_PAGE = 200;

function countText(result: TraceListResult, filtered: boolean): string {
  const total = `${result.totalTraces.toLocaleString('en-US')} trace${result.totalTraces === 1 ? '' : 's'}`;
  return filtered ? `${result.matchedTraces.toLocaleString('en-US')} of ${total}` : total;
}

/** Memoised so that typing in the filter bar does not re-render hundreds of rows. */
export const TraceList = memo(function TraceList({
  result,
  selectedTraceId,
  onSelect,
  filtered = false,
  comparedTraceIds,
  onToggleCompare,
}: TraceListProps) {
  const [rowLimit, setRowLimit] = useState(ROWS_PER_PAGE);
  if (!result) return <p className="empty">Loading traces…</p>;
  const shown = result.traces.length > rowLimit ? result.traces.slice(0, rowLimit) : result.traces;
  return (
    <>
      <div className="list-header">
        <span className="trace-count" aria-live="polite">
          {countText(result, filtered)}
        </span>
        {result.droppedTraces > 0 && (
          <span
            className="dropped"
            title={`The store keeps the newest ${result.maxTraces.toLocaleString('en-US')} traces`}
          >
            {result.droppedTraces.toLocaleString('en-US')} oldest dropped
          </span>
        )}
      </div>
      {result.traces.length === 0 ? (
        <p className="empty">
          {result.totalTraces > 0 && filtered
            ? 'No trace matches the filters.'
            : 'No traces yet. Press “Place order” to make one.'}
        </p>
      ) : (
        <table className="trace-table">
          <thead>
            <tr>
              <th>Time</th>
              <th>Root span</th>
              <th>Service</th>
              <th className="num">Duration</th>
              <th className="num">Spans</th>
              <th className="num">Errors</th>
              {onToggleCompare && (
                <th className="compare-cell" title="Tick two traces to compare them">
                  Cmp
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {shown.map((trace) => (
              <tr
                key={trace.traceId}
                data-trace-id={trace.traceId}
                className={[
                  trace.traceId === selectedTraceId ? 'selected' : '',
                  trace.errorCount > 0 ? 'failed' : '',
                ]
                  .filter(Boolean)
                  .join(' ')}
                aria-selected={trace.traceId === selectedTraceId}
                tabIndex={0}
                onClick={() => onSelect(trace.traceId)}
                onKeyDown={(event) => event.key === 'Enter' && onSelect(trace.traceId)}
              >
                <td>{formatClockTime(trace.startTimeUnixNano)}</td>
                <td>{trace.rootSpanName}</td>
                <td>{trace.serviceName}</td>
                <td className="num">{formatDuration(trace.durationMicros)}</td>
                <td className="num">{trace.spanCount}</td>
                <td className="num errors">{trace.errorCount > 0 ? trace.errorCount : ''}</td>
                {onToggleCompare && (
                  <td className="compare-cell" onClick={(event) => event.stopPropagation()}>
                    <input
                      type="checkbox"
                      aria-label={`Compare ${trace.traceId}`}
                      checked={comparedTraceIds?.includes(trace.traceId) ?? false}
                      onChange={() => onToggleCompare(trace.traceId)}
                    />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {shown.length < result.traces.length && (
        <button
          type="button"
          className="show-more"
          onClick={() => setRowLimit((limit) => limit + ROWS_PER_PAGE)}
        >
          Show{' '}
          {Math.min(ROWS_PER_PAGE, result.traces.length - shown.length).toLocaleString('en-US')}{' '}
          more (showing {shown.length.toLocaleString('en-US')} of{' '}
          {result.traces.length.toLocaleString('en-US')})
        </button>
      )}
    </>
  );
});
