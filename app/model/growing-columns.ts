// Columns of numbers that grow by doubling: appending is amortized O(1) and the values stay in one
// typed array, so a column of 1,000,000 numbers is 4 or 8 MB and is handed on as a copy of memory.

abstract class GrowingColumn<A extends Int32Array | Float64Array> {
  values: A;
  length = 0;

  constructor(capacity: number) {
    this.values = this.make(Math.max(1, capacity));
  }

  protected abstract make(length: number): A;

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = this.make(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }

  /** Takes off the last value. */
  pop(): number {
    return this.values[--this.length]!;
  }

  /** A copy of the values from `from` on. */
  copyFrom(from = 0): A {
    return this.values.slice(from, this.length) as A;
  }
}

/** Whole numbers within 32 bits (indexes, counts, codes). */
export class GrowingInts extends GrowingColumn<Int32Array> {
  constructor(capacity = 64) {
    super(capacity);
  }
  protected make(length: number): Int32Array {
    return new Int32Array(length);
  }
}

/** Doubles (times). */
export class GrowingFloats extends GrowingColumn<Float64Array> {
  constructor(capacity = 64) {
    super(capacity);
  }
  protected make(length: number): Float64Array {
    return new Float64Array(length);
  }
}
