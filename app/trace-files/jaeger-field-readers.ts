// Checked readers for the scalar fields only Jaeger's JSON has: its ids and its microsecond times.
import { describeValue, FieldError } from '../otlp/field-error';

const HEX = /^[0-9a-fA-F]+$/;
const DECIMAL = /^\d+$/;

/** Jaeger prints ids without leading zeros to 16 digits (64-bit trace ids): pad to full width. */
export function readJaegerId(value: unknown, bytes: 8 | 16, path: string): string {
  if (
    typeof value !== 'string' ||
    value.length === 0 ||
    value.length > bytes * 2 ||
    !HEX.test(value)
  )
    throw new FieldError(
      path,
      `expected up to ${bytes * 2} hex digits, got ${describeValue(value)}`,
    );
  return value.toLowerCase().padStart(bytes * 2, '0');
}

/** Whole microseconds (Jaeger's times and durations) as a bigint. */
export function readMicros(value: unknown, path: string): bigint {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return BigInt(value);
  if (typeof value === 'string' && DECIMAL.test(value)) return BigInt(value);
  if (value === undefined || value === null) throw new FieldError(path, 'is missing');
  throw new FieldError(path, `expected whole microseconds, got ${describeValue(value)}`);
}
