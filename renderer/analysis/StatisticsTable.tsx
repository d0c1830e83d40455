import { useMemo, useState } from 'react';
import { fitColumns, type ColumnSpec } from '../lib/fit-columns';
import { formatDuration } from '../lib/format';
import { useElementWidth } from '../lib/use-element-width';
import type { TraceModel } from '../trace-view/trace-model';
import type { RowFilter } from './analysis-view';
import { selfTimesOf } from './self-time';
import {
  sortStatistics,
  spanStatistics,
  type StatisticsColumn,
  type StatisticsGrouping,
  type StatisticsRow,
} from './span-statistics';

interface StatisticsTableProps {
  readonly model: TraceModel;
  /** Rows [from, to): the focused subtree, or the whole trace. */
  readonly from: number;
  readonly to: number;
  readonly filter: RowFilter | undefined;
  readonly onFilter: (filter: RowFilter | undefined) => void;
}

/** Widths in pixels (with room for the sort mark); in a narrow panel (the details at the right,
 * a 1024 px window) the lower-priority columns are hidden, and named above the table. */
const COLUMNS: readonly (ColumnSpec<StatisticsColumn> & { numeric: boolean })[] = [
  { id: 'key', label: 'Name', width: 100, flexible: true, priority: 1, numeric: false },
  { id: 'count', label: 'Count', width: 68, priority: 2, numeric: true },
  { id: 'totalUs', label: 'Total', width: 76, priority: 2, numeric: true },
  { id: 'selfUs', label: 'Self', width: 76, priority: 1, numeric: true },
  // Its label takes two lines (analysis.css), so the column stays narrow.
  { id: 'selfShare', label: 'Self % of trace', width: 84, priority: 1, numeric: true },
  { id: 'minUs', label: 'Min', width: 72, priority: 4, numeric: true },
  { id: 'avgUs', label: 'Avg', width: 72, priority: 4, numeric: true },
  { id: 'maxUs', label: 'Max', width: 76, priority: 3, numeric: true },
  { id: 'errors', label: 'Errors', width: 68, priority: 3, numeric: true },
];

function cell(row: StatisticsRow, column: StatisticsColumn): string {
  switch (column) {
    case 'key':
      return row.key;
    case 'count':
    case 'errors':
      return row[column].toLocaleString('en-US');
    case 'selfShare':
      return `${(row.selfShare * 100).toFixed(1)}%`;
    default:
      return formatDuration(row[column]);
  }
}

/** Statistics by service or by operation, sortable; choosing a row filters the waterfall to it. */
export function StatisticsTable({ model, from, to, filter, onFilter }: StatisticsTableProps) {
  const [grouping, setGrouping] = useState<StatisticsGrouping>('operation');
  const [sort, setSort] = useState<{ column: StatisticsColumn; descending: boolean }>({
    column: 'selfUs',
    descending: true,
  });
  const statistics = useMemo(
    () => spanStatistics(model, selfTimesOf(model), grouping, from, to),
    [model, grouping, from, to],
  );
  const rows = useMemo(
    () => sortStatistics(statistics, sort.column, sort.descending),
    [statistics, sort],
  );
  const [boxRef, width] = useElementWidth<HTMLDivElement>();
  const fitted = fitColumns(COLUMNS, width || 10_000);
  const columns = fitted.shown as typeof COLUMNS;
  const labelOf = (row: StatisticsRow) =>
    grouping === 'service' ? `service ${row.service}` : `${row.name} (${row.service})`;
  return (
    <div className="statistics" role="region" aria-label="Trace statistics">
      <div className="statistics-tools">
        <div className="segmented" role="radiogroup" aria-label="Group statistics by">
          {(['operation', 'service'] as const).map((choice) => (
            <label key={choice}>
              <input
                type="radio"
                name="statistics-grouping"
                checked={grouping === choice}
                onChange={() => setGrouping(choice)}
              />
              By {choice}
            </label>
          ))}
        </div>
        <span className="muted">
          {(to - from).toLocaleString('en-US')} spans
          {to - from < model.spans.length ? ' in the focused span' : ''}; self time is a span’s
          duration minus the time its children ran (overlaps counted once). Choose a row to show
          only its spans.
        </span>
      </div>
      <div ref={boxRef}>
        {fitted.hidden.length > 0 && (
          <p className="hidden-columns" role="note">
            Hidden to fit: {fitted.hidden.map((column) => column.label).join(', ')}. Widen the
            details to see them.
          </p>
        )}
        <div className="table-scroll">
          <table
            className="statistics-table"
            aria-label="Span statistics"
            style={{ minWidth: fitted.minWidth }}
          >
            <colgroup>
              {columns.map((column) => (
                <col
                  key={column.id}
                  style={column.flexible ? undefined : { width: column.width }}
                />
              ))}
            </colgroup>
            <thead>
              <tr>
                {columns.map((column) => {
                  const active = sort.column === column.id;
                  return (
                    <th
                      key={column.id}
                      className={column.numeric ? 'num' : ''}
                      aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
                    >
                      <button
                        type="button"
                        className="sort-button"
                        onClick={() =>
                          setSort({
                            column: column.id,
                            descending: active ? !sort.descending : column.numeric,
                          })
                        }
                      >
                        {column.label}
                        {active ? (sort.descending ? ' ▾' : ' ▴') : ''}
                      </button>
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const chosen = filter?.label === labelOf(row);
                return (
                  <tr
                    key={row.key}
                    className={chosen ? 'chosen' : undefined}
                    aria-selected={chosen}
                    onClick={() =>
                      onFilter(chosen ? undefined : { label: labelOf(row), rows: row.rows })
                    }
                  >
                    {columns.map((column) => (
                      <td
                        key={column.id}
                        className={`${column.numeric ? 'num' : ''}${column.id === 'errors' && row.errors ? ' error-text' : ''}`}
                        title={column.numeric ? undefined : cell(row, column.id)}
                      >
                        {column.id === 'key' && row.name !== undefined ? (
                          // The span name first: in a narrow table it is what stays readable.
                          <>
                            {row.name} <span className="muted">· {row.service}</span>
                          </>
                        ) : (
                          cell(row, column.id)
                        )}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </div>
    </div>
  );
}
