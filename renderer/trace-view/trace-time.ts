// Span times arrive as unix-nanosecond decimal strings. The viewer converts each ONCE, when a trace
// is loaded, to microseconds (numbers) relative to the trace's start; nothing per frame parses them.

/** Whole microseconds since the epoch of a unix-nano string: exact, since it stays below 2^53. */
export function wholeMicros(unixNano: string): number {
  return unixNano.length <= 3 ? 0 : Number(unixNano.slice(0, -3));
}

/** The nanoseconds below one microsecond, as a fraction of a microsecond. */
function subMicros(unixNano: string): number {
  return Number(unixNano.slice(-3)) / 1000;
}

/** Microseconds from `baseWholeMicros` (see wholeMicros) to `unixNano`, nanosecond precision kept. */
export function microsSince(baseWholeMicros: number, unixNano: string): number {
  const value = wholeMicros(unixNano) - baseWholeMicros + subMicros(unixNano);
  return Number.isFinite(value) ? value : 0;
}
