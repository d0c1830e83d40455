import { describe, expect, it } from 'vitest';
import { parseJsonSequence } from '../../../app/trace-files/json-value-sequence';

describe('parseJsonSequence', () => {
  it('parses objects written one after another, with or without whitespace between them', () => {
    expect(parseJsonSequence('{"a":1}{"b":2}')).toEqual([{ a: 1 }, { b: 2 }]);
    expect(parseJsonSequence(' {"a":1}\n\n{"b":2}\r\n[3]\t')).toEqual([{ a: 1 }, { b: 2 }, [3]]);
  });

  it('is not fooled by braces, brackets and escaped quotes inside strings', () => {
    const text = '{"s":"}{\\"[","t":"\\\\"}{"u":"\\\\\\""}';
    expect(parseJsonSequence(text)).toEqual([{ s: '}{"[', t: '\\' }, { u: '\\"' }]);
  });

  it('answers undefined for one document, so that the caller parses it as usual', () => {
    expect(parseJsonSequence('{"a":1}')).toBeUndefined();
    expect(parseJsonSequence('  [1, 2]  ')).toBeUndefined();
  });

  it('answers undefined for anything that is not a sequence of objects and lists', () => {
    expect(parseJsonSequence('{"a":1}{"b":')).toBeUndefined(); // never closes
    expect(parseJsonSequence('{"a":1} 2')).toBeUndefined(); // a scalar
    expect(parseJsonSequence('{"a":1},{"b":2}')).toBeUndefined(); // a comma between
    expect(parseJsonSequence('{"a":1}{"b":x}')).toBeUndefined(); // invalid inside
    expect(parseJsonSequence('{"a":"unterminated}{"b":2}')).toBeUndefined();
    expect(parseJsonSequence('')).toBeUndefined();
  });
});
