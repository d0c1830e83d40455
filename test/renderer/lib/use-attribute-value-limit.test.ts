// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { useAttributeValueLimit } from '../../../renderer/lib/use-attribute-value-limit';
import { settingsState } from '../hook-fixtures';
import { fakeApi, renderHook, settle } from '../render-hook';

describe('useAttributeValueLimit', () => {
  it('is 64 KiB until the settings answer, then follows them and their changes', async () => {
    const { api, emit, listeners } = fakeApi({
      getSettings: settingsState({ attributeValueLimitKiB: 8 }),
    });
    const hook = await renderHook(() => useAttributeValueLimit(api));
    await settle();
    expect(hook.result.current).toBe(8);
    await emit({
      name: 'settingsChanged',
      payload: settingsState({ attributeValueLimitKiB: 512 }),
    });
    expect(hook.result.current).toBe(512);
    await hook.unmount();
    expect(listeners.size).toBe(0);
  });

  it('keeps the default when the core cannot be reached', async () => {
    const { api } = fakeApi({ getSettings: new Error('down') });
    const hook = await renderHook(() => useAttributeValueLimit(api));
    await settle();
    expect(hook.result.current).toBe(64);
    await hook.unmount();
  });
});
