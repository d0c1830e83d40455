import { describe, expect, it } from 'vitest';
import { parseAttributeFilters } from '../../../renderer/search/attribute-filter-input';

describe('parseAttributeFilters', () => {
  it('reads one key=value pair', () => {
    expect(parseAttributeFilters('http.response.status_code=500')).toEqual({
      state: 'valid',
      value: [{ key: 'http.response.status_code', value: '500' }],
    });
  });

  it('reads several pairs separated by spaces', () => {
    expect(parseAttributeFilters('  a=1   b=two ')).toEqual({
      state: 'valid',
      value: [
        { key: 'a', value: '1' },
        { key: 'b', value: 'two' },
      ],
    });
  });

  it('keeps "=" inside a value and reads quoted values with spaces and escapes', () => {
    expect(parseAttributeFilters('q=a=b tier="gold plus" say="a \\"b\\"" empty=""')).toEqual({
      state: 'valid',
      value: [
        { key: 'q', value: 'a=b' },
        { key: 'tier', value: 'gold plus' },
        { key: 'say', value: 'a "b"' },
        { key: 'empty', value: '' },
      ],
    });
  });

  it('treats blank input as no condition', () => {
    expect(parseAttributeFilters('   ')).toEqual({ state: 'empty' });
  });

  it('says what is wrong with an incomplete pair', () => {
    expect(parseAttributeFilters('a=1 orphan')).toEqual({
      state: 'invalid',
      message: '“orphan” needs a value: write orphan=value',
    });
    expect(parseAttributeFilters('=5')).toMatchObject({
      state: 'invalid',
      message: expect.stringContaining('needs a key'),
    });
    expect(parseAttributeFilters('a=')).toMatchObject({
      state: 'invalid',
      message: expect.stringContaining('“a=” needs a value'),
    });
    expect(parseAttributeFilters('a="open')).toMatchObject({
      state: 'invalid',
      message: expect.stringContaining('no closing quote'),
    });
  });
});
