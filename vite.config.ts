import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Two apps, one build: the clinician console and the headset, served by the CueRoom server from dist/client
// (CUEROOM_CLIENT_DIST moves it, so two checkouts' test runs never build into each other's folder).
const outDir = process.env.CUEROOM_CLIENT_DIST ?? resolve(import.meta.dirname, 'dist/client');

export default defineConfig({
  root: resolve(import.meta.dirname, 'client'),
  plugins: [react()],
  publicDir: false,
  build: {
    outDir,
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    rollupOptions: {
      input: {
        console: resolve(import.meta.dirname, 'client/console/index.html'),
        headset: resolve(import.meta.dirname, 'client/headset/index.html'),
      },
    },
  },
  server: {
    // `npx vite` for UI work: the API and Socket.IO come from a running `npm start`.
    proxy: { '/api': 'http://localhost:8080', '/socket.io': { target: 'ws://localhost:8080', ws: true }, '/xr-profiles': 'http://localhost:8080' },
  },
});
