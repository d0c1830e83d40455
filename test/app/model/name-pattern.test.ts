import { describe, expect, it } from 'vitest';
import {
  compileNameMatcher,
  exactNamePattern,
  nameMatcher,
  parseNamePattern,
} from '../../../app/model/name-pattern';

const names = [
  'GET /orders/{id}/confirmation',
  'INSERT orders',
  'place-order',
  'send confirmation-email',
  '/api/users',
];
const matching = (input: string) => names.filter(nameMatcher(input));

describe('parseNamePattern', () => {
  it('reads plain text as a substring, /…/ and /…/i as regular expressions', () => {
    expect(parseNamePattern('Orders')).toEqual({
      ok: true,
      pattern: { kind: 'substring', text: 'orders' },
    });
    expect(parseNamePattern('/^GET /')).toEqual({
      ok: true,
      pattern: { kind: 'regex', source: '^GET ', ignoreCase: false },
    });
    expect(parseNamePattern('/get/i')).toEqual({
      ok: true,
      pattern: { kind: 'regex', source: 'get', ignoreCase: true },
    });
  });

  it('keeps route-like names (a slash, then letters that are not flags) as plain text', () => {
    expect(parseNamePattern('/api/users')).toMatchObject({ pattern: { kind: 'substring' } });
    expect(parseNamePattern('/orders')).toMatchObject({ pattern: { kind: 'substring' } });
  });

  it('says what is wrong with an invalid expression', () => {
    const parsed = parseNamePattern('/(unclosed/');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toMatch(/^not a valid regular expression: /);
  });

  it('refuses repetitions inside repetitions, which can backtrack for ever', () => {
    for (const input of ['/(a+)+$/', '/(a*b)*/', '/((x+))+/', '/(\\w+\\s?)*$/', '/(a+){2,}/']) {
      const parsed = parseNamePattern(input);
      expect(parsed.ok, input).toBe(false);
      expect(!parsed.ok && parsed.message, input).toMatch(/repetition inside a repetition/);
    }
    for (const input of ['/(ab)+/', '/(a+)?/', '/[(a+)]+/', '/\\(a+\\)+/', '/(a+){1}/', '/a+b*/']) {
      expect(parseNamePattern(input).ok, input).toBe(true);
    }
  });

  it('refuses a pattern longer than 500 characters', () => {
    expect(parseNamePattern('x'.repeat(501)).ok).toBe(false);
  });
});

describe('nameMatcher', () => {
  it('matches substrings ignoring letter case', () => {
    expect(matching('ORDER')).toEqual([
      'GET /orders/{id}/confirmation',
      'INSERT orders',
      'place-order',
    ]);
    expect(matching('confirmation')).toEqual([
      'GET /orders/{id}/confirmation',
      'send confirmation-email',
    ]);
    expect(matching('')).toEqual(names);
  });

  it('matches a regular expression as written, or ignoring case with /i', () => {
    expect(matching('/^(GET|INSERT) /')).toEqual([
      'GET /orders/{id}/confirmation',
      'INSERT orders',
    ]);
    expect(matching('/^get /')).toEqual([]);
    expect(matching('/^get /i')).toEqual(['GET /orders/{id}/confirmation']);
  });

  it('throws with the reason for a pattern that does not parse', () => {
    expect(() => nameMatcher('/[/')).toThrow(/not a valid regular expression/);
  });

  it('gives the same answer for a name it has seen before', () => {
    const matches = compileNameMatcher({ kind: 'regex', source: 'x$', ignoreCase: false });
    expect([matches('ax'), matches('ax'), matches('xa')]).toEqual([true, true, false]);
  });
});

describe('exactNamePattern', () => {
  it('is the plain name when no other known name contains it', () => {
    expect(exactNamePattern('place-order', names)).toBe('place-order');
  });

  it('is an anchored, escaped expression when a substring would match more names', () => {
    const pattern = exactNamePattern('orders', [...names, 'orders']);
    expect(pattern).toBe('/^orders$/');
    const known = [...names, 'GET /orders/{id}'];
    const exact = exactNamePattern('GET /orders/{id}', known);
    expect(known.filter(nameMatcher(exact))).toEqual(['GET /orders/{id}']);
  });
});
