import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import appConfig from './vite.config';

/**
 * The widget library: one ES module script, `loss-landscape-explorer.js`, that defines
 * `<loss-landscape-explorer>` and exports `mount()` and the iframe client (src/widget/lib.ts).
 * Beside it: `loss-landscape-explorer.css` (linked by the script), the compute worker, its
 * tfjs-wasm binaries and the lazily loaded chunks (the 3-D view). Same plugins and CSS scoping as
 * the app (vite.config.ts). `npm run build:lib` writes it into dist/lib/, so that a deployment of
 * dist/ serves the app, the embed page and the library side by side.
 */
/**
 * Library mode inlines every imported asset as a data: URL, whatever `assetsInlineLimit` says; the
 * worker's tfjs-wasm binaries (`*.wasm?url`) would then be fetched from data: URLs, which the
 * Content Security Policy's `connect-src 'self'` forbids (and base64 makes them a third larger).
 * This emits each as a file beside the worker (both in `assets/`) and resolves it from there.
 */
function wasmFiles(): Plugin {
  return {
    name: 'lle-wasm-files',
    enforce: 'pre',
    load(id) {
      const [file, query] = id.split('?');
      if (!file?.endsWith('.wasm') || query !== 'url') return null;
      const name = path.basename(file);
      this.emitFile({ type: 'asset', fileName: `assets/${name}`, source: readFileSync(file) });
      // A variable, not a literal: the bundler must not try to resolve it at build time.
      return `const name = ${JSON.stringify(name)};\nexport default new URL(name, import.meta.url).href;`;
    },
  };
}

// The app's build options (its HTML inputs among them) are replaced, not merged.
const { build: appBuild, ...shared } = appConfig;

export default defineConfig({
  ...shared,
  // The library is not an HTML app: no public folder copy.
  publicDir: false,
  // Asset URLs relative to the script (`new URL('./assets/…', import.meta.url)`), wherever it is served.
  base: './',
  // Library mode leaves `process.env.NODE_ENV` for the consumer's bundler; this script runs as
  // is, so it is replaced as in the app's build (the JSX transform follows the same variable).
  define: { 'process.env.NODE_ENV': JSON.stringify(process.env.NODE_ENV || 'production') },
  worker: { ...shared.worker, plugins: () => [wasmFiles()] },
  build: {
    target: appBuild?.target,
    chunkSizeWarningLimit: appBuild?.chunkSizeWarningLimit,
    outDir: 'dist/lib',
    emptyOutDir: true,
    // Every asset is a file (a data: URL would break the Content Security Policy's connect-src).
    assetsInlineLimit: 0,
    minify: true,
    lib: {
      entry: 'src/widget/lib.ts',
      formats: ['es'],
      fileName: () => 'loss-landscape-explorer.js',
      cssFileName: 'loss-landscape-explorer',
    },
  },
});
