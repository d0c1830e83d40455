import { describe, expect, it } from 'vitest';
import {
  decodeTypedArrayFrame,
  encodeTypedArrayFrame,
  hasTypedArrayFields,
  withArraysAsLists,
} from '../../../app/model/typed-array-frame';

/** The frame's bytes in a buffer of their own, as fetch's arrayBuffer() gives them. */
const received = (frame: Uint8Array) => frame.slice().buffer;

describe('typed-array frames', () => {
  const answer = {
    traceId: 'abc',
    names: ['a', 'b'],
    parents: Int32Array.from([-1, 0, 0]),
    // A view into a bigger buffer, at an offset that is not a multiple of 8.
    startUs: new Float64Array(new Float64Array([9, 0.5, 1.25, 3e15 + 1]).buffer, 8, 3),
    kinds: Uint8Array.from([1, 2, 3]),
    empty: new Float64Array(0),
    statusMessages: { 1: 'it broke' },
  };

  it('carries every field, typed arrays with their type and values', () => {
    const decoded = decodeTypedArrayFrame(received(encodeTypedArrayFrame(answer)));
    expect(decoded).toEqual(answer);
    expect(decoded.startUs).toBeInstanceOf(Float64Array);
    expect(Array.from(decoded.startUs as Float64Array)).toEqual([0.5, 1.25, 3e15 + 1]);
    expect(decoded.kinds).toBeInstanceOf(Uint8Array);
  });

  it('tells answers that hold typed arrays, and gives them as lists for JSON', () => {
    expect(hasTypedArrayFields(answer)).toBe(true);
    expect(hasTypedArrayFields({ traces: [1, 2] })).toBe(false);
    expect(hasTypedArrayFields(null)).toBe(false);
    expect(hasTypedArrayFields([Int32Array.from([1])])).toBe(false);
    expect(JSON.parse(JSON.stringify(withArraysAsLists(answer)))).toMatchObject({
      parents: [-1, 0, 0],
      startUs: [0.5, 1.25, 3e15 + 1],
      kinds: [1, 2, 3],
      empty: [],
      names: ['a', 'b'],
    });
  });

  it('refuses what is not a frame, or a frame cut short, naming the problem', () => {
    expect(() => decodeTypedArrayFrame(new TextEncoder().encode('{"a":1}').buffer)).toThrow(
      'the answer is not a typed-array frame',
    );
    const frame = encodeTypedArrayFrame(answer);
    expect(() => decodeTypedArrayFrame(received(frame.subarray(0, 20)))).toThrow(
      'the typed-array frame ends inside its header',
    );
    expect(() => decodeTypedArrayFrame(received(frame.subarray(0, frame.length - 4)))).toThrow(
      /field "\w+" does not fit the frame/,
    );
  });
});
