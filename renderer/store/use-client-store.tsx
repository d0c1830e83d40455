// The thin React side of the client store: a context that holds it, and a hook that reads a slice
// of its state with useSyncExternalStore (the component re-renders when that slice changes).
import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { ClientActions, ClientState, ClientStore } from './client-store';

const ClientStoreContext = createContext<ClientStore | undefined>(undefined);

export function ClientStoreProvider({
  store,
  children,
}: {
  store: ClientStore;
  children: ReactNode;
}) {
  return <ClientStoreContext.Provider value={store}>{children}</ClientStoreContext.Provider>;
}

function useStoreContext(): ClientStore {
  const store = useContext(ClientStoreContext);
  if (!store) throw new Error('the client store is used outside <ClientStoreProvider>');
  return store;
}

/** A slice of the store's state. `select` must return a part of the state (or a primitive), not a
 * new object each time: the component re-renders whenever the returned value changes identity. */
export function useClientState<T>(select: (state: ClientState) => T): T {
  const { state } = useStoreContext();
  return useSyncExternalStore(state.subscribe, () => select(state.getState()));
}

export function useClientActions(): ClientActions {
  return useStoreContext().actions;
}
