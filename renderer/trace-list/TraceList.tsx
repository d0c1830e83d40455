import type { TraceListResult } from '../../app/contract';
import { formatClockTime, formatDuration } from '../lib/format';

interface TraceListProps {
  readonly result: TraceListResult | undefined;
  readonly selectedTraceId: string | undefined;
  readonly onSelect: (traceId: string) => void;
}

export function TraceList({ result, selectedTraceId, onSelect }: TraceListProps) {
  if (!result) return <p className="empty">Loading traces…</p>;
  return (
    <>
      <div className="list-header">
        <span>
          {result.totalTraces.toLocaleString('en-US')} trace{result.totalTraces === 1 ? '' : 's'}
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
        <p className="empty">No traces yet. Press “Place order” to make one.</p>
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
            </tr>
          </thead>
          <tbody>
            {result.traces.map((trace) => (
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
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
