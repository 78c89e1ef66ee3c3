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

/**
 * The Content Security Policy the built app satisfies (the browser tests serve the build with it
 * and fail on any violation): scripts and workers only from this origin, WebAssembly compilation
 * (tfjs-wasm) but no eval, no plugins, no inline scripts. Inline style attributes stay allowed
 * (React and three.js set element styles). Deployments should send the same header.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export default defineConfig({
  plugins: [react()],
  server: { headers: isolation },
  preview: {
    headers: { ...isolation, 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
  },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // tfjs backends are large by nature; each is a lazily loaded chunk of the worker.
    chunkSizeWarningLimit: 1500,
  },
});
