import { createXRStore } from '@react-three/xr';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from '../common/i18n';
import { App } from './App';
import { startLink } from './link';
import { startPreview } from './preview';
import { headsetStrings } from './strings';

async function main() {
  // `?emulate=quest3` installs the IWER emulator (tests, development without a headset). It is loaded
  // on demand, so it never reaches a real headset. Chromium exposes navigator.xr, hence forceInstall.
  if (new URLSearchParams(location.search).get('emulate') === 'quest3') {
    const { XRDevice, metaQuest3 } = await import('iwer');
    const device = new XRDevice(metaQuest3);
    device.installRuntime({ forceInstall: true });
    (window as unknown as { xrDevice: unknown }).xrDevice = device;
  }
  initI18n(headsetStrings);
  const xr = createXRStore({
    emulate: false,
    offerSession: false,
    // Controller models and layouts come from this server, never a CDN.
    baseAssetPath: `${location.origin}/xr-profiles/`,
    hand: false,
  });
  // `?preview=<scene>&level=<n>` shows a scene without a session: scene previews, the contact sheet
  // and the render-budget test. Nothing is sent anywhere.
  const params = new URLSearchParams(location.search);
  if (params.has('preview')) startPreview(params);
  else startLink();
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App xr={xr} />
    </StrictMode>,
  );
}

void main();
