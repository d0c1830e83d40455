import { describe, expect, it } from 'vitest';
import { SpanIdTable } from '../../../app/storage/span-id-table';

const hex = (n: number) => n.toString(16).padStart(16, '0');

describe('SpanIdTable', () => {
  it('numbers ids in the order they are pushed and gives them back', () => {
    const table = new SpanIdTable();
    expect(table.push('00f067aa0ba902b7')).toBe(0);
    expect(table.push('ffffffffffffffff')).toBe(1);
    expect(table.push('0000000000000000')).toBe(2);
    expect(table.idsFrom(0)).toEqual(['00f067aa0ba902b7', 'ffffffffffffffff', '0000000000000000']);
    expect(table.idsFrom(2)).toEqual(['0000000000000000']);
    expect(table.indexOf('ffffffffffffffff')).toBe(1);
    expect(table.indexOf('0000000000000000')).toBe(2);
    expect(table.indexOf('0000000000000001')).toBe(-1);
  });

  it('finds a repeated id at its first index, and counts it once as distinct', () => {
    const table = new SpanIdTable();
    table.push(hex(5));
    table.push(hex(6));
    expect(table.push(hex(5))).toBe(2);
    expect(table.indexOf(hex(5))).toBe(0);
    expect(table.idAt(2)).toBe(hex(5));
    expect(table.size).toBe(3);
    expect(table.distinctSize).toBe(2);
  });

  it('adds an id once as a set does', () => {
    const table = new SpanIdTable();
    expect(table.add(hex(1))).toBe(true);
    expect(table.add(hex(1))).toBe(false);
    expect(table.has(hex(1))).toBe(true);
    expect(table.has(hex(2))).toBe(false);
    expect(table.size).toBe(1);
  });

  it('keeps ids that are not 16 lowercase hex digits exactly, apart from hex ones', () => {
    const table = new SpanIdTable();
    const ids = [
      '00F067AA0BA902B7',
      '00f067aa0ba902b7',
      'abc',
      '',
      'span-é',
      '00f067aa0ba902b',
      '1',
    ];
    ids.forEach((id) => table.push(id));
    ids.forEach((id, index) => {
      expect(table.indexOf(id)).toBe(index);
      expect(table.idAt(index)).toBe(id);
    });
    expect(table.indexOf('00F067AA0BA902b7')).toBe(-1);
    expect(table.indexOf('ABC')).toBe(-1);
  });

  it('holds many ids, sequential and scattered, as they grow the table', () => {
    const table = new SpanIdTable();
    const ids: string[] = [];
    for (let i = 0; i < 50_000; i++) ids.push(i % 3 ? hex(i + 1) : hex(i * 0x9e3779b1 + 7));
    ids.push('not-hex-at-all');
    expect(ids.filter((id) => table.add(id))).toHaveLength(ids.length);
    expect(table.size).toBe(ids.length);
    for (let i = 0; i < ids.length; i += 97) expect(table.indexOf(ids[i]!)).toBe(i);
    expect(table.indexOf(ids.at(-1)!)).toBe(ids.length - 1);
    expect(table.has(hex(0x7fffffff))).toBe(false);
    expect(table.idsFrom(0)).toEqual(ids);
    expect(table.bytes).toBeLessThan(ids.length * 32);
  });

  it('refuses an index it does not have', () => {
    const table = new SpanIdTable();
    table.push(hex(1));
    expect(() => table.idAt(1)).toThrow(RangeError);
  });
});
