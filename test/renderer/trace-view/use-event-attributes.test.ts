// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import type { TraceOutline } from '../../../app/model/trace-outline';
import { useEventAttributes } from '../../../renderer/trace-view/use-trace-outline';
import { fakeApi, renderHook, settle } from '../render-hook';

describe('useEventAttributes', () => {
  it('fetches once per outline, and again when the attribute-value limit changes', async () => {
    const { api } = fakeApi({ getTraceEventAttributes: { attributes: ['k=v'] } });
    const outline = { traceId: 'a'.repeat(32) } as TraceOutline;
    let limitKiB = 64;
    const hook = await renderHook(() => useEventAttributes(api, outline, limitKiB));
    await settle();
    expect(hook.result.current).toEqual({ attributes: ['k=v'], error: undefined });
    const fetches = vi.mocked(api.getTraceEventAttributes);
    expect(fetches).toHaveBeenCalledTimes(1);
    // The core cuts each value to the setting: a new limit means new texts.
    vi.mocked(api.getTraceEventAttributes).mockResolvedValueOnce({ attributes: ['k=…'] });
    limitKiB = 1;
    await hook.rerender();
    await settle();
    expect(fetches).toHaveBeenCalledTimes(2);
    expect(hook.result.current.attributes).toEqual(['k=…']);
    await hook.unmount();
  });
});
