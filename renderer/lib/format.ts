const MICROS_PER_SECOND = 1_000_000;
const MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
const MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;
const MICROS_PER_DAY = 24 * MICROS_PER_HOUR;

/**
 * A duration in microseconds as people read it: 830 µs, 12.3 ms, 1.25 s, 2 min 3 s, 5 h 12 min,
 * 3 d 4 h. Past a minute, two units: the larger one whole, the next one rounded.
 */
export function formatDuration(micros: number): string {
  if (!Number.isFinite(micros)) return '–';
  if (micros < 0) return `−${formatDuration(-micros)}`;
  if (micros < 1000) return `${Math.round(micros)} µs`;
  const ms = micros / 1000;
  if (ms < 100) return `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 10) return `${seconds.toFixed(2)} s`;
  if (seconds < 59.95) return `${seconds.toFixed(1)} s`;
  if (micros < MICROS_PER_HOUR - MICROS_PER_SECOND / 2)
    return twoUnits(micros, MICROS_PER_MINUTE, 'min', MICROS_PER_SECOND, 's');
  if (micros < MICROS_PER_DAY - MICROS_PER_MINUTE / 2)
    return twoUnits(micros, MICROS_PER_HOUR, 'h', MICROS_PER_MINUTE, 'min');
  return twoUnits(micros, MICROS_PER_DAY, 'd', MICROS_PER_HOUR, 'h');
}

/** "2 min 3 s": whole large units, then the rest rounded to small units (0 of them left out). */
function twoUnits(
  micros: number,
  large: number,
  largeName: string,
  small: number,
  smallName: string,
) {
  const smallTotal = Math.round(micros / small);
  const perLarge = Math.round(large / small);
  const whole = Math.floor(smallTotal / perLarge);
  const rest = smallTotal - whole * perLarge;
  const wholeText = `${whole.toLocaleString('en-US')} ${largeName}`;
  return rest === 0 ? wholeText : `${wholeText} ${rest} ${smallName}`;
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
