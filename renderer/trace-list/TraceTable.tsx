import { useCallback, useMemo, useRef, type KeyboardEvent } from 'react';
import type { TraceSummary } from '../../app/contract';
import { fitColumns, type ColumnSpec } from '../lib/fit-columns';
import { useClientWidth } from '../lib/use-client-height';
import { useScaledScroll } from '../lib/use-scaled-scroll';
import type { TraceSort } from '../store/trace-list';
import { anyStartedOtherDay, rowAfterKey } from './list-rows';
import { columnsFor, NUMERIC, SORT_KEYS, type ColumnId } from './trace-columns';
import { TraceRow } from './TraceRow';

/** Row and header heights in px; styles.css gives the rows exactly these (.trace-table). */
const TRACE_ROW_HEIGHT = 26;
const HEADER_HEIGHT = 22;
const OVERSCAN = 8;

interface TraceTableProps {
  readonly traces: readonly TraceSummary[];
  readonly sort: TraceSort;
  readonly onSort: (sort: TraceSort) => void;
  readonly today: Date;
  readonly selectedTraceId: string | undefined;
  readonly onSelect: (traceId: string) => void;
  readonly comparedTraceIds: readonly string[] | undefined;
  readonly onToggleCompare: ((traceId: string) => void) | undefined;
  readonly onMenu: ((trace: TraceSummary, x: number, y: number) => void) | undefined;
}

/**
 * The listed traces, with only the rows in (or near) the viewport in the DOM: a live list of
 * thousands then costs the page a few dozen rows of layout per update (README, bench:ingest).
 * The arrow keys, Page Up/Down, Home and End move the focus between rows, scrolling as needed.
 */
export function TraceTable(props: TraceTableProps) {
  const { traces, sort, onSort, today } = props;
  const viewport = useRef<HTMLDivElement>(null);
  const width = useClientWidth(viewport, 10_000);
  const withDates = useMemo(() => anyStartedOtherDay(traces, today), [traces, today]);
  const compare = props.onToggleCompare !== undefined;
  const fitted = useMemo(
    () => fitColumns(columnsFor(withDates, compare), width || 10_000),
    [withDates, compare, width],
  );
  const columnIds = useMemo(() => fitted.shown.map((column) => column.id), [fitted]);
  const compared = useMemo(() => new Set(props.comparedTraceIds), [props.comparedTraceIds]);
  const { scale, height, positionRef, first, last, topOf, moveTo, onScroll } = useScaledScroll(
    viewport,
    {
      rowCount: traces.length,
      rowHeight: TRACE_ROW_HEIGHT,
      overscan: OVERSCAN,
      initialHeight: 400,
      headerHeight: HEADER_HEIGHT,
    },
  );

  const focusRow = useCallback(
    (index: number) => {
      // Scroll just enough that the row is wholly in view below the header, then focus it.
      const top = index * TRACE_ROW_HEIGHT;
      const { virtual } = positionRef.current;
      if (top < virtual) moveTo(top, true);
      else if (top + TRACE_ROW_HEIGHT > virtual + height)
        moveTo(top + TRACE_ROW_HEIGHT - height, true);
      viewport.current
        ?.querySelector<HTMLElement>(`tr[data-row-index="${index}"]`)
        ?.focus({ preventScroll: true });
    },
    [positionRef, moveTo, height],
  );
  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    // Only a focused row moves; keys in its buttons and checkbox keep their own meaning.
    if (!(event.target instanceof HTMLTableRowElement)) return;
    const index = Number(event.target.dataset.rowIndex);
    const rowsPerPage = Math.floor(height / TRACE_ROW_HEIGHT);
    const target = rowAfterKey(event.key, index, traces.length, rowsPerPage);
    if (target === undefined) return;
    event.preventDefault();
    focusRow(target);
  };

  const header = (column: ColumnSpec<ColumnId>) => {
    const key = SORT_KEYS[column.id];
    const sorted = key !== undefined && sort.key === key;
    return (
      <th
        key={column.id}
        className={NUMERIC.has(column.id) ? 'num' : column.id === 'compare' ? 'compare-cell' : ''}
        aria-sort={sorted ? (sort.descending ? 'descending' : 'ascending') : undefined}
        title={column.id === 'compare' ? 'Tick two traces to compare them' : undefined}
      >
        {key ? (
          <button
            type="button"
            className="sort-button"
            title={`Sort by ${column.label.toLowerCase()}`}
            onClick={() =>
              // Newest, longest, most first; a second click flips it.
              onSort({ key, descending: sorted ? !sort.descending : true })
            }
          >
            {column.label}
            {sorted ? (sort.descending ? ' ▼' : ' ▲') : ''}
          </button>
        ) : (
          column.label
        )}
      </th>
    );
  };

  const rows = [];
  for (let index = first; index < last; index++) {
    const trace = traces[index]!;
    rows.push(
      <TraceRow
        key={trace.traceId}
        trace={trace}
        index={index}
        columns={columnIds}
        selected={trace.traceId === props.selectedTraceId}
        compared={compared.has(trace.traceId)}
        today={today}
        onSelect={props.onSelect}
        onToggleCompare={props.onToggleCompare}
        onMenu={props.onMenu}
      />,
    );
  }
  return (
    <>
      {fitted.hidden.length > 0 && (
        <p className="hidden-columns" role="note">
          Hidden to fit: {fitted.hidden.map((column) => column.label).join(', ')}. Widen the list to
          see them.
        </p>
      )}
      <div ref={viewport} className="table-scroll" onScroll={onScroll}>
        {/* The whole list's height makes the scroll range; the rendered rows are padded down to
            where the scroll position shows them (a spacer row would count as a row). */}
        <div
          className="trace-table-range"
          style={{
            height: HEADER_HEIGHT + scale.physicalHeight,
            paddingTop: Math.max(0, topOf(first)),
            minWidth: fitted.minWidth,
          }}
        >
          <table
            className="trace-table"
            style={{ minWidth: fitted.minWidth }}
            aria-rowcount={traces.length + 1}
          >
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
              <tr aria-rowindex={1}>{fitted.shown.map(header)}</tr>
            </thead>
            <tbody onKeyDown={onKeyDown}>{rows}</tbody>
          </table>
        </div>
      </div>
    </>
  );
}
