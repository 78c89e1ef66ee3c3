/**
 * The built app in headless Chromium (Debian's, through playwright-core): the default run, each
 * tfjs backend forced by `?backend=`, and an invalid URL parameter. GPU backends run on
 * SwiftShader here (software), so runs are short and nothing asserts on time; the timings are
 * printed for the record.
 */
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LleHandle } from '../../src/app/App';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--enable-unsafe-swiftshader',
  '--enable-unsafe-webgpu',
];
const SCREENSHOTS = 'test-results/screenshots';
const READY_TIMEOUT_MS = 150_000;

let browser: Browser;
const baseUrl = inject('baseUrl');

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
});

interface Opened {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions of the page and its workers. */
  errors: string[];
  /** Milliseconds from navigation to ready (or error). */
  wallMs: number;
  /** `document.body.dataset.error`, or null. */
  error: string | null;
}

/** Opens the app with a query string and waits until it reports ready or an error. */
async function open(query: string): Promise<Opened> {
  const context = await browser.newContext({
    viewport: { width: 1100, height: 900 },
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('worker', (w) =>
    w.on('console', (m) => {
      if (m.type() === 'error') errors.push(`worker console: ${m.text()}`);
    }),
  );
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await page.addInitScript(() => {
    window.addEventListener('lle:ready', (e) => {
      (window as unknown as { __readyDetail: unknown }).__readyDetail = e.detail;
    });
  });
  const t0 = Date.now();
  await page.goto(new URL(query, baseUrl).href);
  await page.waitForFunction(
    () => document.body.dataset.ready === 'true' || document.body.dataset.error !== undefined,
    null,
    {
      timeout: READY_TIMEOUT_MS,
      polling: 250,
    },
  );
  const wallMs = Date.now() - t0;
  const error = await page.evaluate(() => document.body.dataset.error ?? null);
  return { context, page, errors, wallMs, error };
}

async function handleOf(page: Page): Promise<LleHandle> {
  const handle = await page.evaluate(() => window.__lle);
  expect(handle).toBeDefined();
  return handle!;
}

/** Number of points of each polyline of the loss chart. */
async function chartLines(page: Page): Promise<{ run: string; points: number }[]> {
  return page.$$eval('svg[data-testid="loss-chart"] polyline.series', (lines) =>
    lines.map((l) => ({
      run: l.getAttribute('data-run') ?? '',
      points: (l.getAttribute('points') ?? '').trim().split(/\s+/).filter(Boolean).length,
    })),
  );
}

function expectTrained(handle: LleHandle): void {
  expect(handle.names).toEqual(['SGD', 'Momentum', 'Adam']);
  expect(handle.finalTrainLoss).toHaveLength(3);
  handle.finalTrainLoss.forEach((final, k) => {
    expect(Number.isFinite(final)).toBe(true);
    expect(final).toBeLessThan(handle.initialTrainLoss[k]!);
  });
}

function record(label: string, opened: Opened, handle: LleHandle): void {
  const fallbacks = handle.fallbacks.map((f) => `${f.name} (${f.reason})`).join('; ') || 'none';
  console.log(
    `[e2e] ${label}: backend ${handle.backend}, page ready after ${(opened.wallMs / 1000).toFixed(1)} s ` +
      `(backend probe ${(handle.probeMs / 1000).toFixed(1)} s, training ${(handle.trainMs / 1000).toFixed(1)} s); passed over: ${fallbacks}`,
  );
}

describe('Loss Landscape Explorer page', () => {
  it('trains the default experiment, plots it and reports ready', async () => {
    const opened = await open('./');
    const { page, errors, context } = opened;
    try {
      expect(opened.error).toBeNull();
      const handle = await handleOf(page);
      record('default', opened, handle);
      expect(['webgpu', 'webgl', 'wasm', 'cpu']).toContain(handle.backend);
      expectTrained(handle);
      expect(handle.steps[0]).toBe(0);
      expect(handle.steps[handle.steps.length - 1]).toBe(500);

      const detail = await page.evaluate(
        () =>
          (window as unknown as { __readyDetail?: { backend: string; finalLoss: number[] } })
            .__readyDetail,
      );
      expect(detail).toEqual({ backend: handle.backend, finalLoss: handle.finalTrainLoss });

      await expect(page.title()).resolves.toBe('Loss Landscape Explorer');
      expect(await page.textContent('h1')).toBe('Loss Landscape Explorer');
      expect(await page.getAttribute('[data-testid="backend"]', 'data-backend')).toBe(
        handle.backend,
      );
      expect(await page.textContent('[data-testid="progress"]')).toContain('500 steps');

      const lines = await chartLines(page);
      expect(lines.map((l) => l.run)).toEqual(['SGD', 'Momentum', 'Adam']);
      for (const line of lines) expect(line.points).toBeGreaterThanOrEqual(50);

      await page.screenshot({ path: `${SCREENSHOTS}/app-default.png`, fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  describe.each(['cpu', 'wasm', 'webgl', 'webgpu'])('with ?backend=%s', (backend) => {
    it('runs on that backend', async () => {
      const opened = await open(`./?backend=${backend}&steps=100`);
      const { page, errors, context } = opened;
      try {
        expect(opened.error).toBeNull();
        const handle = await handleOf(page);
        record(`?backend=${backend}&steps=100`, opened, handle);
        expect(handle.backend).toBe(backend);
        expect(handle.fallbacks).toEqual([]);
        expectTrained(handle);
        expect(handle.steps[handle.steps.length - 1]).toBe(100);
        const lines = await chartLines(page);
        expect(lines).toHaveLength(3);
        for (const line of lines) expect(line.points).toBe(11);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  });

  it('shows an invalid URL parameter as a message that names the field', async () => {
    const opened = await open('./?steps=0');
    const { page, errors, context } = opened;
    try {
      expect(opened.error).toMatch(/^steps: /);
      const shown = await page.textContent('[data-testid="error"]');
      expect(shown).toContain('steps');
      expect(await page.evaluate(() => document.body.dataset.ready)).toBeUndefined();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
