// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { useTheme } from '../../../renderer/theme/use-theme';
import { emptyTraceList, settingsState } from '../hook-fixtures';
import { fakeApi, renderStoreHook, settle } from '../render-hook';
import { act } from 'react';

describe('useTheme', () => {
  it('applies the saved theme to <html>, and a chosen one at once and through the core', async () => {
    const { api, emit } = fakeApi({
      getSettings: settingsState({ theme: 'dark' }),
      updateSettings: settingsState({ theme: 'light' }),
      listTraces: emptyTraceList,
    });
    const hook = await renderStoreHook(api, () => useTheme());
    await settle();
    expect(hook.result.current.theme).toBe('dark');
    expect(document.documentElement.dataset.theme).toBe('dark');
    await act(() => hook.result.current.setTheme('light'));
    expect(api.updateSettings).toHaveBeenCalledWith({ theme: 'light' });
    expect(document.documentElement.dataset.theme).toBe('light');
    await emit({ name: 'settingsChanged', payload: settingsState({ theme: 'system' }) });
    expect('theme' in document.documentElement.dataset).toBe(false);
    await hook.unmount();
  });
});
