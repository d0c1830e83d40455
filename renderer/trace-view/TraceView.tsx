import { useMemo } from 'react';
import { OtlpStatusCode, type AppSpan, type TraceDetail } from '../../app/contract';
import { formatAnyValue, serviceName } from '../lib/attributes';
import { formatDuration, microsBetween } from '../lib/format';
import { orderSpanTree } from './span-tree';

interface TraceViewProps {
  readonly trace: TraceDetail | undefined;
  readonly loading: boolean;
  readonly error: string | undefined;
  readonly selectedTraceId: string | undefined;
}

const kindNames = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];

function statusLabel(span: AppSpan): { text: string; className: string } {
  if (span.status?.code === OtlpStatusCode.ERROR)
    return { text: 'Error', className: 'status-error' };
  if (span.status?.code === OtlpStatusCode.OK) return { text: 'OK', className: 'status-ok' };
  return { text: 'Unset', className: 'status-unset' };
}

export function TraceView({ trace, loading, error, selectedTraceId }: TraceViewProps) {
  const rows = useMemo(() => (trace ? orderSpanTree(trace.spans) : []), [trace]);
  const events = useMemo(() => {
    if (!trace) return [];
    return trace.spans
      .flatMap((span) => (span.events ?? []).map((event) => ({ span, event })))
      .sort((a, b) => (BigInt(a.event.timeUnixNano) < BigInt(b.event.timeUnixNano) ? -1 : 1));
  }, [trace]);

  if (!selectedTraceId) return <p className="empty">Select a trace to see its spans and events.</p>;
  if (error) return <p className="notice notice-error">{error}</p>;
  if (!trace) return <p className="empty">{loading ? 'Loading trace…' : ''}</p>;
  const traceStart = rows.reduce(
    (min, row) =>
      BigInt(row.span.startTimeUnixNano) < BigInt(min) ? row.span.startTimeUnixNano : min,
    rows[0]?.span.startTimeUnixNano ?? '0',
  );

  return (
    <div className="trace-view">
      <h2 className="trace-title">
        Trace <code>{trace.traceId}</code>
      </h2>
      <table className="span-tree" aria-label="Spans">
        <thead>
          <tr>
            <th>Span</th>
            <th>Service</th>
            <th>Kind</th>
            <th className="num">Start</th>
            <th className="num">Duration</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ span, depth }) => {
            const status = statusLabel(span);
            return (
              <tr key={span.spanId} data-span-id={span.spanId} className={status.className}>
                <td className="span-name" style={{ paddingLeft: `${0.5 + depth * 1.25}rem` }}>
                  {span.name}
                </td>
                <td>{serviceName(trace.resources[span.resourceIndex])}</td>
                <td>{kindNames[span.kind] ?? span.kind}</td>
                <td className="num">
                  {formatDuration(microsBetween(traceStart, span.startTimeUnixNano))}
                </td>
                <td className="num">
                  {formatDuration(microsBetween(span.startTimeUnixNano, span.endTimeUnixNano))}
                </td>
                <td>
                  <span className="status">{status.text}</span>
                  {span.status?.message ? (
                    <span className="status-message"> {span.status.message}</span>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h3>Events</h3>
      {events.length === 0 ? (
        <p className="empty">This trace has no span events.</p>
      ) : (
        <table className="event-list" aria-label="Events">
          <thead>
            <tr>
              <th className="num">Offset</th>
              <th>Span</th>
              <th>Event</th>
              <th>Attributes</th>
            </tr>
          </thead>
          <tbody>
            {events.map(({ span, event }, index) => (
              <tr
                key={`${span.spanId}-${index}`}
                className={event.name === 'exception' ? 'status-error' : ''}
              >
                <td className="num">
                  {formatDuration(microsBetween(traceStart, event.timeUnixNano))}
                </td>
                <td>{span.name}</td>
                <td>{event.name}</td>
                <td>
                  <dl className="attributes">
                    {(event.attributes ?? []).map((attribute) => (
                      <div key={attribute.key}>
                        <dt>{attribute.key}</dt>
                        <dd>{formatAnyValue(attribute.value)}</dd>
                      </div>
                    ))}
                  </dl>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
