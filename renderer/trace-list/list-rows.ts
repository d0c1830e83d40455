// Pure helpers of the trace list's virtualized table (TraceTable.tsx): which row a key moves the
// focus to, and whether any listed trace started on another day than today (the Start column then
// shows dates for all rows, so its width does not change as the list scrolls).
import type { TraceSummary } from '../../app/contract';

/** The row index `key` moves the focus to from row `index` of `count`, or undefined for other keys. */
export function rowAfterKey(
  key: string,
  index: number,
  count: number,
  rowsPerPage: number,
): number | undefined {
  if (count === 0) return undefined;
  const page = Math.max(1, rowsPerPage - 1);
  const target =
    key === 'ArrowDown'
      ? index + 1
      : key === 'ArrowUp'
        ? index - 1
        : key === 'PageDown'
          ? index + page
          : key === 'PageUp'
            ? index - page
            : key === 'Home'
              ? 0
              : key === 'End'
                ? count - 1
                : undefined;
  return target === undefined ? undefined : Math.min(count - 1, Math.max(0, target));
}

/** True when a trace of the list did not start on `today`'s local date. */
export function anyStartedOtherDay(traces: readonly TraceSummary[], today: Date): boolean {
  const dayStart = new Date(today);
  dayStart.setHours(0, 0, 0, 0);
  const dayEnd = new Date(dayStart);
  dayEnd.setDate(dayEnd.getDate() + 1);
  const [from, to] = [dayStart.getTime(), dayEnd.getTime()];
  // Milliseconds as a float: a day's bounds need no nanosecond precision (no BigInt per trace).
  return traces.some((trace) => {
    const millis = Number(trace.startTimeUnixNano) / 1e6;
    return millis < from || millis >= to;
  });
}
