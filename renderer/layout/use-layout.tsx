import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { Layout, LayoutStore } from './layout-store';

const LayoutContext = createContext<LayoutStore | undefined>(undefined);

export function LayoutProvider({ store, children }: { store: LayoutStore; children: ReactNode }) {
  return <LayoutContext.Provider value={store}>{children}</LayoutContext.Provider>;
}

/** The layout, and a setter that merges a change into it (remembered, see layout-store.ts). */
export function useLayout(): [Layout, (change: Partial<Layout>) => void] {
  const store = useContext(LayoutContext);
  if (!store) throw new Error('useLayout needs a <LayoutProvider> above it');
  const layout = useSyncExternalStore(store.subscribe, store.getState);
  return [layout, (change) => store.setState(change)];
}
