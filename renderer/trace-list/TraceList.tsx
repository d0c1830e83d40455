import { memo, useState } from 'react';
import type { TraceSummary } from '../../app/contract';
import { copyText } from '../lib/copy-text';
import { fitColumns, type ColumnSpec } from '../lib/fit-columns';
import { formatDateTime, formatDuration, formatListTime } from '../lib/format';
import { useElementWidth } from '../lib/use-element-width';
import { useToday } from '../lib/use-today';
import type { TraceListState, TraceSort, TraceSortKey } from '../store/trace-list';
import {
  ConfirmTraceDeletion,
  TraceRowMenu,
  useTraceStorage,
  type TraceStorageCommands,
} from './TraceStorageActions';

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

/** Rows rendered at first; more on request, so a list of 10,000 stays quick to update. */
const ROWS_PER_PAGE = 200;

type ColumnId = 'time' | 'id' | 'root' | 'service' | 'duration' | 'spans' | 'errors' | 'compare';

/** Widths in pixels (cell padding included, measured for the longest text with the sort mark);
 * the flexible ones share what is left. */
function columnsFor(withDates: boolean, compare: boolean): ColumnSpec<ColumnId>[] {
  const columns: ColumnSpec<ColumnId>[] = [
    { id: 'time', label: 'Start', width: withDates ? 152 : 100, priority: 1 },
    { id: 'id', label: 'Trace ID', width: 72, priority: 3 },
    { id: 'root', label: 'Root span', width: 90, flexible: true, priority: 1 },
    { id: 'service', label: 'Service', width: 86, flexible: true, priority: 2 },
    { id: 'duration', label: 'Duration', width: 92, priority: 1 },
    { id: 'spans', label: 'Spans', width: 72, priority: 3 },
    { id: 'errors', label: 'Errors', width: 74, priority: 2 },
  ];
  if (compare) columns.push({ id: 'compare', label: 'Cmp', width: 42, priority: 4 });
  return columns;
}

const SORT_KEYS: Partial<Record<ColumnId, TraceSortKey>> = {
  time: 'start',
  duration: 'duration',
  spans: 'spans',
  errors: 'errors',
};
const NUMERIC: ReadonlySet<ColumnId> = new Set(['duration', 'spans', 'errors']);

function countText(list: TraceListState, filtered: boolean): string {
  const total = `${list.totalTraces.toLocaleString('en-US')} trace${list.totalTraces === 1 ? '' : 's'}`;
  return filtered ? `${list.matchedTraces.toLocaleString('en-US')} of ${total}` : total;
}

function isToday(unixNano: string, today: Date): boolean {
  const date = new Date(Number(BigInt(unixNano) / 1_000_000n));
  return date.toDateString() === today.toDateString();
}

