import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { initI18n } from './i18n/i18n.js';
import { registerServiceWorker } from './service-worker.js';
import './styles/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('no #root element');

await initI18n();
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
registerServiceWorker();
