import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The browser app. Cross-origin isolation (COOP + COEP) is on in dev and preview so that
 * SharedArrayBuffer (threaded WASM, later) and precise timers are available; every resource is
 * same-origin, so `require-corp` costs nothing.
 */
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react()],
  server: { headers: isolation },
  preview: { headers: isolation },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // tfjs backends are large by nature; each is a lazily loaded chunk of the worker.
    chunkSizeWarningLimit: 1500,
  },
});
