import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type {
  SourceFailure,
  SourceInfo,
  SourceOperation,
  SourceSearchResult,
  SpanlightApi,
} from '../../app/contract';
import {
  buildSourceQuery,
  initialRemoteSearchFields,
  timeRanges,
  type RemoteSearchFields,
  type TimeRangeId,
} from './remote-search-input';
import { SourceProgress, useSourceRequest } from './use-source-request';

export type RemoteSearchOutcome =
  | { readonly ok: true; readonly result: SourceSearchResult }
  | { readonly ok: false; readonly error: SourceFailure };

type Choices<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'loaded'; readonly items: readonly T[] }
  | { readonly state: 'failed'; readonly message: string };

function failureOf(error: unknown): SourceFailure {
  return { kind: 'invalid-answer', message: (error as Error).message };
}

/** Jaeger's search form for one source: the service and operation lists come from the source. */
export function RemoteSearchForm({
  api,
  sourceId,
  sourceName,
  sourceInfo,
  onOutcome,
}: {
  readonly api: SpanlightApi;
  readonly sourceId: string;
  readonly sourceName: string;
  /** The source as last listed: a new one (it was edited) lists the services again. */
  readonly sourceInfo: SourceInfo | undefined;
  readonly onOutcome: (outcome: RemoteSearchOutcome) => void;
}) {
  const [fields, setFields] = useState<RemoteSearchFields>(initialRemoteSearchFields);
  const [services, setServices] = useState<Choices<string>>({ state: 'loading' });
  const [operations, setOperations] = useState<Choices<SourceOperation>>({
    state: 'loaded',
    items: [],
  });
  const [servicesSerial, setServicesSerial] = useState(0);
  const [tried, setTried] = useState(false);
  const search = useSourceRequest(api, 'search');
  const servicesRequest = useSourceRequest(api, 'services');
  const runServices = servicesRequest.run;

  useEffect(() => {
    let live = true;
    setServices({ state: 'loading' });
    runServices((requestId) => api.getSourceServices({ sourceId, requestId })).then(
      (answer) => {
        if (!live) return;
        if (!answer.ok) setServices({ state: 'failed', message: answer.error.message });
        else {
          setServices({ state: 'loaded', items: answer.services });
          setFields((current) =>
            current.service === '' && answer.services.length === 1
              ? { ...current, service: answer.services[0]! }
              : current,
          );
        }
      },
      (error: Error) => live && setServices({ state: 'failed', message: error.message }),
    );
    return () => {
      live = false;
    };
  }, [api, sourceId, servicesSerial, runServices, sourceInfo]);

  useEffect(() => {
    let live = true;
    if (fields.service === '') {
      setOperations({ state: 'loaded', items: [] });
      return;
    }
    setOperations({ state: 'loading' });
    api.getSourceOperations({ sourceId, service: fields.service }).then(
      (answer) =>
        live &&
        setOperations(
          answer.ok
            ? { state: 'loaded', items: answer.operations }
            : { state: 'failed', message: answer.error.message },
        ),
      (error: Error) => live && setOperations({ state: 'failed', message: error.message }),
    );
    return () => {
      live = false;
    };
  }, [api, sourceId, fields.service]);

  const { problems } = buildSourceQuery(fields, Date.now());
  const shownProblems = tried ? problems : { ...problems, service: undefined };
  const change = (patch: Partial<RemoteSearchFields>) =>
    setFields((current) => ({ ...current, ...patch }));

  const submit = useCallback(
    (event: FormEvent) => {
      event.preventDefault();
      setTried(true);
      // The range is counted from the moment of the search.
      const built = buildSourceQuery(fields, Date.now()).query;
      if (!built) return;
      void search
        .run((requestId) => api.searchSource({ sourceId, requestId, query: built }))
        .then(
          (answer) =>
            onOutcome(
              answer.ok ? { ok: true, result: answer } : { ok: false, error: answer.error },
            ),
          (error) => onOutcome({ ok: false, error: failureOf(error) }),
        );
    },
    [api, fields, onOutcome, search, sourceId],
  );

  const serviceNames = services.state === 'loaded' ? services.items : [];
  const operationNames = [
    ...new Set(operations.state === 'loaded' ? operations.items.map((op) => op.name) : []),
  ].sort();

  return (
    <form className="remote-search" aria-label={`Search ${sourceName}`} onSubmit={submit}>
      {services.state === 'loading' && servicesRequest.pending && (
        <SourceProgress
          label={`Loading the services of ${sourceName}…`}
          pending={servicesRequest.pending}
          onCancel={servicesRequest.cancel}
        />
      )}
      {services.state === 'failed' && (
        <div className="notice notice-error" role="alert">
          {services.message}{' '}
          <button type="button" onClick={() => setServicesSerial((n) => n + 1)}>
            Try again
          </button>
        </div>
      )}
      <div className="remote-search-row">
        <label className="filter-field">
          <span>Service</span>
          <select
            value={fields.service}
            aria-invalid={shownProblems.service !== undefined}
            onChange={(event) => change({ service: event.target.value, operation: '' })}
          >
            <option value="">
              {services.state === 'loading' ? 'Loading services…' : 'Choose a service'}
            </option>
            {serviceNames.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label className="filter-field">
          <span>Operation</span>
          <select
            value={fields.operation}
            onChange={(event) => change({ operation: event.target.value })}
          >
            <option value="">
              {operations.state === 'loading' ? 'Loading operations…' : 'Any operation'}
            </option>
            {operationNames.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {operations.state === 'failed' && (
        <p className="field-problem" role="alert">
          {operations.message}
        </p>
      )}
      <label className="filter-field">
        <span>Attributes</span>
        <input
          type="text"
          value={fields.attributes}
          placeholder="http.status_code=500 customer.tier=gold"
          spellCheck={false}
          aria-invalid={shownProblems.attributes !== undefined}
          onChange={(event) => change({ attributes: event.target.value })}
        />
      </label>
      {shownProblems.attributes && <p className="field-problem">{shownProblems.attributes}</p>}
      <div className="remote-search-row">
        <label className="filter-field">
          <span>Time range</span>
          <select
            value={fields.timeRange}
            onChange={(event) => change({ timeRange: event.target.value as TimeRangeId })}
          >
            {timeRanges.map((range) => (
              <option key={range.id} value={range.id}>
                {range.label}
              </option>
            ))}
          </select>
        </label>
        {fields.timeRange === 'custom' && (
          <>
            <label className="filter-field">
              <span>From</span>
              <input
                type="datetime-local"
                value={fields.from}
                aria-invalid={shownProblems.from !== undefined}
                onChange={(event) => change({ from: event.target.value })}
              />
            </label>
            <label className="filter-field">
              <span>To</span>
              <input
                type="datetime-local"
                value={fields.to}
                aria-invalid={shownProblems.to !== undefined}
                onChange={(event) => change({ to: event.target.value })}
              />
            </label>
          </>
        )}
      </div>
      {(shownProblems.from || shownProblems.to) && (
        <p className="field-problem">Custom range: {shownProblems.from ?? shownProblems.to}</p>
      )}
      <div className="remote-search-row">
        <label className="filter-field">
          <span>Min duration</span>
          <input
            type="text"
            value={fields.minDuration}
            placeholder="250ms"
            aria-invalid={shownProblems.minDuration !== undefined}
            onChange={(event) => change({ minDuration: event.target.value })}
          />
        </label>
        <label className="filter-field">
          <span>Max duration</span>
          <input
            type="text"
            value={fields.maxDuration}
            placeholder="2s"
            aria-invalid={shownProblems.maxDuration !== undefined}
            onChange={(event) => change({ maxDuration: event.target.value })}
          />
        </label>
        <label className="filter-field">
          <span>Limit</span>
          <input
            type="number"
            min={1}
            max={1500}
            value={fields.limit}
            aria-invalid={shownProblems.limit !== undefined}
            onChange={(event) => change({ limit: event.target.value })}
          />
        </label>
      </div>
      {(shownProblems.minDuration || shownProblems.maxDuration || shownProblems.limit) && (
        <p className="field-problem">
          {shownProblems.minDuration
            ? `Min duration: ${shownProblems.minDuration}`
            : shownProblems.maxDuration
              ? `Max duration: ${shownProblems.maxDuration}`
              : `Limit: ${shownProblems.limit}`}
        </p>
      )}
      {tried && shownProblems.service && (
        <p className="field-problem">Service: {problems.service}</p>
      )}
      <div className="remote-search-actions">
        <button type="submit" className="primary" disabled={search.pending !== undefined}>
          Find traces
        </button>
        {search.pending && (
          <SourceProgress
            label={`Searching ${sourceName}…`}
            pending={search.pending}
            onCancel={search.cancel}
          />
        )}
      </div>
    </form>
  );
}
