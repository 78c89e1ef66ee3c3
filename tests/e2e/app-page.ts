/**
 * The built app in a fresh Chromium context: open it, read its test handle, wait for states.
 * Shared by the browser tests of the app.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import type { LleState } from '../../src/app/handle';
import { launchChromium } from './browser';

export const TIMEOUT = 180_000;

let browser: Browser;
const baseUrl = inject('baseUrl');

// One browser per test file that imports this module.
beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

export interface Opened {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions of the page and its workers. */
  errors: string[];
}

/** Opens the app and waits for its first complete landscape on screen (the `lle:ready` signal). */
export async function openApp(
  query: string,
  viewport = { width: 1500, height: 1100 },
): Promise<Opened> {
  const context = await browser.newContext({
    viewport,
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('worker', (w) =>
    w.on('console', (m) => m.type() === 'error' && errors.push(`worker: ${m.text()}`)),
  );
  // Record main-thread tasks longer than 50 ms from the start; report Content Security Policy
  // violations (the build is served with the policy) as errors.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI}`),
    );
    const w = window as unknown as { __longTasks: number[]; __readyStep: number | null };
    w.__longTasks = [];
    // The step at the first complete landscape, read in the task that signals it.
    w.__readyStep = null;
    window.addEventListener('lle:ready', () => {
      w.__readyStep = window.__lle?.state().step ?? null;
    });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(new URL(query, baseUrl).href);
  await page.waitForFunction(
    () => document.body.dataset.ready === 'true' || !!document.body.dataset.error,
    null,
    {
      timeout: TIMEOUT,
      polling: 100,
    },
  );
  return { context, page, errors };
}

export const state = (page: Page): Promise<LleState> => page.evaluate(() => window.__lle!.state());
/** The step the runs were at when the page signalled `lle:ready` (null if it has not). */
export const readyStep = (page: Page): Promise<number | null> =>
  page.evaluate(() => (window as unknown as { __readyStep: number | null }).__readyStep);
export const longTasks = (page: Page): Promise<number[]> =>
  page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);

export async function until(
  page: Page,
  condition: (s: LleState) => boolean,
  timeout = TIMEOUT,
): Promise<LleState> {
  const start = Date.now();
  for (;;) {
    const s = await state(page);
    if (condition(s)) return s;
    if (s.error) throw new Error(`the app reported an error: ${s.error}`);
    if (Date.now() - start > timeout)
      throw new Error(
        `timed out; last state ${JSON.stringify({ ...s, firstLandscape: undefined })}`,
      );
    await page.waitForTimeout(100);
  }
}
