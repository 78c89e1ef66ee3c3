/**
 * Global setup of the `e2e` project: builds the app into out/e2e (so a developer's dist/ is left
 * alone), the widget library into its `lib/` folder, copies the test pages (tests/e2e/pages/) into
 * `test-pages/` and the example course page (examples/course-page.*) into `examples/`, and serves
 * it all with `vite preview` on a free port of 127.0.0.1, with the same
 * cross-origin-isolation headers as production. Tests read the URL with `inject('baseUrl')`.
 *
 * LLE_E2E_SKIP_BUILD=1 reuses the last build (for quick reruns of the tests alone).
 */
import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const configFile = path.join(root, 'vite.config.ts');
const libConfigFile = path.join(root, 'vite.lib.config.ts');
// LLE_E2E_OUT names another build folder (several checkouts' or helpers' runs side by side).
const outDir = path.resolve(root, process.env.LLE_E2E_OUT ?? 'out/e2e');
const host = '127.0.0.1';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The test pages and the example course page, beside the build (they load /lib/ and /embed.html). */
function copyPages(): void {
  cpSync(path.join(root, 'tests/e2e/pages'), path.join(outDir, 'test-pages'), { recursive: true });
  const examples = path.join(outDir, 'examples');
  mkdirSync(examples, { recursive: true });
  for (const file of readdirSync(path.join(root, 'examples')))
    if (file.startsWith('course-page.'))
      cpSync(path.join(root, 'examples', file), path.join(examples, file));
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.LLE_E2E_SKIP_BUILD !== '1') {
    // Vitest sets NODE_ENV=test, which Vite's build would inline: React's development build, with
    // its checks, in every tested page. Build what `npm run build` ships instead.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ root, configFile, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
      await build({
        root,
        configFile: libConfigFile,
        logLevel: 'warn',
        build: { outDir: path.join(outDir, 'lib'), emptyOutDir: true },
      });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
  }
  copyPages();
  const server = await preview({
    root,
    configFile,
    logLevel: 'warn',
    build: { outDir },
    preview: { host, port: await freePort(), strictPort: false, open: false },
  });
  const address = server.httpServer.address() as AddressInfo;
  const baseUrl = `http://${host}:${address.port}/`;
  project.provide('baseUrl', baseUrl);
  return async () => {
    await server.close();
  };
}
