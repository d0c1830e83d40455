import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError } from '../../../app/trace-files/json-syntax-error';

describe('findJsonSyntaxError', () => {
  it('finds nothing wrong in valid JSON', () => {
    for (const text of [
      '{}',
      '[]',
      ' {"a": [1, -2.5e3, true, false, null, "x\\u00e9\\n"]} ',
      '"s"',
      '0',
    ])
      expect(findJsonSyntaxError(text)).toBeUndefined();
  });

  it('gives the line, column and problem of the first error, as JSON.parse would refuse it', () => {
    const cases: [string, { line: number; column: number; problem: string }][] = [
      ['{"a": 1,}', { line: 1, column: 9, problem: 'expected a property name in double quotes' }],
      ['{\n  "a" 1}', { line: 2, column: 7, problem: "expected ':' after a property name" }],
      ['[1 2]', { line: 1, column: 4, problem: "expected ',' or ']' after a list item" }],
      [
        '{"a": 1 "b"}',
        { line: 1, column: 9, problem: "expected ',' or '}' after a property value" },
      ],
      ['[01]', { line: 1, column: 3, problem: 'a malformed number' }],
      ['["a\tb"]', { line: 1, column: 4, problem: 'a control character inside a string' }],
      ['["\\x"]', { line: 1, column: 3, problem: 'an unknown escape in a string' }],
      [
        '{"a": [1, 2',
        { line: 1, column: 12, problem: 'the text ends before the JSON value is complete' },
      ],
      ['{} {}', { line: 1, column: 4, problem: 'unexpected text after the end of the JSON value' }],
      ['["abc', { line: 1, column: 6, problem: 'a string that is never closed' }],
      ['tru', { line: 1, column: 1, problem: 'expected a JSON value' }],
    ];
    for (const [text, error] of cases) {
      expect(() => JSON.parse(text)).toThrow();
      expect(findJsonSyntaxError(text), text).toEqual(error);
    }
  });

  it('scans 100,000 levels of nesting without overflowing the stack', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(99_999)}`;
    expect(findJsonSyntaxError(deep)?.problem).toBe(
      'the text ends before the JSON value is complete',
    );
    expect(findJsonSyntaxError(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)).toBeUndefined();
  });
});
