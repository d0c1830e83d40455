// One useReceiver for the whole window: the toolbar button, its panel and the notices share it.
import { createContext, useContext, useState, type ReactNode } from 'react';
import type { SpanlightApi } from '../../app/contract';
import { useReceiver, type ReceiverState } from './use-receiver';

interface ReceiverContextValue extends ReceiverState {
  readonly panelOpen: boolean;
  readonly setPanelOpen: (open: boolean) => void;
}

const ReceiverContext = createContext<ReceiverContextValue | undefined>(undefined);

export function ReceiverProvider({ api, children }: { api: SpanlightApi; children: ReactNode }) {
  const receiver = useReceiver(api);
  const [panelOpen, setPanelOpen] = useState(false);
  return (
    <ReceiverContext.Provider value={{ ...receiver, panelOpen, setPanelOpen }}>
      {children}
    </ReceiverContext.Provider>
  );
}

export function useReceiverContext(): ReceiverContextValue {
  const value = useContext(ReceiverContext);
  if (!value) throw new Error('useReceiverContext needs a ReceiverProvider above it');
  return value;
}
