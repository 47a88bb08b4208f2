import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from '../common/i18n';
import { App } from './App';
import { consoleStrings } from './strings';

initI18n(consoleStrings);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
