#!/usr/bin/env node
/**
 * Runs a TypeScript entry point in Node: bundles it with esbuild into .cache/ and imports it.
 *
 * Why a bundle: tfjs-core's ES-module build uses extension-less relative imports that Node's
 * loader rejects, and its CommonJS build registers no gradients. Bundling with the `module`
 * field first gives one consistent copy of tfjs-core with every gradient registered.
 *
 * Usage: node scripts/run-node.mjs <entry.ts> [args...]
 */
import { build } from 'esbuild';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-node.mjs <entry.ts> [args...]');
  process.exit(2);
}
const outfile = path.resolve('.cache', `${path.basename(entry, '.ts')}.bundle.mjs`);
await build({
  entryPoints: [entry],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  mainFields: ['module', 'main'],
  outfile,
  logLevel: 'warning',
  banner: {
    js: [
      "import { createRequire as __llxRequire } from 'node:module';",
      "import { fileURLToPath as __llxPath } from 'node:url';",
      "import { dirname as __llxDir } from 'node:path';",
      'const require = __llxRequire(import.meta.url);',
      'const __filename = __llxPath(import.meta.url);',
      'const __dirname = __llxDir(__filename);',
    ].join(' '),
  },
});
process.argv = [process.argv[0], entry, ...args];
await import(pathToFileURL(outfile).href);
