// Checked readers for the scalar fields of parsed JSON documents (OTLP JSON, Jaeger JSON): objects,
// lists, strings, ids, unix-nano times, counts. Each returns the app model's normal form or throws
// a FieldError saying what it got.
import { isAllZeroId } from '../model/otlp-ids';
import { describeValue, FieldError } from './field-error';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function expectObject(value: unknown, path: string): JsonObject {
  if (!isObject(value))
    throw new FieldError(path, `expected an object, got ${describeValue(value)}`);
  return value;
}

/** A list, or an empty one when absent (encoders omit empty repeated fields; Jaeger writes null). */
export function optionalList(value: unknown, path: string): readonly unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value))
    throw new FieldError(path, `expected a list, got ${describeValue(value)}`);
  return value;
}

export function optionalString(value: unknown, path: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string')
    throw new FieldError(path, `expected a string, got ${describeValue(value)}`);
  return value;
}

export function requiredString(value: unknown, path: string): string {
  const text = optionalString(value, path);
  if (text === undefined) throw new FieldError(path, 'is missing');
  return text;
}

/** A non-negative whole number (counts, flags); decimal strings are accepted too. */
export function optionalCount(value: unknown, path: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const count = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0)
    throw new FieldError(path, `expected a whole number of 0 or more, got ${describeValue(value)}`);
  return count;
}

/** flags are fixed32: a whole number below 2^32. */
export function optionalFlags(value: unknown, path: string): number | undefined {
  const flags = optionalCount(value, path);
  if (flags !== undefined && flags > 0xffffffff)
    throw new FieldError(path, `expected a 32-bit whole number, got ${describeValue(value)}`);
  return flags;
}

const HEX = /^[0-9a-fA-F]+$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * An id of `bytes` bytes as lowercase hex. OTLP/JSON writes hex (in any letter case); protobuf's
 * generic JSON mapping (some older tools) writes base64, which can't be mistaken for hex because
 * its length differs.
 */
export function readOtlpId(value: unknown, bytes: 8 | 16, path: string): string {
  if (typeof value !== 'string')
    throw new FieldError(path, `expected ${bytes * 2} hex digits, got ${describeValue(value)}`);
  if (value.length === bytes * 2 && HEX.test(value)) return value.toLowerCase();
  if (value.length === Math.ceil(bytes / 3) * 4 && BASE64.test(value)) {
    const decoded = Buffer.from(value, 'base64');
    if (decoded.length === bytes) return decoded.toString('hex');
  }
  throw new FieldError(path, `expected ${bytes * 2} hex digits, got ${describeValue(value)}`);
}

export function isZeroId(id: string): boolean {
  return isAllZeroId(id);
}

const DECIMAL = /^\d+$/;

/** Unix nanoseconds as a decimal string; encoders write strings (int64) or plain numbers. */
export function readUnixNanos(value: unknown, path: string): string {
  if (typeof value === 'string' && DECIMAL.test(value))
    return value.length > 1 && value.startsWith('0') ? BigInt(value).toString() : value;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0)
    return Number.isSafeInteger(value) ? String(value) : BigInt(value).toString();
  if (value === undefined || value === null) throw new FieldError(path, 'is missing');
  throw new FieldError(
    path,
    `expected unix nanoseconds as a whole number, got ${describeValue(value)}`,
  );
}