/** The short id, copied whole on click. */
function TraceIdCell({ traceId }: { readonly traceId: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed'>();
  const copy = () =>
    copyText(traceId).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  return (
    <button
      type="button"
      className="trace-id-copy"
      title={`${traceId}\nClick to copy the whole id`}
      aria-label={`Copy trace id ${traceId}`}
      onClick={(event) => {
        event.stopPropagation();
        void copy();
        setTimeout(() => setCopied(undefined), 1500);
      }}
    >
      {copied === 'yes' ? 'copied' : copied === 'failed' ? 'no clipboard' : traceId.slice(0, 8)}
    </button>
  );
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
  const [rowLimit, setRowLimit] = useState(ROWS_PER_PAGE);
  const deletion = useTraceStorage(storage);
  const [menu, setMenu] = useState<{ trace: TraceSummary; x: number; y: number }>();
  const [boxRef, width] = useElementWidth<HTMLDivElement>();
  const today = useToday();
  const { traces } = list;
  const shown = traces.length > rowLimit ? traces.slice(0, rowLimit) : traces;
  const withDates = shown.some((trace) => !isToday(trace.startTimeUnixNano, today));
  const fitted = fitColumns(columnsFor(withDates, onToggleCompare !== undefined), width || 10_000);

  const header = (column: ColumnSpec<ColumnId>) => {
    const key = SORT_KEYS[column.id];
    const sorted = key !== undefined && list.sort.key === key;
    return (
      <th
        key={column.id}
        className={NUMERIC.has(column.id) ? 'num' : column.id === 'compare' ? 'compare-cell' : ''}
        aria-sort={sorted ? (list.sort.descending ? 'descending' : 'ascending') : undefined}
        title={column.id === 'compare' ? 'Tick two traces to compare them' : undefined}
      >
        {key ? (
          <button
            type="button"
            className="sort-button"
            title={`Sort by ${column.label.toLowerCase()}`}
            onClick={() =>
              // Newest, longest, most first; a second click flips it.
              onSort({ key, descending: sorted ? !list.sort.descending : true })
            }
          >
            {column.label}
            {sorted ? (list.sort.descending ? ' ▼' : ' ▲') : ''}
          </button>
        ) : (
          column.label
        )}
      </th>
    );
  };

  const cell = (column: ColumnId, trace: TraceSummary) => {
    switch (column) {
      case 'time':
        return (
          <td key={column} className="cell-time" title={formatDateTime(trace.startTimeUnixNano)}>
            {formatListTime(trace.startTimeUnixNano, today)}
          </td>
        );
      case 'id':
        return (
          <td key={column} className="cell-id">
            <TraceIdCell traceId={trace.traceId} />
          </td>
        );
      case 'root':
        return (
          <td key={column} className="cell-root" title={trace.rootSpanName}>
            {trace.pinned && (
              <span className="pin-mark" title="Pinned: retention never evicts it">
                pinned
              </span>
            )}
            {trace.rootSpanName || <span className="muted">(no root yet)</span>}
          </td>
        );
      case 'service':
        return (
          <td key={column} className="cell-service" title={trace.serviceName}>
            {trace.serviceName}
          </td>
        );
      case 'duration':
        return (
          <td key={column} className="num cell-duration">
            {formatDuration(trace.durationMicros)}
          </td>
        );
      case 'spans':
        return (
          <td key={column} className="num cell-spans">
            {trace.spanCount}
          </td>
        );
      case 'errors':
        return (
          <td key={column} className="num errors cell-errors">
            {trace.errorCount > 0 ? trace.errorCount : ''}
          </td>
        );
      case 'compare':
        return (
          <td
            key={column}
            className="compare-cell cell-compare"
            onClick={(event) => event.stopPropagation()}
          >
            <input
              type="checkbox"
              aria-label={`Compare ${trace.traceId}`}
              checked={comparedTraceIds?.includes(trace.traceId) ?? false}
              onChange={() => onToggleCompare?.(trace.traceId)}
            />
          </td>
        );
    }
  };

  return (
    <div className="trace-list" ref={boxRef}>
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
      {fitted.hidden.length > 0 && traces.length > 0 && (
        <p className="hidden-columns" role="note">
          Hidden to fit: {fitted.hidden.map((column) => column.label).join(', ')}. Widen the list to
          see them.
        </p>
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
        <div className="table-scroll">
          <table className="trace-table" style={{ minWidth: fitted.minWidth }}>
            <colgroup>
              {fitted.shown.map((column) => (
                <col
                  key={column.id}
                  className={`col-${column.id}`}
                  style={column.flexible ? undefined : { width: column.width }}
                />
              ))}
            </colgroup>
            <thead>
              <tr>{fitted.shown.map(header)}</tr>
            </thead>
            <tbody>
              {shown.map((trace) => (
                <tr
                  key={trace.traceId}
                  data-trace-id={trace.traceId}
                  className={[
                    trace.traceId === selectedTraceId ? 'selected' : '',
                    trace.errorCount > 0 ? 'failed' : '',
                  ]
                    .filter(Boolean)
                    .join(' ')}
                  aria-selected={trace.traceId === selectedTraceId}
                  tabIndex={0}
                  onClick={() => onSelect(trace.traceId)}
                  onContextMenu={(event) => {
                    if (!storage) return;
                    event.preventDefault();
                    setMenu({ trace, x: event.clientX, y: event.clientY });
                  }}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter') onSelect(trace.traceId);
                    if (
                      storage &&
                      (event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10'))
                    ) {
                      event.preventDefault();
                      const box = event.currentTarget.getBoundingClientRect();
                      setMenu({ trace, x: box.left + 24, y: box.bottom });
                    }
                  }}
                >
                  {fitted.shown.map((column) => cell(column.id, trace))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {shown.length < traces.length && (
        <button
          type="button"
          className="show-more"
          onClick={() => setRowLimit((limit) => limit + ROWS_PER_PAGE)}
        >
          Show {Math.min(ROWS_PER_PAGE, traces.length - shown.length).toLocaleString('en-US')} more
          (showing {shown.length.toLocaleString('en-US')} of {traces.length.toLocaleString('en-US')}
          )
        </button>
      )}
    </div>
  );
});
