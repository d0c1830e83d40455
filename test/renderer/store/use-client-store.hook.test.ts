// @vitest-environment happy-dom
// The client store as the window's components read it (useClientState in a ClientStoreProvider):
// the behaviours the mirror's own hook (useMirror) had before the store took its place.
import { describe, expect, it } from 'vitest';
import type { MirrorStatus } from '../../../app/contract';
import { useClientState } from '../../../renderer/store/use-client-store';
import { emptyTraceList, offStatus, receiverStatus, settingsState } from '../hook-fixtures';
import { fakeApi, renderStoreHook, settle } from '../render-hook';

/** What the toolbar's mirror switch and its panel read of the store. */
function useMirrorState() {
  const settings = useClientState((state) => state.settings);
  const status = useClientState((state) => state.mirrorStatus);
  return { settings, status };
}

describe('useClientState: the settings and the mirror status', () => {
  it('fetches the settings and status once, then follows the core’s events', async () => {
    const { api, emit } = fakeApi({
      getSettings: settingsState(),
      getMirrorStatus: offStatus,
      listTraces: emptyTraceList,
    });
    const hook = await renderStoreHook(api, useMirrorState);
    await settle();
    expect(hook.result.current.settings.value?.settings.mirror.enabled).toBe(false);
    expect(hook.result.current.status.value).toBe(offStatus);
    const sending = { ...offStatus, state: 'sending' } as MirrorStatus;
    await emit({ name: 'mirrorStatusChanged', payload: sending });
    expect(hook.result.current.status.value).toBe(sending);
    await emit({ name: 'settingsChanged', payload: settingsState({ mirror: { enabled: true } }) });
    expect(hook.result.current.settings.value?.settings.mirror.enabled).toBe(true);
    expect(api.getSettings).toHaveBeenCalledTimes(1);
    expect(api.getMirrorStatus).toHaveBeenCalledTimes(1);
    await hook.unmount();
  });

  it('says why when the core does not answer', async () => {
    const { api } = fakeApi({
      getSettings: new Error('getSettings: the Spanlight web host did not answer'),
      listTraces: emptyTraceList,
    });
    const hook = await renderStoreHook(api, useMirrorState);
    await settle();
    expect(hook.result.current.settings.error).toBe(
      'getSettings: the Spanlight web host did not answer',
    );
    expect(hook.result.current.settings.value).toBeUndefined();
    await hook.unmount();
  });

  it('stops listening when unmounted, and ignores answers that arrive after', async () => {
    let answer: (state: unknown) => void = () => undefined;
    const { api, listeners } = fakeApi({ getMirrorStatus: offStatus, listTraces: emptyTraceList });
    (
      api.getSettings as unknown as { mockImplementation: (f: () => Promise<unknown>) => void }
    ).mockImplementation(() => new Promise((resolve) => (answer = resolve)));
    const hook = await renderStoreHook(api, useMirrorState);
    await hook.unmount();
    expect(listeners.size).toBe(0);
    answer(settingsState());
    await settle();
    expect(hook.result.current.settings.value).toBeUndefined();
    expect(hook.store.state.getState().settings.value).toBeUndefined();
  });
});

describe('useClientState: the receiver status', () => {
  it('is fetched once and then follows receiverStatusChanged', async () => {
    const off = receiverStatus();
    const { api, emit } = fakeApi({ getReceiverStatus: off, listTraces: emptyTraceList });
    const hook = await renderStoreHook(api, () => useClientState((state) => state.receiverStatus));
    await settle();
    expect(hook.result.current.value).toBe(off);
    const listening = receiverStatus({
      http: { state: 'listening', enabled: true, address: 'http://127.0.0.1:4318' },
    });
    await emit({ name: 'receiverStatusChanged', payload: listening });
    expect(hook.result.current.value).toBe(listening);
    expect(api.getReceiverStatus).toHaveBeenCalledTimes(1);
    await hook.unmount();
  });
});
