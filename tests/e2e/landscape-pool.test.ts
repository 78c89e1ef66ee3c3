/**
 * The landscape's worker pool in the browser: the compute worker splits the grid across nested
 * plane workers (module workers from the app's origin, allowed by its Content Security Policy),
 * and the grid they compute equals, bit for bit, the grid the compute worker computes on its own
 * thread — forced by serving the compute worker as on a one-core machine
 * (navigator.hardwareConcurrency = 1 in the worker).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LleHandle, LleState } from '../../src/app/handle';
import { launchChromium } from './browser';

const TIMEOUT = 180_000;
const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

interface Opened {
  state: LleState;
  threads: number;
  errors: string[];
}

/** Opens the app on wasm (optionally as on a machine with `cores` cores) and reads the first
 * landscape and how many threads computed it. */
async function firstLandscape(cores?: number): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  try {
    const page: Page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('worker', (w) =>
      w.on('console', (m) => m.type() === 'error' && errors.push(`worker: ${m.text()}`)),
    );
    await page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI}`),
      ),
    );
    if (cores !== undefined) {
      // The compute worker's script, served with navigator.hardwareConcurrency = cores in front
      // (same origin, so the Content Security Policy allows it).
      await context.route('**/assets/session.worker-*.js', async (route) => {
        const response = await route.fetch();
        const override = `Object.defineProperty(WorkerNavigator.prototype, 'hardwareConcurrency', { get: () => ${cores} });\n`;
        await route.fulfill({ response, body: override + (await response.text()) });
      });
    }
    await page.goto(new URL('./?backend=wasm&steps=10&autoplay=0', baseUrl).href);
    await page.waitForFunction(
      () => document.body.dataset.ready === 'true' || !!document.body.dataset.error,
      null,
      { timeout: TIMEOUT, polling: 100 },
    );
    const state = await page.evaluate(() => window.__lle!.state());
    const stats = (await page.evaluate(() => (window.__lle as LleHandle).workerStats())) as {
      landscapeThreads: number;
    };
    return { state, threads: stats.landscapeThreads, errors };
  } finally {
    await context.close();
  }
}

describe('landscape worker pool (browser)', () => {
  it(
    'computes the first landscape on 2 plane workers, equal bit for bit to one thread',
    async () => {
      const pooled = await firstLandscape();
      expect(pooled.state.error).toBeNull();
      expect(pooled.state.backend).toBe('wasm');
      expect(pooled.threads).toBeGreaterThanOrEqual(2);
      const single = await firstLandscape(1);
      expect(single.state.error).toBeNull();
      expect(single.threads).toBe(1);
      const a = pooled.state.firstLandscape!;
      const b = single.state.firstLandscape!;
      expect(a.length).toBe(pooled.state.landscape!.n ** 2);
      expect(a.every((v) => Number.isFinite(v))).toBe(true);
      expect(a).toEqual(b);
      console.log(
        `[e2e] landscape pool: ${pooled.threads} threads vs 1, ${a.length} values identical`,
      );
      expect(pooled.errors).toEqual([]);
      expect(single.errors).toEqual([]);
    },
    2 * TIMEOUT,
  );
});
