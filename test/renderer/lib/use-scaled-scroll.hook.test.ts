// @vitest-environment happy-dom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { useScaledScroll } from '../../../renderer/lib/use-scaled-scroll';
import { renderHook } from '../render-hook';

/** A 200 px tall viewport that records every write of its scrollTop (each forces a layout). */
function recordingViewport() {
  const element = document.createElement('div');
  const writes: number[] = [];
  let scrollTop = 0;
  Object.defineProperty(element, 'clientHeight', { value: 200 });
  Object.defineProperty(element, 'scrollTop', {
    get: () => scrollTop,
    set: (value: number) => {
      writes.push(value);
      scrollTop = value;
    },
  });
  return { ref: { current: element }, writes };
}

describe('useScaledScroll', () => {
  it('does not write the scroll position when rows are added and it stays where it was', async () => {
    const { ref, writes } = recordingViewport();
    let rowCount = 100;
    const hook = await renderHook(() =>
      useScaledScroll(ref, { rowCount, rowHeight: 26, overscan: 8, initialHeight: 200 }),
    );
    for (rowCount of [150, 200, 400]) await hook.rerender();
    expect(writes).toEqual([]);
    expect(hook.result.current.last).toBe(Math.ceil(200 / 26) + 8);
    await hook.unmount();
  });

  it('keeps the rows in view when the list shrinks below the scroll position', async () => {
    const { ref, writes } = recordingViewport();
    let rowCount = 100;
    const hook = await renderHook(() =>
      useScaledScroll(ref, { rowCount, rowHeight: 26, overscan: 8, initialHeight: 200 }),
    );
    await act(async () => hook.result.current.moveTo(1000, false));
    expect(writes).toEqual([1000]);
    rowCount = 120;
    await hook.rerender();
    expect(writes).toEqual([1000]);
    // 10 rows are 260 px: the last one at the bottom of the viewport is as far as it goes.
    rowCount = 10;
    await hook.rerender();
    expect(writes).toEqual([1000, 60]);
    expect(hook.result.current.position).toEqual({ physical: 60, virtual: 60 });
    await hook.unmount();
  });
});
