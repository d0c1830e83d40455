// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useThrottledValue } from '../../../renderer/lib/use-throttled-value';
import { renderHook } from '../render-hook';

describe('useThrottledValue', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows a change after a quiet interval at once', async () => {
    let value = 'a';
    const hook = await renderHook(() => useThrottledValue(value, 500));
    expect(hook.result.current).toBe('a');
    await act(async () => vi.advanceTimersByTime(1000));
    value = 'b';
    await hook.rerender();
    expect(hook.result.current).toBe('b');
    await hook.unmount();
  });

  it('holds back changes that come faster, then shows the last one at the interval’s end', async () => {
    let value = 'a';
    const hook = await renderHook(() => useThrottledValue(value, 500));
    await act(async () => vi.advanceTimersByTime(1000));
    value = 'b';
    await hook.rerender();
    expect(hook.result.current).toBe('b');
    // Three more changes within the next 500 ms: none shows before the interval is over.
    for (const next of ['c', 'd', 'e']) {
      await act(async () => vi.advanceTimersByTime(100));
      value = next;
      await hook.rerender();
      expect(hook.result.current).toBe('b');
    }
    await act(async () => vi.advanceTimersByTime(199));
    expect(hook.result.current).toBe('b');
    await act(async () => vi.advanceTimersByTime(1));
    expect(hook.result.current).toBe('e');
    await hook.unmount();
  });

  it('shows a value changed back to the one shown at once', async () => {
    let value = 'a';
    const hook = await renderHook(() => useThrottledValue(value, 500));
    await act(async () => vi.advanceTimersByTime(1000));
    value = 'b';
    await hook.rerender();
    value = 'c';
    await hook.rerender();
    expect(hook.result.current).toBe('b');
    value = 'b';
    await hook.rerender();
    expect(hook.result.current).toBe('b');
    await act(async () => vi.advanceTimersByTime(1000));
    expect(hook.result.current).toBe('b');
    await hook.unmount();
  });
});
