import { memo, useCallback, useState } from 'react';
import type { TraceSummary } from '../../app/contract';
import { useToday } from '../lib/use-today';
import type { TraceListState, TraceSort } from '../store/trace-list';
import {
  ConfirmTraceDeletion,
  TraceRowMenu,
  useTraceStorage,
  type TraceStorageCommands,
} from './TraceStorageActions';
import { TraceTable } from './TraceTable';

interface TraceListProps {
  readonly list: TraceListState;
  readonly selectedTraceId: string | undefined;
  readonly onSelect: (traceId: string) => void;
  readonly onSort: (sort: TraceSort) => void;
  /** True when filters are set: the header then reads "42 of 1,000 traces". */
  readonly filtered?: boolean;
  /** Traces ticked for comparison, and how to tick one (both absent: no Compare column). */
  readonly comparedTraceIds?: readonly string[];
  readonly onToggleCompare?: (traceId: string) => void;
  /** What an empty list says (the local store's: how to make a trace). */
  readonly emptyText?: string;
  /** Pin, delete, delete matching, clear all (absent: the list offers none of them). */
  readonly storage?: TraceStorageCommands;
}

function countText(list: TraceListState, filtered: boolean): string {
  const total = `${list.totalTraces.toLocaleString('en-US')} trace${list.totalTraces === 1 ? '' : 's'}`;
  return filtered ? `${list.matchedTraces.toLocaleString('en-US')} of ${total}` : total;
}

/** Memoised so that typing in the filter bar does not re-render hundreds of rows. */
export const TraceList = memo(function TraceList({
  list,
  selectedTraceId,
  onSelect,
  onSort,
  filtered = false,
  comparedTraceIds,
  onToggleCompare,
  emptyText,
  storage,
}: TraceListProps) {
  const deletion = useTraceStorage(storage);
  const [menu, setMenu] = useState<{ trace: TraceSummary; x: number; y: number }>();
  const openMenu = useCallback(
    (trace: TraceSummary, x: number, y: number) => setMenu({ trace, x, y }),
    [],
  );
  const today = useToday();
  const { traces } = list;

  return (
    <div className="trace-list">
      <div className="list-header">
        <span className="trace-count" aria-live="polite">
          {list.loaded || list.totalTraces > 0 ? countText(list, filtered) : 'Loading traces…'}
        </span>
        {list.droppedTraces > 0 && (
          <span
            className="dropped"
            title={`Past the storage limits (at most ${list.maxTraces.toLocaleString('en-US')} traces; see Storage) the traces that least recently received spans are deleted first`}
          >
            {list.droppedTraces.toLocaleString('en-US')} oldest dropped
          </span>
        )}
        {storage && list.totalTraces > 0 && (
          <span className="list-actions">
            {filtered && list.matchedTraces > 0 && (
              <button type="button" onClick={() => deletion.setConfirming({ kind: 'matching' })}>
                Delete matching…
              </button>
            )}
            <button type="button" onClick={() => deletion.setConfirming({ kind: 'all' })}>
              Clear all…
            </button>
          </span>
        )}
      </div>
      {deletion.done && (
        <p className={`notice ${deletion.done.error ? 'notice-error' : ''}`} role="status">
          {deletion.done.text}{' '}
          <button type="button" onClick={() => deletion.setDone(undefined)}>
            OK
          </button>
        </p>
      )}
      {deletion.confirming && (
        <ConfirmTraceDeletion
          what={deletion.confirming}
          matchedTraces={list.matchedTraces}
          totalTraces={list.totalTraces}
          onConfirm={() => deletion.run(deletion.confirming!)}
          onCancel={() => deletion.setConfirming(undefined)}
        />
      )}
      {menu && storage && (
        <TraceRowMenu
          trace={menu.trace}
          x={menu.x}
          y={menu.y}
          commands={storage}
          onDelete={() => deletion.setConfirming({ kind: 'one', trace: menu.trace })}
          onClose={() => setMenu(undefined)}
          onError={(text) => deletion.setDone({ text, error: true })}
        />
      )}
      {list.error && (
        <p className="notice notice-error" role="alert">
          {list.error}
        </p>
      )}
      {!list.loaded && traces.length === 0 ? null : traces.length === 0 ? (
        <p className="empty">
          {emptyText ??
            (list.totalTraces > 0 && filtered
              ? 'No trace matches the filters.'
              : 'No traces yet. Press “Place order” to make one.')}
        </p>
      ) : (
        <TraceTable
          traces={traces}
          sort={list.sort}
          onSort={onSort}
          today={today}
          selectedTraceId={selectedTraceId}
          onSelect={onSelect}
          comparedTraceIds={comparedTraceIds}
          onToggleCompare={onToggleCompare}
          onMenu={storage ? openMenu : undefined}
        />
      )}
    </div>
  );
});
