import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n/index.ts';
import './ui/theme.css';
import { App } from './app/App.tsx';
import { reloadForNewVersion } from './live/reload.ts';

// A tab opened before a rollout asks for screen chunks of the old build, which are gone (hashed names answer
// 404): load the page again, as for a new protocol and at most once a minute, instead of a blank screen.
window.addEventListener('vite:preloadError', (event) => {
  if (reloadForNewVersion()) event.preventDefault();
});

const root = document.getElementById('root');
if (!root) throw new Error('no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
