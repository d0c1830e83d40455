// Rules a span must meet whatever encoding it came in, shared by the OTLP JSON and protobuf readers.
import { FieldError } from './field-error';

/** a < b for decimal strings without leading zeros (cheaper than two BigInts per span). */
function isEarlier(a: string, b: string): boolean {
  return a.length !== b.length ? a.length < b.length : a < b;
}

/** Throws when the span ends before it starts. */
export function checkSpanTimes(startTimeUnixNano: string, endTimeUnixNano: string): void {
  if (isEarlier(endTimeUnixNano, startTimeUnixNano))
    throw new FieldError(
      'endTimeUnixNano',
      `the span ends (${endTimeUnixNano}) before it starts (${startTimeUnixNano})`,
    );
}
