// The attribute-value size limit: lists, the outline, the event list and the search index show or
// hold an attribute value's text only up to the limit (a setting), cut with "(cut, N KiB)"; a span's
// details show it whole.
import { attributeValueText } from './attribute-text';
import type { OtlpAnyValue } from './otlp';

export const DEFAULT_ATTRIBUTE_VALUE_LIMIT_KIB = 64;
/** The smallest and largest limits the setting takes. */
export const MIN_ATTRIBUTE_VALUE_LIMIT_KIB = 1;
export const MAX_ATTRIBUTE_VALUE_LIMIT_KIB = 64 * 1024;

const KIB = 1024;

/** UTF-8 bytes of `text` (lone surrogates count as the 3 bytes of U+FFFD, as TextEncoder writes). */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** How many UTF-16 units of `text` fit in `maxBytes` of UTF-8, never splitting a surrogate pair. */
function prefixLengthWithin(text: string, maxBytes: number): number {
  let bytes = 0;
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    let width = 1;
    let units = 1;
    if (code >= 0x80) width = code < 0x800 ? 2 : 3;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        width = 4;
        units = 2;
      }
    }
    if (bytes + width > maxBytes) break;
    bytes += width;
    i += units;
  }
  return i;
}

/** "1,234 KiB": a size for people, rounded up so that a cut value never reads "0 KiB". */
export function formatKiB(bytes: number): string {
  return `${Math.max(1, Math.ceil(bytes / KIB)).toLocaleString('en-US')} KiB`;
}

/**
 * `text` whole when it is at most `limitKiB` KiB of UTF-8, else its first `limitKiB` KiB and
 * "… (cut, N KiB)", N being the whole text's size.
 */
export function cutAttributeText(
  text: string,
  limitKiB: number = DEFAULT_ATTRIBUTE_VALUE_LIMIT_KIB,
): string {
  const maxBytes = limitKiB * KIB;
  // Three bytes a UTF-16 unit at most: short texts need no counting.
  if (text.length * 3 <= maxBytes) return text;
  const bytes = utf8ByteLength(text);
  if (bytes <= maxBytes) return text;
  return `${text.slice(0, prefixLengthWithin(text, maxBytes))}… (cut, ${formatKiB(bytes)})`;
}

/** An attribute value as text (attributeValueText), cut to the limit as cutAttributeText does. */
export function cutAttributeValueText(
  value: OtlpAnyValue | undefined,
  limitKiB: number = DEFAULT_ATTRIBUTE_VALUE_LIMIT_KIB,
): string {
  return cutAttributeText(attributeValueText(value), limitKiB);
}
