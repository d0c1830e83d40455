import type { SourceExcerpt, SourceMark, SpanDetail } from '../../app/contract';
import { formatAnyValue } from '../lib/attributes';
import type { ExplanationState } from './use-analysis-data';

const styleNames = {
  wrapper: 'Decorator style: a wrapper around each call',
  manual: 'Manual style: opened and nested by hand',
} as const;

const fileName = (file: string) => file.slice(file.lastIndexOf('/') + 1);

function Excerpt({ excerpt }: { excerpt: SourceExcerpt }) {
  const marksByLine = new Map<number, SourceMark[]>();
  for (const mark of excerpt.marks) {
    const list = marksByLine.get(mark.line);
    if (list) list.push(mark);
    else marksByLine.set(mark.line, [mark]);
  }
  const last = excerpt.firstLine + excerpt.lines.length - 1;
  return (
    <figure className="explain-excerpt">
      <figcaption>
        <code>{excerpt.file}</code>{' '}
        <span className="muted">
          lines {excerpt.firstLine}–{last}
        </span>
      </figcaption>
      <div className="explain-code" role="list" aria-label={`Source of ${excerpt.file}`}>
        {excerpt.lines.map((text, index) => {
          const line = excerpt.firstLine + index;
          const marks = marksByLine.get(line);
          const making = marks?.some((mark) => ['creates', 'wraps', 'opens'].includes(mark.kind));
          return (
            <div
              key={line}
              role="listitem"
              data-line={line}
              className={`explain-line${marks ? ' marked' : ''}${making ? ' making' : ''}`}
            >
              <span className="explain-number" aria-hidden="true">
                {line}
              </span>
              <code className="explain-text">{text || ' '}</code>
              {marks && (
                <span className="explain-note">{marks.map((mark) => mark.note).join('; ')}</span>
              )}
            </div>
          );
        })}
      </div>
    </figure>
  );
}

/** Where a key (attribute or event) is set, as `file:line`, from the explanation's marks. */
function whereSet(excerpts: readonly SourceExcerpt[], kinds: readonly string[], key: string) {
  for (const excerpt of excerpts)
    for (const mark of excerpt.marks)
      if (kinds.includes(mark.kind) && mark.key === key)
        return `${fileName(excerpt.file)}:${mark.line}`;
  return undefined;
}

/** Explain mode: the lines of the sample workflow's source that made the selected span. */
export function ExplainPanel({
  state,
  detail,
}: {
  state: ExplanationState;
  detail: SpanDetail | undefined;
}) {
  const { explanation, error } = state;
  if (error)
    return (
      <p className="notice notice-error" role="alert">
        Explain: {error}
      </p>
    );
  // null: not one of the workflow's own spans; undefined: not answered yet.
  if (!explanation) return null;
  if (!explanation.available)
    return (
      <section className="explain" aria-label="How this span was made">
        <h4>How this span was made</h4>
        <p className="notice notice-error">{explanation.reason}</p>
      </section>
    );
  const { excerpts } = explanation;
  const attributes = detail?.span.attributes ?? [];
  const events = detail?.span.events ?? [];
  return (
    <section className="explain" aria-label="How this span was made">
      <h4>How this span was made</h4>
      <p className={`explain-style explain-style-${explanation.style}`}>
        {styleNames[explanation.style]}
      </p>
      <p className="explain-summary">{explanation.summary}</p>
      <p className="muted explain-styles">
        The sample workflow makes spans both ways the tutorial shows: <strong>wrapped</strong> —
        withSpan(tracer, name, fn) turns every call of fn into a span (authorize-payment, send
        confirmation-email); and <strong>by hand</strong> — tracer.startActiveSpan(name, …) opens a
        span that spans opened inside its callback nest under (place-order, INSERT orders, the
        confirmation GET).
      </p>
      {excerpts.map((excerpt) => (
        <Excerpt key={`${excerpt.file}:${excerpt.firstLine}`} excerpt={excerpt} />
      ))}
      {(attributes.length > 0 || events.length > 0) && (
        <table className="explain-origins" aria-label="Where its attributes and events are set">
          <thead>
            <tr>
              <th>Attribute or event</th>
              <th>Value</th>
              <th>Set at</th>
            </tr>
          </thead>
          <tbody>
            {attributes.map((attribute, index) => (
              <tr key={`a-${attribute.key}-${index}`}>
                <td>
                  <code>{attribute.key}</code>
                </td>
                <td>{formatAnyValue(attribute.value)}</td>
                <td>{whereSet(excerpts, ['attribute'], attribute.key) ?? '–'}</td>
              </tr>
            ))}
            {events.map((event, index) => (
              <tr key={`e-${event.name}-${index}`}>
                <td>
                  event <code>{event.name}</code>
                </td>
                <td className="muted">{event.attributes?.length ?? 0} attributes</td>
                <td>{whereSet(excerpts, ['event', 'exception'], event.name) ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
