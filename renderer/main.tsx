import { createRoot } from 'react-dom/client';
import { App } from './App';
import { chooseApi } from './api/choose-api';
import { MissingToken } from './api/MissingToken';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
const api = chooseApi();
createRoot(container).render(api ? <App api={api} /> : <MissingToken />);
