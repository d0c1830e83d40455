import { describe, expect, it } from 'vitest';
import { parseTraceLookupInput } from '../../../renderer/trace-list/trace-lookup-input';

const trace = '4bf92f3577b34da6a3ce929d0e0e4736';

describe('parseTraceLookupInput', () => {
  it('reads a whole id or its first digits, in any letter case, ignoring spaces and dashes', () => {
    expect(parseTraceLookupInput(` ${trace.toUpperCase()} `)).toEqual({
      kind: 'prefix',
      prefix: trace,
    });
    expect(parseTraceLookupInput('4bf9')).toEqual({ kind: 'prefix', prefix: '4bf9' });
    expect(parseTraceLookupInput('4bf92f35-77b3-4da6')).toEqual({
      kind: 'prefix',
      prefix: '4bf92f3577b34da6',
    });
  });

  it('reads a pasted Spanlight link, with its span', () => {
    expect(
      parseTraceLookupInput(`http://127.0.0.1:8080/#/trace/${trace}/span/00f067aa0ba902b7`),
    ).toEqual({ kind: 'link', route: { traceId: trace, spanId: '00f067aa0ba902b7' } });
  });

  it('says what is wrong with anything else', () => {
    expect(parseTraceLookupInput('')).toEqual({ kind: 'empty' });
    expect(parseTraceLookupInput('order-42')).toEqual({
      kind: 'invalid',
      message: 'a trace id has only the hex digits 0-9 and a-f',
    });
    expect(parseTraceLookupInput(`${trace}0`)).toMatchObject({ kind: 'invalid' });
    expect(parseTraceLookupInput('http://x/#/settings')).toMatchObject({ kind: 'invalid' });
  });
});
