#!/usr/bin/env node
/**
 * `npm run endurance [-- --minutes 10]`: the app under a long run, to show that nothing grows.
 * Builds the app into out/endurance, serves it (vite preview, with the production headers), opens
 * it in Debian's Chromium with `?autoplay=0&steps=1000000`, chooses the random plane and the 3-D
 * view, plays for the given minutes (10 by default) and prints, at the start and the end:
 * worker tensors and recorded snapshots, three.js GPU objects, the page's JS heap after a forced
 * GC, and the resident memory of the browser's processes. Not part of `npm test`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';
import { build, preview } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const minutesArg = process.argv.indexOf('--minutes');
const minutes = minutesArg > 0 ? Number(process.argv[minutesArg + 1]) : 10;
if (!(minutes > 0)) {
  console.error('--minutes must be a positive number');
  process.exit(2);
}
const outDir = path.join(root, 'out/endurance');
const configFile = path.join(root, 'vite.config.ts');
await build({ root, configFile, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
const server = await preview({
  root,
  configFile,
  logLevel: 'warn',
  build: { outDir },
  preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
});
const url = `http://127.0.0.1:${server.httpServer.address().port}/?autoplay=0&steps=1000000`;

/** Resident memory (MB) of every process whose command line names chromium. */
function chromiumRssMb() {
  let kb = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('chromium')) continue;
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) kb += Number(m[1]);
    } catch {
      // the process ended meanwhile
    }
  }
  return kb / 1024;
}

const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  headless: true,
  args: CHROMIUM_ARGS,
});
const errors = [];
try {
  const page = await browser.newPage({ viewport: { width: 1500, height: 1100 } });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(url);
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, {
    timeout: 180_000,
  });
  await page.getByTestId('directions').selectOption('random');
  await page.waitForFunction(() => window.__lle.state().landscape?.directions === 'random');
  const cdp = await page.context().newCDPSession(page);
  const sample = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const worker = await page.evaluate(() => window.__lle.workerStats());
    const gpu = await page.evaluate(() => window.__lle.gpuObjects());
    return {
      step: worker.step,
      tensors: worker.tensors,
      recorded: `${worker.recorded}/${worker.recordLimit}`,
      framesInFlight: worker.framesInFlight,
      gpu: `${gpu.geometries} geometries, ${gpu.textures} textures, ${gpu.programs} programs`,
      heapMb: (heap.usedSize / 1e6).toFixed(1),
      rssMb: chromiumRssMb().toFixed(0),
    };
  };
  await page.getByRole('button', { name: /play/i }).first().click();
  await page.waitForTimeout(10_000);
  const start = await sample();
  console.log(`start (10 s in): ${JSON.stringify(start)}`);
  const end = Date.now() + minutes * 60_000;
  while (Date.now() < end) {
    await page.waitForTimeout(Math.min(60_000, end - Date.now()));
    console.log(`${new Date().toISOString().slice(11, 19)}: ${JSON.stringify(await sample())}`);
  }
  const last = await sample();
  console.log(`end (${minutes} min later): ${JSON.stringify(last)}`);
  // Pause as a user would (a click on the button) and time it inside the page: from the click to
  // the store saying 'paused' (the worker received it and answered).
  const pauseMs = await page.evaluate(async () => {
    const t0 = performance.now();
    document.querySelector('.transport-play').click();
    while (performance.now() - t0 < 60_000) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (!window.__lle.state().playing) return performance.now() - t0;
    }
    return null;
  });
  console.log(
    `pause acted after ${pauseMs === null ? 'more than 60 s' : `${Math.round(pauseMs)} ms`}`,
  );
  console.log(errors.length ? `page errors: ${errors.join(' | ')}` : 'page errors: none');
} finally {
  await browser.close();
  await server.close();
}
