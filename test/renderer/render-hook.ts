// Runs a React hook in a real React root on happy-dom (files using this start with
// `// @vitest-environment happy-dom`), so the hook's effects, state and cleanup run as in the app.
import { act, createElement, type ReactElement, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { vi } from 'vitest';
import {
  commandNames,
  type EventListener,
  type SpanlightApi,
  type SpanlightEvent,
} from '../../app/contract';
import { createClientStore, type ClientStore } from '../../renderer/store/client-store';
import { ClientStoreProvider } from '../../renderer/store/use-client-store';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export interface RenderedHook<T> {
  readonly result: { current: T };
  /** Renders the hook again (after the test changed what it passes to it). */
  rerender(): Promise<void>;
  unmount(): Promise<void>;
}

export async function renderHook<T>(
  hook: () => T,
  wrap: (children: ReactNode) => ReactElement = (children) => children as ReactElement,
): Promise<RenderedHook<T>> {
  const result = {} as { current: T };
  function Probe() {
    result.current = hook();
    return null;
  }
  const container = document.createElement('div');
  const root = createRoot(container);
  await act(async () => root.render(wrap(createElement(Probe))));
  return {
    result,
    rerender: () => act(async () => root.render(createElement(Probe))),
    unmount: () => act(async () => root.unmount()),
  };
}

export interface RenderedStoreHook<T> extends RenderedHook<T> {
  /** The client store the hook reads; unmounting disposes it, as closing the window does. */
  readonly store: ClientStore;
}

/** Runs a hook that reads the client store (renderer/store/), in a store on `api` as the app has. */
export async function renderStoreHook<T>(
  api: SpanlightApi,
  hook: () => T,
): Promise<RenderedStoreHook<T>> {
  const store = createClientStore(api);
  const rendered = await renderHook(hook, (children) =>
    createElement(ClientStoreProvider, { store, children }),
  );
  return {
    ...rendered,
    store,
    unmount: async () => {
      await rendered.unmount();
      store.dispose();
    },
  };
}

/** Lets pending promises (a command's answer) settle inside act. */
export const settle = () => act(async () => new Promise((resolve) => setTimeout(resolve, 0)));

/** A SpanlightApi whose commands are mocks (answering `answers`) and whose events a test emits. */
export function fakeApi(answers: Partial<Record<string, unknown>> = {}) {
  const listeners = new Set<EventListener>();
  const commands = Object.fromEntries(
    commandNames.map((name) => [
      name,
      vi.fn(async () => {
        const answer = answers[name];
        if (answer instanceof Error) throw answer;
        return answer;
      }),
    ]),
  );
  const api = {
    ...commands,
    subscribe: vi.fn((listener: EventListener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    }),
  } as unknown as SpanlightApi;
  return {
    api,
    listeners,
    emit: (event: SpanlightEvent) => act(async () => listeners.forEach((l) => l(event))),
  };
}
