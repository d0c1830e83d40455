import { useState } from 'react';
import type { OperationKey, OperationLatency } from '../../app/contract';
import { formatDuration } from '../lib/format';
import { nextSort, sortLatencyRows, type LatencyColumn, type LatencySort } from './latency-sort';

const COLUMNS: readonly { id: LatencyColumn; label: string; numeric: boolean }[] = [
  { id: 'service', label: 'Service', numeric: false },
  { id: 'spanName', label: 'Span name', numeric: false },
  { id: 'count', label: 'Count', numeric: true },
  { id: 'errorRate', label: 'Errors', numeric: true },
  { id: 'p50Micros', label: 'p50', numeric: true },
  { id: 'p95Micros', label: 'p95', numeric: true },
  { id: 'p99Micros', label: 'p99', numeric: true },
  { id: 'maxMicros', label: 'Max', numeric: true },
];

export function LatencyTable(props: {
  readonly operations: readonly OperationLatency[];
  readonly chosen: OperationKey | undefined;
  readonly onChoose: (operation: OperationKey) => void;
}) {
  const [sort, setSort] = useState<LatencySort>({ column: 'p95Micros', descending: true });
  const rows = sortLatencyRows(props.operations, sort);
  const isChosen = (row: OperationLatency) =>
    props.chosen?.service === row.service && props.chosen.spanName === row.spanName;
  return (
    <table className="latency-table" aria-label="Latency by operation">
      <thead>
        <tr>
          {COLUMNS.map((column) => (
            <th
              key={column.id}
              className={column.numeric ? 'num' : undefined}
              aria-sort={
                sort.column === column.id ? (sort.descending ? 'descending' : 'ascending') : 'none'
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
            <td>{row.service}</td>
            <td>{row.spanName}</td>
            <td className="num">{row.count.toLocaleString('en-US')}</td>
            <td className={row.errorCount > 0 ? 'num errors' : 'num'}>
              {row.errorCount > 0 ? `${(row.errorRate * 100).toFixed(1)}%` : '0%'}
            </td>
            <td className="num">{formatDuration(row.p50Micros)}</td>
            <td className="num">{formatDuration(row.p95Micros)}</td>
            <td className="num">{formatDuration(row.p99Micros)}</td>
            <td className="num">{formatDuration(row.maxMicros)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
