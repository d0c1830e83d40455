import { useState, type FormEvent } from 'react';
import type { SourceInfo, SpanlightApi } from '../../app/contract';
import { authorizationProblem, sourceUrlProblem } from '../../app/model/sources';
import { useClientActions, useClientState } from '../store/use-client-store';

interface Message {
  readonly text: string;
  readonly error: boolean;
}

interface Draft {
  /** The source being edited; undefined while adding one. */
  readonly editing: SourceInfo | undefined;
  readonly name: string;
  readonly baseUrl: string;
  /** A new Authorization value; '' keeps the saved one (or adds none). */
  readonly authorization: string;
  readonly removeAuthorization: boolean;
}

const emptyDraft: Draft = {
  editing: undefined,
  name: '',
  baseUrl: '',
  authorization: '',
  removeAuthorization: false,
};

function failureText(error: unknown): string {
  return (error as Error).message.replace(/^\w+: /, '');
}

/** Add, change, test and remove the Jaeger query services to browse; the Authorization value is
 * sent to the core and never shown back (the core answers only whether a source has one). */
export function SourceDialog({
  api,
  sources,
  onClose,
  onAdded,
}: {
  readonly api: SpanlightApi;
  readonly sources: readonly SourceInfo[];
  readonly onClose: () => void;
  /** A source was added: the picker selects it. */
  readonly onAdded: (sourceId: string) => void;
}) {
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [message, setMessage] = useState<Message>();
  const [tests, setTests] = useState<Record<string, Message | 'testing'>>({});
  const actions = useClientActions();
  const settings = useClientState((state) => state.settings.value);
  const [timeout, setTimeoutText] = useState<string>();
  const [limit, setLimitText] = useState<string>();

  const urlProblem =
    draft.baseUrl.trim() === '' ? undefined : sourceUrlProblem(draft.baseUrl.trim());
  const authProblem =
    draft.authorization === '' ? undefined : authorizationProblem(draft.authorization);

  const edit = (source: SourceInfo) => {
    setMessage(undefined);
    setDraft({ ...emptyDraft, editing: source, name: source.name, baseUrl: source.baseUrl });
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (draft.baseUrl.trim() === '') {
      setMessage({ text: 'Give the base URL of the Jaeger (where its UI is).', error: true });
      return;
    }
    if (urlProblem || authProblem) return;
    const name = draft.name.trim();
    try {
      if (draft.editing) {
        const authorization = draft.removeAuthorization
          ? { authorization: null }
          : draft.authorization !== ''
            ? { authorization: draft.authorization }
            : {};
        const { source } = await api.updateSource({
          sourceId: draft.editing.id,
          ...(name !== '' && { name }),
          baseUrl: draft.baseUrl.trim(),
          ...authorization,
        });
        setMessage({ text: `Saved ${source.name}.`, error: false });
      } else {
        const { source } = await api.addSource({
          ...(name !== '' && { name }),
          baseUrl: draft.baseUrl.trim(),
          ...(draft.authorization !== '' && { authorization: draft.authorization }),
        });
        setMessage({ text: `Added ${source.name}.`, error: false });
        onAdded(source.id);
      }
      setDraft(emptyDraft);
    } catch (error) {
      setMessage({ text: failureText(error), error: true });
    }
  };

  const test = async (source: SourceInfo) => {
    setTests((current) => ({ ...current, [source.id]: 'testing' }));
    let result: Message;
    try {
      const answer = await api.getSourceServices({ sourceId: source.id });
      result = answer.ok
        ? {
            text: `Answered: ${answer.services.length} service${answer.services.length === 1 ? '' : 's'}.`,
            error: false,
          }
        : { text: answer.error.message, error: true };
    } catch (error) {
      result = { text: failureText(error), error: true };
    }
    setTests((current) => ({ ...current, [source.id]: result }));
  };

  const remove = async (source: SourceInfo) => {
    try {
      await api.removeSource({ sourceId: source.id });
      setMessage({ text: `Removed ${source.name}.`, error: false });
      if (draft.editing?.id === source.id) setDraft(emptyDraft);
    } catch (error) {
      setMessage({ text: failureText(error), error: true });
    }
  };

  const saveLimits = async () => {
    const request = {
      ...(timeout !== undefined && { sourceTimeoutSeconds: Number(timeout) }),
      ...(limit !== undefined && { sourceResponseLimitMiB: Number(limit) }),
    };
    try {
      await actions.updateSettings(request);
      setTimeoutText(undefined);
      setLimitText(undefined);
      setMessage({ text: 'Saved the timeout and the response limit.', error: false });
    } catch (error) {
      setMessage({ text: failureText(error), error: true });
    }
  };

  return (
    <section className="popover-panel source-dialog" role="dialog" aria-label="Sources">
      <div className="source-dialog-head">
        <h2>Jaeger sources</h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {sources.length === 0 ? (
        <p className="empty">No Jaeger yet: add its query service below.</p>
      ) : (
        <ul className="source-items">
          {sources.map((source) => {
            const tested = tests[source.id];
            return (
              <li key={source.id} aria-label={source.name}>
                <div className="source-item-text">
                  <strong>{source.name}</strong> <code>{source.baseUrl}</code>
                  {source.hasAuthorization && <span> · Authorization set</span>}
                  {!source.saved && <span> · this run only (--jaeger-url)</span>}
                  {source.api && <span> · api/{source.api === 'v3' ? 'v3' : 'older /api'}</span>}
                </div>
                <div className="source-item-actions">
                  <button type="button" onClick={() => edit(source)}>
                    Edit
                  </button>
                  <button
                    type="button"
                    onClick={() => void test(source)}
                    disabled={tested === 'testing'}
                  >
                    {tested === 'testing' ? 'Testing…' : 'Test'}
                  </button>
                  <button type="button" onClick={() => void remove(source)}>
                    Remove
                  </button>
                </div>
                {tested && tested !== 'testing' && (
                  <p
                    className={tested.error ? 'source-message notice-error' : 'source-message'}
                    role={tested.error ? 'alert' : 'status'}
                  >
                    {tested.text}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <form
        className="source-form"
        aria-label={draft.editing ? `Edit ${draft.editing.name}` : 'Add a source'}
        onSubmit={(event) => void save(event)}
      >
        <h3>{draft.editing ? `Edit ${draft.editing.name}` : 'Add a source'}</h3>
        <label className="source-field">
          Name
          <input
            type="text"
            value={draft.name}
            placeholder="its host and port when left empty"
            onChange={(event) => setDraft({ ...draft, name: event.target.value })}
          />
        </label>
        <label className="source-field">
          Base URL (where Jaeger&apos;s UI is, with its path prefix if any)
          <input
            type="text"
            value={draft.baseUrl}
            spellCheck={false}
            placeholder="http://jaeger.example.com:16686"
            aria-invalid={urlProblem !== undefined}
            onChange={(event) => setDraft({ ...draft, baseUrl: event.target.value })}
          />
        </label>
        {urlProblem && <p className="field-problem">{urlProblem}</p>}
        <label className="source-field">
          Authorization header value (optional)
          <input
            type="password"
            autoComplete="off"
            value={draft.authorization}
            disabled={draft.removeAuthorization}
            placeholder={
              draft.editing?.hasAuthorization
                ? 'saved (hidden); type a new one to replace it'
                : 'Bearer <token> or Basic <base64>'
            }
            aria-invalid={authProblem !== undefined}
            onChange={(event) => setDraft({ ...draft, authorization: event.target.value })}
          />
        </label>
        {authProblem && <p className="field-problem">The Authorization value {authProblem}.</p>}
        {draft.editing?.hasAuthorization && (
          <label className="source-field source-check">
            <input
              type="checkbox"
              checked={draft.removeAuthorization}
              onChange={(event) =>
                setDraft({ ...draft, removeAuthorization: event.target.checked })
              }
            />
            Remove the saved Authorization value
          </label>
        )}
        <div className="source-actions">
          <button type="submit" className="primary">
            {draft.editing ? 'Save' : 'Add'}
          </button>
          {draft.editing && (
            <button type="button" onClick={() => setDraft(emptyDraft)}>
              Cancel edit
            </button>
          )}
        </div>
      </form>
      {message && (
        <p
          className={message.error ? 'source-message notice-error' : 'source-message'}
          role={message.error ? 'alert' : 'status'}
        >
          {message.text}
        </p>
      )}
      {settings && (
        <div className="source-limits">
          <label className="source-field">
            Timeout (seconds without an answer)
            <input
              type="number"
              min={1}
              max={600}
              value={timeout ?? settings.settings.sourceTimeoutSeconds}
              onChange={(event) => setTimeoutText(event.target.value)}
            />
          </label>
          <label className="source-field">
            Response limit (MiB)
            <input
              type="number"
              min={1}
              max={480}
              value={limit ?? settings.settings.sourceResponseLimitMiB}
              onChange={(event) => setLimitText(event.target.value)}
            />
          </label>
          <button
            type="button"
            disabled={timeout === undefined && limit === undefined}
            onClick={() => void saveLimits()}
          >
            Save limits
          </button>
        </div>
      )}
    </section>
  );
}
