// Answers whose fields include typed arrays (a trace's outline: a few arrays of 1,000,000 numbers)
// go from the web host to the page as bytes instead of JSON: each array as it lies in memory,
// the other fields as JSON. Encoding is a copy, decoding makes views over the received buffer, so a
// big outline costs no number formatting or parsing. Clients that do not ask for frames (curl, a
// script) get the same answer as JSON, the arrays as lists.
//
// A frame: "SLF1", the header's length (uint32), the header (UTF-8 JSON: the other fields, and
// each array's field, type, byte offset and length), padding to 8 bytes, then the arrays, each at
// a multiple of 8 from there. Arrays are in the host's byte order, which the header names; the
// page runs on the same machine, and a reader on another order refuses the frame.

export const TYPED_ARRAY_FRAME_TYPE = 'application/vnd.spanlight.typed-array-frame';

const MAGIC = [0x53, 0x4c, 0x46, 0x31];
const PREFIX_BYTES = 8;

const arrayTypes = {
  Int8Array,
  Uint8Array,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
} as const;
type ArrayTypeName = keyof typeof arrayTypes;
type TypedArray = InstanceType<(typeof arrayTypes)[ArrayTypeName]>;

interface ArrayEntry {
  readonly field: string;
  readonly type: ArrayTypeName;
  readonly offset: number;
  readonly length: number;
}

interface FrameHeader {
  readonly fields: Record<string, unknown>;
  readonly arrays: readonly ArrayEntry[];
  readonly littleEndian: boolean;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function typeNameOf(value: unknown): ArrayTypeName | undefined {
  if (!ArrayBuffer.isView(value)) return undefined;
  for (const [name, type] of Object.entries(arrayTypes))
    if (value instanceof type) return name as ArrayTypeName;
  return undefined;
}

const alignTo8 = (n: number) => Math.ceil(n / 8) * 8;

/** Whether `value` is an object with at least one typed-array field (what frames carry). */
export function hasTypedArrayFields(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.values(value).some((field) => typeNameOf(field) !== undefined);
}

/** The same answer for JSON: its typed-array fields as lists. */
export function withArraysAsLists(value: Record<string, unknown>): Record<string, unknown> {
  const plain: Record<string, unknown> = {};
  for (const [field, item] of Object.entries(value))
    plain[field] = typeNameOf(item) ? Array.from(item as TypedArray) : item;
  return plain;
}

export function encodeTypedArrayFrame(value: Record<string, unknown>): Uint8Array {
  const fields: Record<string, unknown> = {};
  const arrays: ArrayEntry[] = [];
  const contents: TypedArray[] = [];
  let bytes = 0;
  for (const [field, item] of Object.entries(value)) {
    const type = typeNameOf(item);
    if (!type) {
      fields[field] = item;
      continue;
    }
    const array = item as TypedArray;
    bytes = alignTo8(bytes);
    arrays.push({ field, type, offset: bytes, length: array.length });
    contents.push(array);
    bytes += array.byteLength;
  }
  const header: FrameHeader = { fields, arrays, littleEndian: LITTLE_ENDIAN };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const dataStart = alignTo8(PREFIX_BYTES + headerBytes.length);
  const frame = new Uint8Array(dataStart + bytes);
  frame.set(MAGIC, 0);
  new DataView(frame.buffer).setUint32(4, headerBytes.length, true);
  frame.set(headerBytes, PREFIX_BYTES);
  arrays.forEach(({ offset }, i) => {
    const array = contents[i]!;
    frame.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), dataStart + offset);
  });
  return frame;
}

/** The answer a frame holds; throws naming what is wrong with a frame that is not one. */
export function decodeTypedArrayFrame(buffer: ArrayBuffer): Record<string, unknown> {
  const bytes = new Uint8Array(buffer);
  if (bytes.length < PREFIX_BYTES || MAGIC.some((byte, i) => bytes[i] !== byte))
    throw new Error('the answer is not a typed-array frame');
  const headerLength = new DataView(buffer).getUint32(4, true);
  if (PREFIX_BYTES + headerLength > bytes.length)
    throw new Error('the typed-array frame ends inside its header');
  const header = JSON.parse(
    new TextDecoder().decode(bytes.subarray(PREFIX_BYTES, PREFIX_BYTES + headerLength)),
  ) as FrameHeader;
  if (header.littleEndian !== LITTLE_ENDIAN)
    throw new Error("the typed-array frame's byte order is not this machine's");
  const dataStart = alignTo8(PREFIX_BYTES + headerLength);
  const value: Record<string, unknown> = { ...header.fields };
  for (const { field, type, offset, length } of header.arrays) {
    const ArrayType = Object.hasOwn(arrayTypes, type) ? arrayTypes[type] : undefined;
    const start = dataStart + offset;
    if (
      !ArrayType ||
      offset % ArrayType.BYTES_PER_ELEMENT !== 0 ||
      start + length * ArrayType.BYTES_PER_ELEMENT > bytes.length
    )
      throw new Error(`the typed-array frame's field "${field}" does not fit the frame`);
    value[field] = new ArrayType(buffer, start, length);
  }
  return value;
}
