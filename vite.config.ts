import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import prefixSelector from 'postcss-prefix-selector';

/**
 * The explorer's CSS is scoped to its root element, so that it never styles a host page (the
 * widget is embedded in course pages): every selector of the widget's style sheets gets the
 * `.lle-explorer` prefix (`:root` becomes the root element itself). The page's own sheet
 * (src/app/page.css) is left as it is.
 */
export const WIDGET_SCOPE = '.lle-explorer';
const scopeWidgetCss = prefixSelector({
  prefix: WIDGET_SCOPE,
  transform(prefix, selector, prefixed, file) {
    if (file && /[\\/]app[\\/]page\.css$/.test(file)) return selector;
    if (selector === ':root' || selector === WIDGET_SCOPE) return prefix;
    if (selector.startsWith(`${WIDGET_SCOPE} `) || selector.startsWith(`${WIDGET_SCOPE}.`))
      return selector;
    return prefixed;
  },
});

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
  css: { postcss: { plugins: [scopeWidgetCss] } },
  server: { headers: isolation },
  preview: {
    headers: { ...isolation, 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
  },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // tfjs backends are large by nature; each is a lazily loaded chunk of the worker.
    chunkSizeWarningLimit: 1500,
    // Two pages: the app, and the chrome-less explorer for iframes (src/embed/main.tsx).
    rollupOptions: { input: { index: 'index.html', embed: 'embed.html' } },
  },
});
