// A trace's attribute-pair ids (attribute-pair-id.ts), held compactly: whole numbers up to 2^53
// are not small integers to V8, so a Set<number> keeps each as a heap number, about 40 bytes an
// id in all; here an id takes one slot of a Float64Array (open addressing, linear probing, at
// most 3/4 full, 8 slots at least), 11 to 21 bytes an id past the first few. The ids are hashes
// already: their low 32 bits pick the slot.

/** Marks an empty slot; the id 0 itself is held by a flag. */
const EMPTY = 0;
const FIRST_CAPACITY = 8;
const NO_SLOTS = new Float64Array(0);

export class PairIdSet {
  private slots = NO_SLOTS;
  private count = 0;
  private hasZero = false;

  get size(): number {
    return this.count + (this.hasZero ? 1 : 0);
  }

  has(id: number): boolean {
    if (id === EMPTY) return this.hasZero;
    const { slots } = this;
    const mask = slots.length - 1;
    if (mask < 0) return false;
    for (let at = (id >>> 0) & mask; ; at = (at + 1) & mask) {
      const held = slots[at]!;
      if (held === id) return true;
      if (held === EMPTY) return false;
    }
  }

  /** Adds the id; true when it was not held before. */
  add(id: number): boolean {
    if (id === EMPTY) {
      if (this.hasZero) return false;
      this.hasZero = true;
      return true;
    }
    if ((this.count + 1) * 4 > this.slots.length * 3)
      this.rehash(Math.max(FIRST_CAPACITY, this.slots.length * 2));
    if (!place(this.slots, id)) return false;
    this.count += 1;
    return true;
  }

  *values(): IterableIterator<number> {
    if (this.hasZero) yield EMPTY;
    for (const id of this.slots) if (id !== EMPTY) yield id;
  }

  private rehash(capacity: number): void {
    const old = this.slots;
    this.slots = new Float64Array(capacity);
    for (const id of old) if (id !== EMPTY) place(this.slots, id);
  }
}

/** Puts the id in its slot or the first empty one after it; false when it is there already. */
function place(slots: Float64Array, id: number): boolean {
  const mask = slots.length - 1;
  for (let at = (id >>> 0) & mask; ; at = (at + 1) & mask) {
    const held = slots[at]!;
    if (held === id) return false;
    if (held === EMPTY) {
      slots[at] = id;
      return true;
    }
  }
}
