/**
 * The landscape views in headless Chromium, on the developer test fixture `?scene-test=1`
 * (Himmelblau's function and two analytic descent paths computed in the page; see
 * src/app/SceneTestPage.tsx). Checks: the 3-D canvas is drawn (pixels, not blank), both
 * trajectories are drawn (scene graph and pixels of their colours), the contour map draws bands
 * and both paths, no console errors, and the three.js GPU objects stay flat across 50 in-place
 * trajectory updates and 10 height-scale switches. Screenshots go to test-results/screenshots/.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, SCREENSHOTS } from './browser';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { SceneTestHandle } from '../../src/app/SceneTestPage';

const READY_TIMEOUT_MS = 120_000;
const RUNS = ['Gradient descent', 'Momentum (synthetic off-plane)'];

let browser: Browser;
const baseUrl = inject('baseUrl');

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

type Info = ReturnType<SceneTestHandle['info']>;

describe('landscape views (?scene-test=1 fixture)', () => {
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    context = await browser.newContext({
      viewport: { width: 1100, height: 1000 },
      deviceScaleFactor: 1,
    });
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    const t0 = Date.now();
    await page.goto(new URL('./?scene-test=1', baseUrl).href);
    await page.waitForFunction(() => document.body.dataset.sceneReady === 'true', null, {
      timeout: READY_TIMEOUT_MS,
      polling: 100,
    });
    console.log(
      `[e2e] scene fixture: first frame ${((Date.now() - t0) / 1000).toFixed(1)} s after navigation`,
    );
  });

  afterAll(async () => {
    await context?.close();
  });

  const info = () => page.evaluate(() => window.__lleSceneTest!.info());

  it('draws a non-blank 3-D surface with both trajectories', async () => {
    expect(await page.textContent('h1')).toContain('test fixture');
    const px = await page.evaluate(() => window.__lleSceneTest!.pixels());
    console.log(
      `[e2e] 3-D canvas ${px.width}×${px.height}: ${px.distinct} distinct colours, ` +
        `${((100 * px.nonBackground) / (px.width * px.height)).toFixed(1)} % non-background; ` +
        `run pixels ${JSON.stringify(px.runs)}`,
    );
    expect(px.distinct).toBeGreaterThan(500);
    expect(px.nonBackground / (px.width * px.height)).toBeGreaterThan(0.1);
    for (const run of RUNS) expect(px.runs[run]).toBeGreaterThan(150);

    const total = await page.evaluate(() => window.__lleSceneTest!.total);
    const drawn = await page.evaluate(() => window.__lleSceneTest!.drawnSegments());
    expect(drawn).toEqual(Object.fromEntries(RUNS.map((r) => [r, total - 1])));

    const legend = await page.$$eval('.scene-legend li', (li) =>
      li.map((l) => l.getAttribute('data-run')),
    );
    expect(legend).toEqual(RUNS);
    const labels = await page.$$eval('.axis-text', (els) => els.map((e) => e.textContent ?? ''));
    expect(labels.some((l) => l.includes('a: x (Himmelblau)'))).toBe(true);
    expect(labels.some((l) => l.includes('training loss'))).toBe(true);

    await page
      .locator('[data-testid="landscape-scene"]')
      .screenshot({ path: `${SCREENSHOTS}/scene-3d.png` });
  });

  it('reads (a, b, value) under the pointer', async () => {
    // The surface point above (a, b) = (0, 0): Himmelblau's f(0, 0) = 170.
    const p = await page.evaluate(() => window.__lleSceneTest!.screenOf(0, 0));
    expect(p.value).toBeCloseTo(170, 3);
    await page.mouse.move(p.x, p.y);
    await expect
      .poll(() => page.textContent('[data-testid="scene-readout"]'), { timeout: 10_000 })
      .toMatch(/a = .*b = .*training loss = /);
    const text = (await page.textContent('[data-testid="scene-readout"]'))!;
    const [, a, b, value] = /a = (\S+)b = (\S+)training loss = (\S+)/.exec(text)!;
    expect(Math.abs(Number(a))).toBeLessThan(0.15);
    expect(Math.abs(Number(b))).toBeLessThan(0.15);
    expect(Number(value)).toBeGreaterThan(150);
    expect(Number(value)).toBeLessThan(190);
    await page.mouse.move(1, 1); // away from the canvas
  });

  it('keeps GPU objects flat across 50 trajectory updates and 10 height-scale switches', async () => {
    await page.evaluate(() => window.__lleSceneTest!.nextFrame());
    const before: Info = await info();
    for (let i = 1; i <= 50; i++) {
      await page.evaluate((step) => {
        window.__lleSceneTest!.grow(step, 50);
        return window.__lleSceneTest!.nextFrame();
      }, i);
    }
    const afterUpdates: Info = await info();
    // Arrays grown into a new list (same runs): the runs keep their objects, and so their
    // materials' programs (remade, they were linked again on the main thread: 5–30 ms each).
    const objects = await page.evaluate(() => window.__lleSceneTest!.trajectoryObjects());
    const segments = await page.evaluate(() => window.__lleSceneTest!.drawnSegments());
    await page.evaluate(() => {
      window.__lleSceneTest!.regrow();
      return window.__lleSceneTest!.nextFrame();
    });
    expect(objects).toHaveLength(RUNS.length);
    expect(await page.evaluate(() => window.__lleSceneTest!.trajectoryObjects())).toEqual(objects);
    expect(await page.evaluate(() => window.__lleSceneTest!.drawnSegments())).toEqual(segments);
    for (let i = 0; i < 10; i++) {
      await page.evaluate(
        (scale) => {
          window.__lleSceneTest!.setScale(scale);
          return window.__lleSceneTest!.nextFrame();
        },
        i % 2 === 0 ? ('log' as const) : ('linear' as const),
      );
    }
    const afterScales: Info = await info();
    console.log(
      `[e2e] GPU objects: before ${JSON.stringify(before)}; after 50 trajectory updates ` +
        `${JSON.stringify(afterUpdates)}; after 10 height-scale switches ${JSON.stringify(afterScales)}`,
    );
    expect(afterUpdates.geometries).toBe(before.geometries);
    expect(afterUpdates.textures).toBe(before.textures);
    expect(afterScales.geometries).toBe(before.geometries);
    expect(afterScales.textures).toBe(before.textures);
    expect(afterScales.programs).toBe(before.programs);
    // Render on demand: about one frame per update, not a running loop.
    expect(afterScales.frame - before.frame).toBeGreaterThanOrEqual(61);
    expect(afterScales.frame - before.frame).toBeLessThanOrEqual(71);
    const idle = (await info()).frame;
    await page.waitForTimeout(500);
    expect((await info()).frame).toBe(idle);
    // The scale ended on 'linear' (the fixture's) and the paths are complete again.
    const total = await page.evaluate(() => window.__lleSceneTest!.total);
    expect(await page.evaluate(() => window.__lleSceneTest!.drawnSegments())).toEqual(
      Object.fromEntries(RUNS.map((r) => [r, total - 1])),
    );
  });

  it('draws the contour map with bands and both paths', async () => {
    await page.click('[data-testid="view-mode"] button[data-value="contour"]');
    // Log colouring separates the four minima best on a map.
    await page.click('[data-testid="height-scale"] button[data-value="log"]');
    await page.waitForSelector('[data-testid="contour-map"]', { state: 'visible' });
    const bands = await page.$$eval('[data-testid="contour-map"] path.band', (p) => p.length);
    expect(bands).toBeGreaterThan(8);
    const paths = await page.$$eval('[data-testid="contour-map"] polyline.map-path', (lines) =>
      lines.map((l) => ({
        run: l.getAttribute('data-run'),
        points: (l.getAttribute('points') ?? '').trim().split(/\s+/).filter(Boolean).length,
      })),
    );
    const total = await page.evaluate(() => window.__lleSceneTest!.total);
    expect(paths).toEqual(RUNS.map((run) => ({ run, points: total })));
    const map = page.locator('[data-testid="contour-map"] svg');
    const box = (await map.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.4);
    await expect
      .poll(() => page.textContent('[data-testid="map-readout"]'))
      .toMatch(/training loss = [\d.e-]+/);
    await page.mouse.move(0, 0);
    await page
      .locator('[data-testid="contour-map"]')
      .screenshot({ path: `${SCREENSHOTS}/scene-contour.png` });
    await page.click('[data-testid="view-mode"] button[data-value="3d"]');
    await page.evaluate(() => window.__lleSceneTest!.nextFrame());
  });

  it('logged no console errors', () => {
    expect(errors).toEqual([]);
  });
});
