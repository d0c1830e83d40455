import { createRoot } from 'react-dom/client';
import { App } from './App';
import { chooseApi } from './api/choose-api';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(<App api={chooseApi()} />);
