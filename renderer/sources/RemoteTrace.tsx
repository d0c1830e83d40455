import { useEffect, useState, type ReactNode } from 'react';
import type { SourceFailure, SpanlightApi } from '../../app/contract';
import { SourceProgress, useSourceRequest } from './use-source-request';

type Opening =
  | { readonly state: 'loading' }
  | { readonly state: 'failed'; readonly error: SourceFailure }
  | { readonly state: 'ready'; readonly warnings: readonly string[] };

/**
 * A trace of a remote source: fetched first (a spinner with Cancel, the bytes received, or the
 * failure in words with Try again), then shown by `children` (the viewer, reading it from the
 * core's copy through a source-scoped api).
 */
export function RemoteTraceGate({
  api,
  sourceId,
  sourceName,
  traceId,
  actions,
  children,
}: {
  readonly api: SpanlightApi;
  readonly sourceId: string;
  readonly sourceName: string;
  readonly traceId: string;
  /** Controls for the bar above the shown trace (Keep a copy). */
  readonly actions?: ReactNode;
  readonly children: ReactNode;
}) {
  const [opening, setOpening] = useState<Opening>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const request = useSourceRequest(api, 'open');
  const { run } = request;
  useEffect(() => {
    let live = true;
    setOpening({ state: 'loading' });
    run((requestId) =>
      api.openRemoteTrace({ sourceId, traceId, requestId, withTrace: false }),
    ).then(
      (answer) =>
        live &&
        setOpening(
          answer.ok
            ? { state: 'ready', warnings: answer.warnings }
            : { state: 'failed', error: answer.error },
        ),
      (error: Error) =>
        live &&
        setOpening({ state: 'failed', error: { kind: 'invalid-answer', message: error.message } }),
    );
    return () => {
      live = false;
    };
  }, [api, run, sourceId, traceId, attempt]);

  if (opening.state === 'loading')
    return (
      <div className="trace-view">
        {request.pending ? (
          <SourceProgress
            label={`Fetching trace ${traceId.slice(0, 8)} from ${sourceName}…`}
            pending={request.pending}
            onCancel={request.cancel}
          />
        ) : (
          <p className="empty">Fetching trace {traceId.slice(0, 8)}…</p>
        )}
      </div>
    );
  if (opening.state === 'failed')
    return (
      <div className="trace-view">
        <div className="notice notice-error" role="alert">
          {opening.error.message}{' '}
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>
            Try again
          </button>
        </div>
      </div>
    );
  return (
    <div className="remote-trace">
      <div className="remote-trace-bar">
        <span className="trace-source">From {sourceName}</span>
        {actions}
      </div>
      {opening.warnings.length > 0 && (
        <p className="notice notice-warning" role="note">
          Left out of this trace: {opening.warnings.slice(0, 3).join('; ')}
          {opening.warnings.length > 3 ? ` (and ${opening.warnings.length - 3} more)` : ''}
        </p>
      )}
      <div className="remote-trace-body">{children}</div>
    </div>
  );
}

/** "Keep a copy": the remote trace joins the local store; then offers to open the copy. */
export function KeepCopyButton({
  api,
  sourceId,
  traceId,
  onOpenCopy,
}: {
  readonly api: SpanlightApi;
  readonly sourceId: string;
  readonly traceId: string;
  readonly onOpenCopy: () => void;
}) {
  const [state, setState] = useState<
    | { readonly kind: 'idle' | 'busy' }
    | { readonly kind: 'kept'; readonly spanCount: number }
    | { readonly kind: 'failed'; readonly message: string }
  >({ kind: 'idle' });
  useEffect(() => setState({ kind: 'idle' }), [sourceId, traceId]);
  const keep = () => {
    setState({ kind: 'busy' });
    api.keepRemoteTrace({ sourceId, traceId }).then(
      (answer) =>
        setState(
          answer.ok
            ? { kind: 'kept', spanCount: answer.spanCount }
            : { kind: 'failed', message: answer.error.message },
        ),
      (error: Error) => setState({ kind: 'failed', message: error.message }),
    );
  };
  return (
    <span className="keep-copy">
      {state.kind === 'kept' ? (
        <span role="status">
          Kept in the local store ({state.spanCount} spans).{' '}
          <button type="button" onClick={onOpenCopy}>
            Open the copy
          </button>
        </span>
      ) : (
        <button type="button" onClick={keep} disabled={state.kind === 'busy'}>
          {state.kind === 'busy' ? 'Keeping a copy…' : 'Keep a copy'}
        </button>
      )}
      {state.kind === 'failed' && (
        <span className="notice-error" role="alert">
          {state.message}
        </span>
      )}
    </span>
  );
}
