import { describe, expect, it } from 'vitest';
import {
  cutAttributeText,
  cutAttributeValueText,
  DEFAULT_ATTRIBUTE_VALUE_LIMIT_KIB,
  formatKiB,
  utf8ByteLength,
} from '../../../app/model/attribute-limit';

describe('cutAttributeText', () => {
  it('keeps a text within the limit whole', () => {
    const text = 'x'.repeat(1024);
    expect(cutAttributeText(text, 1)).toBe(text);
  });

  it('cuts a longer text to the limit and says how large it was', () => {
    const text = 'x'.repeat(10 * 1024 * 1024);
    const cut = cutAttributeText(text);
    expect(cut).toBe(`${'x'.repeat(DEFAULT_ATTRIBUTE_VALUE_LIMIT_KIB * 1024)}… (cut, 10,240 KiB)`);
  });

  it('counts UTF-8 bytes and never splits a character', () => {
    // 700 three-byte characters = 2,100 bytes; 1 KiB holds 341 of them.
    const cut = cutAttributeText('€'.repeat(700), 1);
    expect(cut).toBe(`${'€'.repeat(341)}… (cut, 3 KiB)`);
    // A surrogate pair (4 bytes) is kept or dropped whole.
    const emoji = cutAttributeText('a'.repeat(1022) + '😀😀', 1);
    expect(emoji).toBe(`${'a'.repeat(1022)}… (cut, 2 KiB)`);
  });
});

describe('cutAttributeValueText', () => {
  it('cuts the text of a value', () => {
    expect(cutAttributeValueText({ stringValue: 'y'.repeat(2048) }, 1)).toBe(
      `${'y'.repeat(1024)}… (cut, 2 KiB)`,
    );
    expect(cutAttributeValueText({ intValue: '5' }, 1)).toBe('5');
  });
});

describe('utf8ByteLength and formatKiB', () => {
  it('count as TextEncoder does, and round sizes up', () => {
    for (const text of ['abc', 'ü€😀', '\ud800x', 'x\udc00'])
      expect(utf8ByteLength(text)).toBe(new TextEncoder().encode(text).length);
    expect(formatKiB(1)).toBe('1 KiB');
    expect(formatKiB(1025)).toBe('2 KiB');
    expect(formatKiB(5 * 1024 * 1024)).toBe('5,120 KiB');
  });
});
