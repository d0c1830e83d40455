import { useMemo, useState } from 'react';
import { formatDuration } from '../lib/format';
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

const columns: readonly { id: StatisticsColumn; label: string; numeric: boolean }[] = [
  { id: 'key', label: 'Name', numeric: false },
  { id: 'count', label: 'Count', numeric: true },
  { id: 'totalUs', label: 'Total', numeric: true },
  { id: 'selfUs', label: 'Self', numeric: true },
  { id: 'selfShare', label: 'Self % of trace', numeric: true },
  { id: 'minUs', label: 'Min', numeric: true },
  { id: 'avgUs', label: 'Avg', numeric: true },
  { id: 'maxUs', label: 'Max', numeric: true },
  { id: 'errors', label: 'Errors', numeric: true },
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
      <table className="statistics-table" aria-label="Span statistics">
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
                  >
                    {cell(row, column.id)}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
