import { describe, expect, it } from 'vitest';
import { fitColumns, type ColumnSpec } from '../../../renderer/lib/fit-columns';

const columns: ColumnSpec[] = [
  { id: 'time', label: 'Time', width: 90, priority: 1 },
  { id: 'id', label: 'Trace ID', width: 70, priority: 2 },
  { id: 'name', label: 'Root span', width: 120, flexible: true, priority: 1 },
  { id: 'service', label: 'Service', width: 90, flexible: true, priority: 4 },
  { id: 'spans', label: 'Spans', width: 50, priority: 3 },
  { id: 'errors', label: 'Errors', width: 50, priority: 2 },
];
const ids = (list: readonly ColumnSpec[]) => list.map((column) => column.id);

describe('fitColumns', () => {
  it('shows every column when they fit', () => {
    const fitted = fitColumns(columns, 470);
    expect(ids(fitted.shown)).toEqual(['time', 'id', 'name', 'service', 'spans', 'errors']);
    expect(fitted.hidden).toEqual([]);
    expect(fitted.minWidth).toBe(470);
  });

  it('hides the least important first, the rightmost of equals, and names them in table order', () => {
    expect(ids(fitColumns(columns, 469).hidden)).toEqual(['service']);
    expect(ids(fitColumns(columns, 330).hidden)).toEqual(['service', 'spans']);
    const narrow = fitColumns(columns, 279);
    expect(ids(narrow.hidden)).toEqual(['id', 'service', 'spans', 'errors']);
    expect(ids(narrow.shown)).toEqual(['time', 'name']);
  });

  it('keeps the columns that must show even when they do not fit (the table scrolls)', () => {
    const tiny = fitColumns(columns, 100);
    expect(ids(tiny.shown)).toEqual(['time', 'name']);
    expect(tiny.minWidth).toBe(210);
  });
});
