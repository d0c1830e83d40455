// Span ids numbered in the order they are added, and found again by id, in typed arrays: an id of
// 16 lowercase hex digits (OTLP's, as every reader writes them) takes 8 bytes and a slot or two of
// the hash table instead of a string and a Map entry (about 16 bytes a span instead of 60–80 at a
// million spans). Any other id is kept as its string beside the arrays, so every id is exact.

import { hexId, parseHexId, type OutlineSpanIds } from '../model/outline-span-ids';

/** The table's slots hold an index plus one; 0 is an empty slot. */
const EMPTY = 0;
const MIN_SLOTS = 16;

/** murmur3's finalizer over both halves: sequential ids spread over the table. */
function mix(high: number, low: number): number {
  let h = Math.imul(high, 0x9e3779b1) ^ low;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** FNV-1a of an id that is not hex. */
function stringHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class SpanIdTable {
  /** Per index: the id's two halves (hex ids), or its hash and 0 (others). */
  private halves = new Uint32Array(2 * MIN_SLOTS);
  /** Ids that are not 16 lowercase hex digits, by index. */
  private readonly others = new Map<number, string>();
  /** Open addressing, linear probing: index + 1 of the first id added with each value. */
  private slots = new Int32Array(MIN_SLOTS);
  private distinct = 0;
  private count = 0;
  private readonly parsed = new Uint32Array(2);

  /** How many ids were added (with repeats). */
  get size(): number {
    return this.count;
  }

  /** How many different ids were added. */
  get distinctSize(): number {
    return this.distinct;
  }

  /** About what the table takes in memory. */
  get bytes(): number {
    return this.halves.byteLength + this.slots.byteLength + this.others.size * 64;
  }

  /** Adds the id with the next index (even when it was added before), and returns that index. */
  push(id: string): number {
    const index = this.count;
    if (2 * (index + 1) > this.halves.length) {
      const grown = new Uint32Array(this.halves.length * 2);
      grown.set(this.halves);
      this.halves = grown;
    }
    const hex = parseHexId(id, this.parsed);
    const high = hex ? this.parsed[0]! : stringHash(id);
    const low = hex ? this.parsed[1]! : 0;
    this.halves[2 * index] = high;
    this.halves[2 * index + 1] = low;
    if (!hex) this.others.set(index, id);
    this.count++;
    const slot = this.find(id, hex, high, low);
    if (this.slots[slot] === EMPTY) {
      this.slots[slot] = index + 1;
      this.distinct++;
      if (2 * this.distinct > this.slots.length) this.rehash();
    }
    return index;
  }

  /** Adds the id unless it was added before; true when it was new. */
  add(id: string): boolean {
    if (this.has(id)) return false;
    this.push(id);
    return true;
  }

  has(id: string): boolean {
    return this.indexOf(id) >= 0;
  }

  /** The index the id was first added with, or -1. */
  indexOf(id: string): number {
    const hex = parseHexId(id, this.parsed);
    const high = hex ? this.parsed[0]! : stringHash(id);
    const low = hex ? this.parsed[1]! : 0;
    return this.slots[this.find(id, hex, high, low)]! - 1;
  }

  /** The id added with `index`. */
  idAt(index: number): string {
    if (index < 0 || index >= this.count) throw new RangeError(`no span id ${index}`);
    return this.others.get(index) ?? hexId(this.halves[2 * index]!, this.halves[2 * index + 1]!);
  }

  /** The ids from index `from` on, in order. */
  idsFrom(from: number): string[] {
    const ids: string[] = [];
    const { halves } = this;
    if (this.others.size > 0)
      for (let index = from; index < this.count; index++) ids.push(this.idAt(index));
    else
      for (let index = Math.max(0, from); index < this.count; index++)
        ids.push(hexId(halves[2 * index]!, halves[2 * index + 1]!));
    return ids;
  }

  /** The ids from index `from` on, as an outline's binary span ids (outline-span-ids.ts). */
  outlineIdsFrom(from: number): OutlineSpanIds {
    const start = Math.min(Math.max(0, from), this.count);
    const otherSpanIds: Record<number, string> = {};
    for (const [index, id] of this.others) if (index >= start) otherSpanIds[index - start] = id;
    return { spanIdHalves: this.halves.slice(2 * start, 2 * this.count), otherSpanIds };
  }

  /** The slot holding the id, or the empty slot where it would go. */
  private find(id: string, hex: boolean, high: number, low: number): number {
    const mask = this.slots.length - 1;
    for (let slot = mix(high, low) & mask; ; slot = (slot + 1) & mask) {
      const held = this.slots[slot]!;
      if (held === EMPTY) return slot;
      const index = held - 1;
      if (this.halves[2 * index] !== high || this.halves[2 * index + 1] !== low) continue;
      const other = this.others.get(index);
      if (hex ? other === undefined : other === id) return slot;
    }
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (const held of this.slots) {
      if (held === EMPTY) continue;
      const index = held - 1;
      let slot = mix(this.halves[2 * index]!, this.halves[2 * index + 1]!) & mask;
      while (slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      slots[slot] = held;
    }
    this.slots = slots;
  }
}
