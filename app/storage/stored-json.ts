// JSON text as the store keeps span details, resources and scopes: exactly what came in (which
// fields were present, ints as numbers or strings, bytes as given), except that plain JSON cannot
// hold NaN or ±Infinity. Those doubles are written as the strings proto3 JSON uses ("NaN",
// "Infinity", "-Infinity") and read back as numbers. Only texts that need it take the slower path.
// (-0 is stored as 0, the one value that does not come back exactly.)

function tagSpecialDoubles(key: string, value: unknown): unknown {
  if (key === 'doubleValue' && typeof value === 'number' && !Number.isFinite(value)) {
    return String(value);
  }
  return value;
}

function untagSpecialDoubles(key: string, value: unknown): unknown {
  if (key === 'doubleValue' && typeof value === 'string') return Number(value);
  return value;
}

/** Throws a RangeError for a value nested deeper than the JSON writer's stack allows. */
export function encodeStoredJson(value: unknown): string {
  const text = JSON.stringify(value);
  // A null doubleValue is either a real null or a NaN/Infinity that JSON.stringify wrote as null.
  return text.includes('"doubleValue":null') ? JSON.stringify(value, tagSpecialDoubles) : text;
}

export function decodeStoredJson<T>(text: string): T {
  return (
    text.includes('"doubleValue":"') ? JSON.parse(text, untagSpecialDoubles) : JSON.parse(text)
  ) as T;
}
