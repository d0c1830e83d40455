// A small fixed-size table from short byte strings (a slice of a request) to what was decoded from
// them, so that the attribute `http.request.method=GET` of 500 spans is decoded, allocated and
// stored once. A slot is simply overwritten on a collision: it is a cache, never a source of truth.

export class ByteRangeCache<T> {
  private readonly keys: (Buffer | undefined)[];
  private readonly values: (T | undefined)[];
  private readonly mask: number;

  constructor(
    bits: number,
    /** Longer slices are not cached (hashing them would cost more than it saves). */
    readonly maxKeyBytes: number,
  ) {
    this.keys = new Array<Buffer | undefined>(1 << bits).fill(undefined);
    this.values = new Array<T | undefined>(1 << bits).fill(undefined);
    this.mask = (1 << bits) - 1;
  }

  /** FNV-1a over the slice. */
  private slot(buffer: Buffer, start: number, end: number): number {
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ buffer[i]!, 0x01000193);
    return (hash ^ (hash >>> 15)) & this.mask;
  }

  get(buffer: Buffer, start: number, end: number): T | undefined {
    const slot = this.slot(buffer, start, end);
    const key = this.keys[slot];
    if (key === undefined || key.length !== end - start) return undefined;
    for (let i = 0; i < key.length; i++) if (key[i] !== buffer[start + i]) return undefined;
    return this.values[slot];
  }

  set(buffer: Buffer, start: number, end: number, value: T): void {
    const slot = this.slot(buffer, start, end);
    // A copy: a view would keep the whole request's buffer alive.
    const key = Buffer.allocUnsafe(end - start);
    buffer.copy(key, 0, start, end);
    this.keys[slot] = key;
    this.values[slot] = value;
  }
}
