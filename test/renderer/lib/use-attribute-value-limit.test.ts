// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { useAttributeValueLimit } from '../../../renderer/lib/use-attribute-value-limit';
import { emptyTraceList, settingsState } from '../hook-fixtures';
import { fakeApi, renderStoreHook, settle } from '../render-hook';

describe('useAttributeValueLimit', () => {
  it('is 64 KiB until the settings answer, then follows them and their changes', async () => {
    let answer: (state: unknown) => void = () => undefined;
    const { api, emit, listeners } = fakeApi({ listTraces: emptyTraceList });
    (
      api.getSettings as unknown as { mockImplementation: (f: () => Promise<unknown>) => void }
    ).mockImplementation(() => new Promise((resolve) => (answer = resolve)));
    const hook = await renderStoreHook(api, () => useAttributeValueLimit());
    expect(hook.result.current).toBe(64);
    answer(settingsState({ attributeValueLimitKiB: 8 }));
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
    const { api } = fakeApi({ getSettings: new Error('down'), listTraces: emptyTraceList });
    const hook = await renderStoreHook(api, () => useAttributeValueLimit());
    await settle();
    expect(hook.result.current).toBe(64);
    await hook.unmount();
  });
});
