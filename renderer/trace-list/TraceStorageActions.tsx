import { useEffect, useRef, useState } from 'react';
import type { TraceSummary } from '../../app/contract';
import { ConfirmDialog } from '../lib/ConfirmDialog';
import type { ClientActions } from '../store/client-store';
import { deletedText, tracesText } from '../storage/storage-text';

/** What the list can do to stored traces (the client store's actions). */
export type TraceStorageCommands = Pick<
  ClientActions,
  'setTracePinned' | 'deleteTrace' | 'deleteMatchingTraces' | 'clearTraces'
>;

type Confirming =
  | { readonly kind: 'one'; readonly trace: TraceSummary }
  | { readonly kind: 'matching' }
  | { readonly kind: 'all' };

/** The list header's "Delete matching…" (while a filter is set) and "Clear all…", and the row
 * menu's questions; each deletion is confirmed first, and what it did is said after. */
export function useTraceStorage(commands: TraceStorageCommands | undefined) {
  const [confirming, setConfirming] = useState<Confirming>();
  const [done, setDone] = useState<{ text: string; error: boolean }>();
  const report = (work: Promise<string>) =>
    work.then(
      (text) => setDone({ text, error: false }),
      (failure: Error) => setDone({ text: `Could not delete: ${failure.message}`, error: true }),
    );
  const run = (what: Confirming) => {
    setConfirming(undefined);
    if (!commands) return;
    if (what.kind === 'one')
      void report(commands.deleteTrace(what.trace.traceId).then(deletedText));
    else if (what.kind === 'matching')
      void report(commands.deleteMatchingTraces().then(deletedText));
    else void report(commands.clearTraces().then(deletedText));
  };
  return { confirming, setConfirming, done, setDone, run };
}

export function ConfirmTraceDeletion({
  what,
  matchedTraces,
  totalTraces,
  onConfirm,
  onCancel,
}: {
  what: Confirming;
  matchedTraces: number;
  totalTraces: number;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  if (what.kind === 'one') {
    const { trace } = what;
    return (
      <ConfirmDialog
        title="Delete this trace?"
        confirmLabel="Delete trace"
        onConfirm={onConfirm}
        onCancel={onCancel}
      >
        <p>
          “{trace.rootSpanName || trace.traceId}” ({trace.spanCount.toLocaleString('en-US')} spans,
          trace {trace.traceId.slice(0, 8)}) will be deleted from the database
          {trace.pinned ? ', although it is pinned' : ''}. This cannot be undone.
        </p>
      </ConfirmDialog>
    );
  }
  const count = what.kind === 'matching' ? matchedTraces : totalTraces;
  return (
    <ConfirmDialog
      title={what.kind === 'matching' ? 'Delete the matching traces?' : 'Clear all traces?'}
      confirmLabel={what.kind === 'matching' ? 'Delete matching' : 'Clear all'}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <p>
        {what.kind === 'matching'
          ? `The ${tracesText(count)} the filters match (not only those shown) will be deleted from the database.`
          : `Every trace (${tracesText(count)}) will be deleted from the database.`}{' '}
        Pinned traces are kept. This cannot be undone.
      </p>
    </ConfirmDialog>
  );
}

/** The menu of a row (right click, or the context-menu key): pin or unpin, delete. */
export function TraceRowMenu({
  trace,
  x,
  y,
  commands,
  onDelete,
  onClose,
  onError,
}: {
  trace: TraceSummary;
  x: number;
  y: number;
  commands: TraceStorageCommands;
  onDelete: () => void;
  onClose: () => void;
  onError: (message: string) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.querySelector('button')?.focus();
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent && event.key !== 'Escape') return;
      if (event instanceof PointerEvent && box.current?.contains(event.target as Node)) return;
      onClose();
    };
    document.addEventListener('pointerdown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('keydown', close);
    };
  }, [onClose]);
  const pinned = trace.pinned === true;
  return (
    <div
      className="menu row-menu"
      role="menu"
      aria-label={`Trace ${trace.traceId}`}
      ref={box}
      style={{ left: x, top: y }}
    >
      <button
        type="button"
        role="menuitem"
        onClick={() => {
          onClose();
          commands
            .setTracePinned(trace.traceId, !pinned)
            .catch((failure: Error) =>
              onError(`Could not ${pinned ? 'unpin' : 'pin'} the trace: ${failure.message}`),
            );
        }}
      >
        {pinned ? 'Unpin' : 'Pin (never evicted)'}
      </button>
      <button
        type="button"
        role="menuitem"
        onClick={() => {
          onClose();
          onDelete();
        }}
      >
        Delete trace…
      </button>
    </div>
  );
}
