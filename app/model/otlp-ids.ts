// The id formats of the span model, in one place: OTLP/JSON writes trace and span ids as lowercase hex
// (16 and 8 bytes); Spanlight stores and exchanges them that way.

export const TRACE_ID_BYTES = 16;
export const SPAN_ID_BYTES = 8;

/** 32 lowercase hex digits. */
export const TRACE_ID_PATTERN = /^[0-9a-f]{32}$/;
/** 16 lowercase hex digits. */
export const SPAN_ID_PATTERN = /^[0-9a-f]{16}$/;

export const TRACE_ID_RULE = '32 lowercase hex digits';
export const SPAN_ID_RULE = '16 lowercase hex digits';

export function isTraceId(value: unknown): value is string {
  return typeof value === 'string' && TRACE_ID_PATTERN.test(value);
}

export function isSpanId(value: unknown): value is string {
  return typeof value === 'string' && SPAN_ID_PATTERN.test(value);
}

/** All-zero ids are invalid in OTLP (the spec's "invalid" trace and span id). */
export function isAllZeroId(hex: string): boolean {
  // A loop, not /^0+$/: it runs for every id a receiver decodes and stops at the first other digit.
  for (let i = 0; i < hex.length; i++) if (hex.charCodeAt(i) !== 48) return false;
  return hex.length > 0;
}
