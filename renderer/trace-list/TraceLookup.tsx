import { useState, type FormEvent } from 'react';
import type { LookupTraceResult, TraceSummary } from '../../app/contract';
import { formatDuration } from '../lib/format';
import type { TraceRoute } from '../routing/trace-route';
import { parseTraceLookupInput } from './trace-lookup-input';

interface TraceLookupProps {
  /** Looks the digits up in the source chosen above the list (the local store or a Jaeger). */
  readonly lookup: (idPrefix: string) => Promise<LookupTraceResult>;
  /** How the source is named in messages, e.g. "the local store". */
  readonly sourceName: string;
  /** A remote source's id, for the routes of the traces it finds; absent for the local store. */
  readonly source?: string | undefined;
  readonly onOpen: (route: TraceRoute) => void;
}

type Outcome =
  | { readonly kind: 'message'; readonly text: string; readonly error: boolean }
  | { readonly kind: 'choices'; readonly prefix: string; readonly result: LookupTraceResult };

/** "Open trace by id": a whole id, its first digits, or a Spanlight link. */
export function TraceLookup({ lookup, sourceName, source, onOpen }: TraceLookupProps) {
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<Outcome>();
  const [busy, setBusy] = useState(false);

  const open = (summary: TraceSummary) => {
    setOutcome(undefined);
    setText('');
    onOpen({ traceId: summary.traceId, ...(source !== undefined && { source }) });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = parseTraceLookupInput(text);
    if (input.kind === 'empty') return;
    if (input.kind === 'invalid') {
      setOutcome({
        kind: 'message',
        text: `Cannot open “${text.trim()}”: ${input.message}.`,
        error: true,
      });
      return;
    }
    if (input.kind === 'link') {
      setOutcome(undefined);
      setText('');
      onOpen(input.route);
      return;
    }
    setBusy(true);
    try {
      const result = await lookup(input.prefix);
      if (result.matchCount === 1 && result.matches[0]) open(result.matches[0]);
      else if (result.matchCount === 0) {
        setOutcome({
          kind: 'message',
          text:
            source !== undefined && input.prefix.length !== 16 && input.prefix.length !== 32
              ? `No trace listed from ${sourceName} has an id starting with ${input.prefix} (a Jaeger is asked by whole id, 16 or 32 digits; fewer are looked up among the search's results).`
              : `No trace in ${sourceName} has an id starting with ${input.prefix}.`,
          error: true,
        });
      } else setOutcome({ kind: 'choices', prefix: input.prefix, result });
    } catch (error) {
      setOutcome({ kind: 'message', text: (error as Error).message, error: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="trace-lookup">
      <form role="search" aria-label="Open trace by id" onSubmit={(event) => void submit(event)}>
        <input
          type="search"
          aria-label="Trace id, prefix or link"
          placeholder="Open trace: id, prefix or link"
          spellCheck={false}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setOutcome(undefined);
          }}
        />
        <button type="submit" disabled={busy || text.trim() === ''}>
          Open
        </button>
      </form>
      {outcome?.kind === 'message' && (
        <p className={outcome.error ? 'lookup-message error-text' : 'lookup-message'} role="alert">
          {outcome.text}
        </p>
      )}
      {outcome?.kind === 'choices' && (
        <div className="lookup-choices" role="group" aria-label="Traces with this id prefix">
          <p className="lookup-message">
            {outcome.result.matchCount.toLocaleString('en-US')} traces start with{' '}
            <code>{outcome.prefix}</code>
            {outcome.result.matchCount > outcome.result.matches.length
              ? ` (the newest ${outcome.result.matches.length} below); type more digits`
              : ''}
            :
          </p>
          <ul>
            {outcome.result.matches.map((summary) => (
              <li key={summary.traceId}>
                <button type="button" className="link-button" onClick={() => open(summary)}>
                  <code>{summary.traceId}</code>
                </button>{' '}
                <span className="muted">
                  {summary.rootSpanName || '(no root yet)'} ·{' '}
                  {formatDuration(summary.durationMicros)}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
