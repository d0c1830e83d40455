import type { Backlink } from '../../app/contract';
import { formatAnyValue } from '../lib/attributes';
import type { BacklinksState } from './use-analysis-data';

interface BacklinksProps {
  readonly state: BacklinksState;
  readonly onOpen: (backlink: Backlink) => void;
}

/** The stored spans whose links point at the selected span; each opens its span. */
export function Backlinks({ state, onOpen }: BacklinksProps) {
  const { result, error } = state;
  return (
    <section className="backlinks" aria-label="Backlinks">
      <h4>Linked from ({result ? result.total.toLocaleString('en-US') : '…'})</h4>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      {result && result.total === 0 && (
        <p className="muted detail-none">No stored span links to this span</p>
      )}
      {result && result.backlinks.length > 0 && (
        <ul className="detail-links">
          {result.backlinks.map((backlink, index) => (
            <li key={`${backlink.traceId}/${backlink.spanId}/${index}`}>
              <button type="button" className="link-button" onClick={() => onOpen(backlink)}>
                Open linking span {backlink.spanName}
              </button>{' '}
              <span className="muted">
                ({backlink.serviceName}) <code>{backlink.spanId}</code> in trace{' '}
                <code>{backlink.traceId}</code>
              </span>
              {backlink.attributes.length > 0 && (
                <span className="muted backlink-attributes">
                  {' '}
                  {backlink.attributes
                    .map((attribute) => `${attribute.key}=${formatAnyValue(attribute.value)}`)
                    .join('  ')}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {result && result.total > result.backlinks.length && (
        <p className="muted">
          The first {result.backlinks.length.toLocaleString('en-US')} of{' '}
          {result.total.toLocaleString('en-US')}.
        </p>
      )}
    </section>
  );
}
