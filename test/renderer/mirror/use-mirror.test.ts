// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { MirrorStatus } from '../../../app/contract';
import { useMirror } from '../../../renderer/mirror/use-mirror';
import { offStatus, settingsState } from '../hook-fixtures';
import { fakeApi, renderHook, settle } from '../render-hook';

describe('useMirror', () => {
  it('fetches the settings and status once, then follows the core’s events', async () => {
    const { api, emit } = fakeApi({ getSettings: settingsState(), getMirrorStatus: offStatus });
    const hook = await renderHook(() => useMirror(api, { pollStatus: false }));
    await settle();
    expect(hook.result.current.settings?.settings.mirror.enabled).toBe(false);
    expect(hook.result.current.status).toBe(offStatus);
    const sending = { ...offStatus, state: 'sending' } as MirrorStatus;
    await emit({ name: 'mirrorStatusChanged', payload: sending });
    expect(hook.result.current.status).toBe(sending);
    await emit({ name: 'settingsChanged', payload: settingsState({ mirror: { enabled: true } }) });
    expect(hook.result.current.settings?.settings.mirror.enabled).toBe(true);
    expect(api.getSettings).toHaveBeenCalledTimes(1);
    await hook.unmount();
  });

  it('says why when the core does not answer', async () => {
    const { api } = fakeApi({
      getSettings: new Error('getSettings: the Spanlight web host did not answer'),
    });
    const hook = await renderHook(() => useMirror(api, { pollStatus: false }));
    await settle();
    expect(hook.result.current.error).toBe('getSettings: the Spanlight web host did not answer');
    await hook.unmount();
  });

  it('stops listening when unmounted, and ignores answers that arrive after', async () => {
    let answer: (state: unknown) => void = () => undefined;
    const { api, listeners } = fakeApi({ getMirrorStatus: offStatus });
    (
      api.getSettings as unknown as { mockImplementation: (f: () => Promise<unknown>) => void }
    ).mockImplementation(() => new Promise((resolve) => (answer = resolve)));
    const hook = await renderHook(() => useMirror(api, { pollStatus: false }));
    await hook.unmount();
    expect(listeners.size).toBe(0);
    answer(settingsState());
    await settle();
    expect(hook.result.current.settings).toBeUndefined();
  });
});
