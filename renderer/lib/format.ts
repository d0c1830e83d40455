/** A duration in microseconds as people read it: 850 µs, 12.3 ms, 1.25 s, 2m 03s. */
export function formatDuration(micros: number): string {
  if (!Number.isFinite(micros)) return '–';
  if (micros < 1000) return `${Math.round(micros)} µs`;
  const ms = micros / 1000;
  if (ms < 100) return `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 2 : 1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}m ${String(Math.round(seconds - minutes * 60)).padStart(2, '0')}s`;
}

/** Microseconds between two unix-nanosecond decimal strings (b − a). */
export function microsBetween(a: string, b: string): number {
  return Number(BigInt(b) - BigInt(a)) / 1000;
}

/** Local wall-clock time of a unix-nanosecond decimal string, to the millisecond. */
export function formatClockTime(unixNano: string): string {
  const date = new Date(Number(BigInt(unixNano) / 1_000_000n));
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/** The list's start time: the time of day for today's traces, the date and time for older ones. */
export function formatListTime(unixNano: string, now: Date): string {
  const date = new Date(Number(BigInt(unixNano) / 1_000_000n));
  const sameDay =
    date.getFullYear() === now.getFullYear() &&
    date.getMonth() === now.getMonth() &&
    date.getDate() === now.getDate();
  if (sameDay) return formatClockTime(unixNano);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** The full local date and time to the millisecond, for tooltips. */
export function formatDateTime(unixNano: string): string {
  const date = new Date(Number(BigInt(unixNano) / 1_000_000n));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${formatClockTime(unixNano)}`;
}
