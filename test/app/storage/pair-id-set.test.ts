import { describe, expect, it } from 'vitest';
import { PairIdSet } from '../../../app/storage/pair-id-set';
import { hashAttributePair } from '../../../app/storage/attribute-pair-id';

describe('PairIdSet', () => {
  it('holds nothing at first', () => {
    const set = new PairIdSet();
    expect(set.size).toBe(0);
    expect(set.has(0)).toBe(false);
    expect(set.has(12)).toBe(false);
    expect([...set.values()]).toEqual([]);
  });

  it('adds an id once, and tells whether it was new', () => {
    const set = new PairIdSet();
    expect(set.add(2 ** 53 - 1)).toBe(true);
    expect(set.add(2 ** 53 - 1)).toBe(false);
    expect(set.add(0)).toBe(true);
    expect(set.add(0)).toBe(false);
    expect(set.has(2 ** 53 - 1)).toBe(true);
    expect(set.has(0)).toBe(true);
    expect(set.has(2 ** 53 - 2)).toBe(false);
    expect(set.size).toBe(2);
    expect([...set.values()].sort()).toEqual([0, 2 ** 53 - 1].sort());
  });

  it('keeps ids apart that share their low 32 bits', () => {
    const set = new PairIdSet();
    const ids = Array.from({ length: 40 }, (_, i) => 5 + i * 2 ** 32);
    for (const id of ids.filter((_, i) => i % 2 === 0)) set.add(id);
    ids.forEach((id, i) => expect(set.has(id)).toBe(i % 2 === 0));
    expect(set.size).toBe(20);
  });

  it('grows as a Set would, over 100,000 hashed ids', () => {
    const set = new PairIdSet();
    const reference = new Set<number>();
    // Counted, not expected one by one: 170,000 expect() calls take seconds.
    let wrongAdds = 0;
    for (let i = 0; i < 100_000; i++) {
      const id = hashAttributePair('user.id', String(i % 60_000));
      if (set.add(id) === reference.has(id)) wrongAdds += 1;
      reference.add(id);
    }
    expect(wrongAdds).toBe(0);
    expect(set.size).toBe(reference.size);
    let wrongFinds = 0;
    for (let i = 0; i < 70_000; i++) {
      const id = hashAttributePair('user.id', String(i));
      if (set.has(id) !== reference.has(id)) wrongFinds += 1;
    }
    expect(wrongFinds).toBe(0);
    const values = [...set.values()];
    expect(values.length).toBe(reference.size);
    expect(values.every((id) => reference.has(id))).toBe(true);
  });
});
