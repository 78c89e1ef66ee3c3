/**
 * `npm run bench:browser`: the figures of `npm run bench -- --only landscape` and `--only
 * training` in headless Chromium (Debian's, through playwright-core, with the flags of
 * scripts/chromium.mjs: WebGL on SwiftShader, WebGPU on its fallback adapter), for each of the
 * four tfjs backends, each as a ratio against a baseline measured in the same page
 * (bench/browser-page/), plus navigation → first complete landscape on screen (the app's
 * `lle:ready`) of the default page (its automatic backend choice).
 *
 * Builds the app (as `npm run build` does, NODE_ENV=production) into out/bench-browser and the
 * benchmark page into its `bench/` folder, serves both with `vite preview` (the production
 * headers), and prints one block per backend. Software GPUs are slow here: their figures are
 * printed anyway, so that a run on a machine with a GPU can be compared. Takes a few minutes.
 *
 * Options: `--backends wasm,cpu` (default all four), `--skip-build` (reuse the last build).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { chromium, type Browser } from 'playwright-core';
import { build, preview } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs';
import type { BrowserBenchResult, TrainingFigure } from './browser-page/result';

const BACKENDS = ['wasm', 'cpu', 'webgl', 'webgpu'] as const;
/** Longest wait for one page's figures or first landscape (ms). */
const PAGE_TIMEOUT = 300_000;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'out/bench-browser');
const configFile = path.join(root, 'vite.config.ts');

function option(name: string): string | null {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? '') : null;
}
const backends = (option('backends') ?? BACKENDS.join(',')).split(',').filter((b) => b.length > 0);
for (const b of backends)
  if (!(BACKENDS as readonly string[]).includes(b))
    throw new Error(`--backends: unknown '${b}'; use some of ${BACKENDS.join(', ')}`);

const fmt = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 0 });

async function buildPages(): Promise<void> {
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root, configFile, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
    await build({
      root: path.join(root, 'bench/browser-page'),
      configFile: false,
      base: './',
      logLevel: 'warn',
      worker: { format: 'es' },
      build: {
        outDir: path.join(outDir, 'bench'),
        emptyOutDir: true,
        target: 'es2022',
        chunkSizeWarningLimit: 4000,
      },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

/** Runs the benchmark page on one backend and returns its figures. */
async function benchPage(browser: Browser, base: string, backend: string) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(new URL(`bench/index.html?backend=${backend}`, base).href);
    await page.waitForFunction(() => window.__bench || window.__benchError, null, {
      timeout: PAGE_TIMEOUT,
      polling: 250,
    });
    const { result, error } = await page.evaluate(() => ({
      result: window.__bench,
      error: window.__benchError,
    }));
    if (error || !result) throw new Error(error ?? 'no result');
    return result;
  } finally {
    await context.close();
  }
}

/** Navigation → first complete landscape on screen (the page's own figure), and the backend. */
async function firstLandscape(browser: Browser, base: string, query: string) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
  });
  try {
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.addEventListener('lle:ready', (e) => {
        const w = window as unknown as { __readyMs: number };
        w.__readyMs = (e as CustomEvent<{ msSinceNavigation: number }>).detail.msSinceNavigation;
      });
    });
    const start = Date.now();
    await page.goto(new URL(query, base).href);
    await page.waitForFunction(
      () => document.body.dataset.ready === 'true' || !!document.body.dataset.error,
      null,
      { timeout: PAGE_TIMEOUT, polling: 100 },
    );
    const wall = Date.now() - start;
    return await page.evaluate((wall) => {
      const error = document.body.dataset.error;
      if (error) throw new Error(error);
      return {
        ms: (window as unknown as { __readyMs?: number }).__readyMs ?? wall,
        backend: window.__lle?.state().backend ?? '?',
      };
    }, wall);
  } finally {
    await context.close();
  }
}

function trainingLine(label: string, f: TrainingFigure, goal: number): string {
  return (
    `  ${label.padEnd(32)} ${fmt(f.stepsPerSecond).padStart(7)} model-steps/s (${f.engine}, ${f.steps} steps); ` +
    `tensor program ${fmt(f.tensorStepsPerSecond)} (${f.baselineSteps} steps): ratio ` +
    `${f.ratio.toFixed(1)}x; goal ${fmt(goal)}: ${f.stepsPerSecond >= goal ? 'met' : 'not met'}`
  );
}

function printResult(r: BrowserBenchResult): void {
  const l = r.landscape;
  console.log(
    `\n== backend: ${r.backend} (started and checked in ${r.startSeconds.toFixed(2)} s) ==`,
  );
  console.log(
    `landscape ${l.n}x${l.n}, spirals m=256, MLP 2-16-16-1 tanh (median of ${l.repeats}):\n` +
      `  batched        ${l.seconds.toFixed(3).padStart(7)} s  ${fmt(l.pointsPerSecond).padStart(7)} grid points/s\n` +
      `  batched-generic${l.baselineSeconds.toFixed(3).padStart(7)} s  ${fmt(l.baselinePointsPerSecond).padStart(7)} grid points/s\n` +
      `  ratio batched/batched-generic: ${l.ratio.toFixed(1)}x`,
  );
  console.log(
    'training, spirals m=256, MLP 2-16-16-1 tanh, full batch:\n' +
      trainingLine('8 optimisers batched', r.training.optimizers, r.goals.optimizers) +
      '\n' +
      trainingLine(
        `${r.training.ensemble.runs}-run seed ensemble (Adam)`,
        r.training.ensemble,
        r.goals.ensemble,
      ),
  );
}

const started = Date.now();
if (option('skip-build') === null) await buildPages();
const server = await preview({
  root,
  configFile,
  logLevel: 'warn',
  build: { outDir },
  preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
});
const address = server.httpServer.address();
if (!address || typeof address === 'string') throw new Error('preview server has no port');
const base = `http://127.0.0.1:${address.port}/`;
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  headless: true,
  args: CHROMIUM_ARGS,
});
try {
  console.log(
    `Chromium ${browser.version()} headless on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ` +
      `load average ${os.loadavg()[0]!.toFixed(1)}`,
  );
  const home = await firstLandscape(browser, base, './');
  console.log(
    `navigation → first complete landscape, default page (chose ${home.backend}): ${fmt(home.ms)} ms`,
  );
  for (const backend of backends) {
    try {
      printResult(await benchPage(browser, base, backend));
    } catch (error) {
      console.log(
        `\n== backend: ${backend}: failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  console.log(
    `\n(total ${((Date.now() - started) / 1000).toFixed(0)} s; load average now ${os.loadavg()[0]!.toFixed(1)})`,
  );
} finally {
  await browser.close();
  await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
}
