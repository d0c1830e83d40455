import { useState } from 'react';
import type { OperationKey, OperationLatency } from '../../app/contract';
import { fitColumns, type ColumnSpec } from '../lib/fit-columns';
import { formatDuration } from '../lib/format';
import { useElementWidth } from '../lib/use-element-width';
import { nextSort, sortLatencyRows, type LatencyColumn, type LatencySort } from './latency-sort';

/** Widths in pixels; when the panel is narrow the lower-priority columns are hidden, and named. */
const COLUMNS: readonly (ColumnSpec<LatencyColumn> & { numeric: boolean })[] = [
  { id: 'service', label: 'Service', width: 96, flexible: true, priority: 4, numeric: false },
  { id: 'spanName', label: 'Span name', width: 120, flexible: true, priority: 1, numeric: false },
  { id: 'count', label: 'Count', width: 70, priority: 2, numeric: true },
  { id: 'errorRate', label: 'Errors', width: 74, priority: 3, numeric: true },
  { id: 'p50Micros', label: 'p50', width: 78, priority: 3, numeric: true },
  { id: 'p95Micros', label: 'p95', width: 78, priority: 1, numeric: true },
  { id: 'p99Micros', label: 'p99', width: 78, priority: 1, numeric: true },
  { id: 'maxMicros', label: 'Max', width: 78, priority: 1, numeric: true },
];

function cellText(column: LatencyColumn, row: OperationLatency): string {
  switch (column) {
    case 'service':
      return row.service;
    case 'spanName':
      return row.spanName;
    case 'count':
      return row.count.toLocaleString('en-US');
    case 'errorRate':
      return row.errorCount > 0 ? `${(row.errorRate * 100).toFixed(1)}%` : '0%';
    default:
      return formatDuration(row[column]);
  }
}

export function LatencyTable(props: {
  readonly operations: readonly OperationLatency[];
  readonly chosen: OperationKey | undefined;
  readonly onChoose: (operation: OperationKey) => void;
}) {
  const [sort, setSort] = useState<LatencySort>({ column: 'p95Micros', descending: true });
  const [boxRef, width] = useElementWidth<HTMLDivElement>();
  const rows = sortLatencyRows(props.operations, sort);
  const fitted = fitColumns(COLUMNS, width || 10_000);
  const shown = fitted.shown as typeof COLUMNS;
  const isChosen = (row: OperationLatency) =>
    props.chosen?.service === row.service && props.chosen.spanName === row.spanName;
  return (
    <div ref={boxRef} className="latency-table-box">
      {fitted.hidden.length > 0 && (
        <p className="hidden-columns" role="note">
          Hidden to fit: {fitted.hidden.map((column) => column.label).join(', ')}. Widen the list to
          see them.
        </p>
      )}
      <div className="table-scroll">
        <table
          className="latency-table"
          aria-label="Latency by operation"
          style={{ minWidth: fitted.minWidth }}
        >
          <colgroup>
            {shown.map((column) => (
              <col key={column.id} style={column.flexible ? undefined : { width: column.width }} />
            ))}
          </colgroup>
          <thead>
            <tr>
              {shown.map((column) => (
                <th
                  key={column.id}
                  className={column.numeric ? 'num' : undefined}
                  aria-sort={
                    sort.column === column.id
                      ? sort.descending
                        ? 'descending'
                        : 'ascending'
                      : 'none'
                  }
                >
                  <button
                    type="button"
                    className="sort-button"
                    onClick={() => setSort(nextSort(sort, column.id))}
                  >
                    {column.label}
                    {sort.column === column.id ? (sort.descending ? ' ▼' : ' ▲') : ''}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr
                key={`${row.service}\u0000${row.spanName}`}
                className={isChosen(row) ? 'selected' : undefined}
                aria-selected={isChosen(row)}
                tabIndex={0}
                onClick={() => props.onChoose(row)}
                onKeyDown={(event) => event.key === 'Enter' && props.onChoose(row)}
              >
                {shown.map((column) => {
                  const text = cellText(column.id, row);
                  const classes = [
                    `cell-${column.id}`,
                    column.numeric ? 'num' : '',
                    column.id === 'errorRate' && row.errorCount > 0 ? 'errors' : '',
                  ].filter(Boolean);
                  return (
                    <td
                      key={column.id}
                      className={classes.join(' ')}
                      title={column.numeric ? undefined : text}
                    >
                      {text}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
