import { createRoot } from 'react-dom/client';
import { App } from './App';
import { chooseApi } from './api/choose-api';
import { MissingToken } from './api/MissingToken';
import { createLayoutStore } from './layout/layout-store';
import { LayoutProvider } from './layout/use-layout';
import { createClientStore } from './store/client-store';
import { ClientStoreProvider } from './store/use-client-store';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
const root = createRoot(container);
void chooseApi().then((api) =>
  root.render(
    api ? (
      <ClientStoreProvider store={createClientStore(api)}>
        <LayoutProvider store={createLayoutStore(globalThis.innerWidth)}>
          <App api={api} />
        </LayoutProvider>
      </ClientStoreProvider>
    ) : (
      <MissingToken />
    ),
  ),
);
