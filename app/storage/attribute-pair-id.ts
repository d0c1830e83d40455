// An attribute pair (key, value text) is named by a 53-bit hash of the pair itself, so writes need
// no dictionary of pairs (no table, no look-up, no count of the traces that use one) and a filter
// `key=value` hashes its pair and asks each trace's set of ids (pair-id-set.ts).
//
// A filter can match a wrong trace only when its pair's hash equals that of another pair some
// stored trace has: with n distinct pairs stored, about n / 2^53 a query (10^8 pairs: 1 in 90
// million), and then it only adds a trace to the list; it never hides one that has the pair.
import { createHash } from 'node:crypto';
import { cutAttributeText, DEFAULT_ATTRIBUTE_VALUE_LIMIT_KIB } from '../model/attribute-limit';

/** Attribute values longer than this are indexed cut (see indexedValueText). */
const INDEXED_VALUE_LIMIT_KIB = DEFAULT_ATTRIBUTE_VALUE_LIMIT_KIB;

/**
 * The text an attribute value is indexed by: the value's text, or for one longer than
 * INDEXED_VALUE_LIMIT_KIB its cut text ("… (cut, N KiB)") and a SHA-256 of the whole text, so a
 * filter on the whole value still matches exactly. The limit is fixed, not the setting's: ids are
 * kept in the database, and a filter matches whatever the setting was when spans arrived.
 */
export function indexedValueText(text: string): string {
  const cut = cutAttributeText(text, INDEXED_VALUE_LIMIT_KIB);
  if (cut === text) return text;
  return `${cut} sha256:${createHash('sha256').update(text).digest('hex')}`;
}

/** The text Spanlight ≥ schema 3 indexes a stored value by: the value itself when it was indexed
 * so already (short, or cut with its SHA-256), else (schemas 1 and 2 kept long values whole) its
 * indexedValueText. */
export function storedIndexedValueText(stored: string): string {
  if (cutAttributeText(stored, INDEXED_VALUE_LIMIT_KIB) === stored) return stored;
  return INDEXED_SUFFIX.test(stored) ? stored : indexedValueText(stored);
}

const INDEXED_SUFFIX = /… \(cut, [^)]*\) sha256:[0-9a-f]{64}$/;

/** The id of the attribute (key, value as text, see attributeValueText). */
export function attributePairId(key: string, valueText: string): number {
  return hashAttributePair(key, indexedValueText(valueText));
}

// Two 32-bit lanes, each with its own seed and multiplier, read the same input: the key's length
// (so that where the key ends is part of what is hashed), the key, the value and its length, two
// UTF-16 units a round. A round is xor, multiply by an odd constant and xor-shift (each a bijection
// of the lane); murmur3's finalizer then spreads every bit over the lane.
const SEED_A = 0x2545f491;
const SEED_B = 0x6c8e9cf5;
const MULTIPLIER_A = 0x9e3779b1;
const MULTIPLIER_B = 0x85ebca77;
const HIGH_BITS = 0x1fffff;
const TWO_TO_32 = 0x1_0000_0000;

/** The pair's id: a whole number in [0, 2^53), the same on every platform and every run. */
export function hashAttributePair(key: string, indexedValue: string): number {
  let a = Math.imul(SEED_A ^ key.length, MULTIPLIER_A);
  let b = Math.imul(SEED_B ^ key.length, MULTIPLIER_B);
  a ^= a >>> 15;
  b ^= b >>> 15;
  for (let part = 0; part < 2; part++) {
    const text = part === 0 ? key : indexedValue;
    const pairsEnd = text.length & ~1;
    for (let i = 0; i < pairsEnd; i += 2) {
      const unit = text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16);
      a = Math.imul(a ^ unit, MULTIPLIER_A);
      b = Math.imul(b ^ unit, MULTIPLIER_B);
      a ^= a >>> 15;
      b ^= b >>> 15;
    }
    if (pairsEnd < text.length) {
      const unit = text.charCodeAt(pairsEnd);
      a = Math.imul(a ^ unit, MULTIPLIER_A);
      b = Math.imul(b ^ unit, MULTIPLIER_B);
      a ^= a >>> 15;
      b ^= b >>> 15;
    }
  }
  a = finish(a ^ indexedValue.length);
  b = finish(b ^ indexedValue.length);
  return (b & HIGH_BITS) * TWO_TO_32 + (a >>> 0);
}

function finish(lane: number): number {
  let h = lane;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
