import type { ReactNode } from 'react';
import {
  OtlpStatusCode,
  type OtlpKeyValue,
  type OtlpLink,
  type SpanDetail,
} from '../../app/contract';
import { formatAnyValue } from '../lib/attributes';
import { formatDuration } from '../lib/format';
import type { ViewSpan } from './trace-model';

const kindNames = ['Unspecified', 'Internal', 'Server', 'Client', 'Producer', 'Consumer'];
const statusNames = ['Unset', 'OK', 'Error'];

interface SpanDetailsProps {
  readonly span: ViewSpan | undefined;
  /** The span's attributes, resource, scope, events and links, once the core answered. */
  readonly detail: SpanDetail | undefined;
  readonly detailError: string | undefined;
  readonly onOpenLink: (link: OtlpLink) => void;
  /** Why the last link could not be opened. */
  readonly linkError: string | undefined;
  /** Copies a link that opens this span. */
  readonly onCopyLink?: (span: ViewSpan) => void;
  /** Buttons beside the title (e.g. focus on this span). */
  readonly actions?: ReactNode;
  /** More sections after the links (backlinks, explain mode). */
  readonly children?: ReactNode;
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

export function SpanDetails({
  span,
  detail,
  detailError,
  onOpenLink,
  linkError,
  onCopyLink,
  actions,
  children,
}: SpanDetailsProps) {
  if (!span) return <p className="empty">Select a span to see its details.</p>;
  const full = detail?.span.spanId === span.spanId ? detail : undefined;
  return (
    <div className="span-details" aria-label="Span details" role="region">
      <div className="detail-heading">
        <h3 className="detail-title">{span.name}</h3>
        {onCopyLink && (
          <button
            type="button"
            className="link-button"
            title="Copy a link that opens this span"
            onClick={() => onCopyLink(span)}
          >
            Copy link
          </button>
        )}
        {actions}
      </div>
      <dl className="facts">
        <div>
          <dt>Service</dt>
          <dd>{span.serviceName}</dd>
        </div>
        <div>
          <dt>Kind</dt>
          <dd>{kindNames[span.kind] ?? String(span.kind)}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd
            className={
              span.statusCode === OtlpStatusCode.ERROR
                ? 'error-text'
                : span.statusCode === OtlpStatusCode.OK
                  ? 'ok-text'
                  : ''
            }
          >
            {statusNames[span.statusCode] ?? String(span.statusCode)}
            {span.statusMessage ? `: ${span.statusMessage}` : ''}
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
            <code>{span.spanId}</code>
          </dd>
        </div>
        {full?.span.parentSpanId && (
          <div>
            <dt>Parent</dt>
            <dd>
              <code>{full.span.parentSpanId}</code>
            </dd>
          </div>
        )}
      </dl>
      {detailError && (
        <p className="notice notice-error" role="alert">
          {detailError}
        </p>
      )}
      {!full ? (
        !detailError && <p className="muted">Loading attributes…</p>
      ) : (
        <FullDetails span={span} detail={full} onOpenLink={onOpenLink} />
      )}
      {linkError && (
        <p className="notice notice-error" role="alert">
          {linkError}
        </p>
      )}
      {children}
    </div>
  );
}

function FullDetails({
  span,
  detail,
  onOpenLink,
}: {
  span: ViewSpan;
  detail: SpanDetail;
  onOpenLink: (link: OtlpLink) => void;
}) {
  const { scope } = detail;
  const events = detail.span.events ?? [];
  const links = detail.span.links ?? [];
  return (
    <>
      <h4>Attributes</h4>
      <Attributes attributes={detail.span.attributes} label="Span attributes" />
      <h4>Resource</h4>
      <Attributes attributes={detail.resource?.attributes} label="Resource attributes" />
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
                <td className="num">{formatDuration(span.eventOffsetsUs[index] ?? NaN)}</td>
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
    </>
  );
}
