// Entry: bundled font, theme, language, credential from the URL, then the view for the path.
import '@fontsource/inter/400.css';
import '@fontsource/inter/600.css';
import '@fontsource/inter/700.css';
import './base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { captureTokenFromLocation } from '../api/credentials.ts';
import { App } from './App.tsx';
import { initI18n } from './i18n.ts';

// Before anything renders, so no view ever shows the token in the address bar.
captureTokenFromLocation();
initI18n();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
