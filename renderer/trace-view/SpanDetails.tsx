import type { OtlpKeyValue, OtlpLink } from '../../app/contract';
import { formatAnyValue } from '../lib/attributes';
import { formatDuration } from '../lib/format';
import type { TraceModel, ViewSpan } from './trace-model';

const kindNames = ['Unspecified', 'Internal', 'Server', 'Client', 'Producer', 'Consumer'];
const statusNames = ['Unset', 'OK', 'Error'];

interface SpanDetailsProps {
  readonly model: TraceModel;
  readonly span: ViewSpan | undefined;
  readonly onOpenLink: (link: OtlpLink) => void;
  /** Why the last link could not be opened. */
  readonly linkError: string | undefined;
}

function Attributes({
  attributes,
  label,
}: {
  attributes: readonly OtlpKeyValue[] | undefined;
  label: string;
}) {
  if (!attributes || attributes.length === 0) return <p className="muted detail-none">None</p>;
  return (
    <dl className="attributes" aria-label={label}>
      {attributes.map((attribute, index) => (
        <div key={`${attribute.key}-${index}`}>
          <dt>{attribute.key}</dt>
          <dd>{formatAnyValue(attribute.value)}</dd>
        </div>
      ))}
    </dl>
  );
}

export function SpanDetails({ model, span, onOpenLink, linkError }: SpanDetailsProps) {
  if (!span) return <p className="empty">Select a span to see its details.</p>;
  const { span: otlp } = span;
  const resource = model.trace.resources[otlp.resourceIndex];
  const scope = model.trace.scopes[otlp.scopeIndex];
  const statusCode = otlp.status?.code ?? 0;
  const events = otlp.events ?? [];
  const links = otlp.links ?? [];
  return (
    <div className="span-details" aria-label="Span details" role="region">
      <h3 className="detail-title">{otlp.name}</h3>
      <dl className="facts">
        <div>
          <dt>Service</dt>
          <dd>{span.serviceName}</dd>
        </div>
        <div>
          <dt>Kind</dt>
          <dd>{kindNames[otlp.kind] ?? String(otlp.kind)}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd className={statusCode === 2 ? 'error-text' : statusCode === 1 ? 'ok-text' : ''}>
            {statusNames[statusCode] ?? String(statusCode)}
            {otlp.status?.message ? `: ${otlp.status.message}` : ''}
          </dd>
        </div>
        <div>
          <dt>Start</dt>
          <dd>{formatDuration(span.startUs)}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{formatDuration(span.endUs - span.startUs)}</dd>
        </div>
        <div>
          <dt>Span ID</dt>
          <dd>
            <code>{otlp.spanId}</code>
          </dd>
        </div>
        {otlp.parentSpanId && (
          <div>
            <dt>Parent</dt>
            <dd>
              <code>{otlp.parentSpanId}</code>
            </dd>
          </div>
        )}
      </dl>
      <h4>Attributes</h4>
      <Attributes attributes={otlp.attributes} label="Span attributes" />
      <h4>Resource</h4>
      <Attributes attributes={resource?.attributes} label="Resource attributes" />
      <h4>Instrumentation scope</h4>
      {scope ? (
        <>
          <p className="detail-scope">
            {scope.name || <span className="muted">(no name)</span>}
            {scope.version ? ` ${scope.version}` : ''}
          </p>
          {scope.attributes && scope.attributes.length > 0 && (
            <Attributes attributes={scope.attributes} label="Scope attributes" />
          )}
        </>
      ) : (
        <p className="muted detail-none">None</p>
      )}
      <h4>Events ({events.length})</h4>
      {events.length === 0 ? (
        <p className="muted detail-none">None</p>
      ) : (
        <table className="detail-events" aria-label="Span events">
          <thead>
            <tr>
              <th className="num">Offset</th>
              <th>Event</th>
              <th>Attributes</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event, index) => (
              <tr key={index}>
                <td className="num">{formatDuration(span.eventOffsetsUs[index]!)}</td>
                <td>{event.name}</td>
                <td>
                  <Attributes attributes={event.attributes} label={`${event.name} attributes`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h4>Links ({links.length})</h4>
      {links.length === 0 ? (
        <p className="muted detail-none">None</p>
      ) : (
        <ul className="detail-links">
          {links.map((link, index) => (
            <li key={index}>
              <button type="button" className="link-button" onClick={() => onOpenLink(link)}>
                Open linked span {link.spanId}
              </button>{' '}
              <span className="muted">
                in trace <code>{link.traceId}</code>
              </span>
              {link.attributes && link.attributes.length > 0 && (
                <Attributes attributes={link.attributes} label="Link attributes" />
              )}
            </li>
          ))}
        </ul>
      )}
      {linkError && (
        <p className="notice notice-error" role="alert">
          {linkError}
        </p>
      )}
    </div>
  );
}
