/**
 * The 3-D view never blocks the page (issue 14): the default demo trains (wasm backend) while the
 * test orbits the 3-D view by dragging its canvas, at 1280×720; then it trains on in the contour
 * map for as long. Main-thread long tasks (> 50 ms, PerformanceObserver 'longtask') are collected
 * in each phase; the longest, and the drawing-buffer scale the adaptive resolution chose (canvas
 * pixels per CSS pixel), are printed. On a software rasteriser (SwiftShader here) the view must
 * have lowered its resolution. The 50 ms bound and the frame cost after adaptation are reported,
 * not asserted: on the shared 2-core test machines they are dominated by other processes' load.
 */
import type { Page } from 'playwright-core';
import { SCREENSHOTS } from './browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, state, TIMEOUT, type Opened } from './app-page';

/** How long each phase lasts (ms), and the first part of the orbit left to the adaptation. */
const PHASE_MS = 6000;
const ADAPT_MS = 1000;

/** Starts collecting long tasks: [start relative to now (ms), duration (ms)]. */
let watches = 0;
async function watchLongTasks(page: Page): Promise<() => Promise<[number, number][]>> {
  const key = `__tasks${(watches += 1)}`;
  await page.evaluate((key) => {
    const w = window as unknown as Record<string, [number, number][]>;
    const list: [number, number][] = (w[key] = []);
    const t0 = performance.now();
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) list.push([e.startTime - t0, e.duration]);
    }).observe({ type: 'longtask' });
  }, key);
  return () =>
    page.evaluate((key) => (window as unknown as Record<string, [number, number][]>)[key]!, key);
}

/**
 * Drags across the canvas for `ms` (back and forth in azimuth, a little in elevation) and returns
 * the number of moves and every frame cost the view recorded meanwhile (`data-frame-ms`, watched
 * with a MutationObserver): [time since start (ms), cost (ms)].
 */
async function orbit(
  page: Page,
  ms: number,
): Promise<{ moves: number; costs: [number, number][] }> {
  const canvas = page.locator('[data-testid="landscape-scene"] canvas');
  const box = (await canvas.boundingBox())!;
  await canvas.evaluate((c: HTMLCanvasElement) => {
    const w = window as unknown as { __costs: [number, number][] };
    const costs: [number, number][] = (w.__costs = []);
    const t0 = performance.now();
    new MutationObserver(() =>
      costs.push([performance.now() - t0, Number(c.dataset.frameMs)]),
    ).observe(c, { attributes: true, attributeFilter: ['data-frame-ms'] });
  });
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  const t0 = Date.now();
  let moves = 0;
  while (Date.now() - t0 < ms) {
    const phase = (Date.now() - t0) / 1000;
    await page.mouse.move(cx + 200 * Math.sin(phase * 1.3), cy + 40 * Math.sin(phase * 0.7));
    await page.waitForTimeout(16);
    moves += 1;
  }
  await page.mouse.up();
  const costs = await page.evaluate(
    () => (window as unknown as { __costs: [number, number][] }).__costs,
  );
  return { moves, costs };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[s.length >> 1]! : NaN;
}

const longest = (tasks: [number, number][], after = 0) =>
  Math.max(0, ...tasks.filter(([t]) => t > after).map(([, d]) => d));
const list = (tasks: [number, number][]) =>
  JSON.stringify(tasks.map(([t, d]) => [Math.round(t), Math.round(d)]));

describe('long tasks while training and orbiting in the 3-D view', () => {
  let opened: Opened;
  beforeAll(async () => {
    opened = await openApp('./?backend=wasm&steps=100000&autoplay=0', { width: 1280, height: 720 });
  }, TIMEOUT);
  afterAll(async () => {
    await opened?.context.close();
  });

  it('lowers the resolution on SwiftShader and reports the longest task while orbiting and training', async () => {
    const { page, errors } = opened;
    const canvas = page.locator('[data-testid="landscape-scene"] canvas');
    await canvas.scrollIntoViewIfNeeded();
    const figures = () =>
      canvas.evaluate((c: HTMLCanvasElement) => ({
        scale: c.width / c.getBoundingClientRect().width,
        size: `${c.width}×${c.height}`,
        frameMs: Number(c.dataset.frameMs ?? NaN),
      }));
    const before = await figures();
    const software = await page.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl2')!;
      const info = gl.getExtension('WEBGL_debug_renderer_info');
      return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    });
    // 1. Orbit alone: the view adapts its resolution to its frame cost.
    const aloneTasks = await watchLongTasks(page);
    const alone = await orbit(page, PHASE_MS);
    const aloneLong = await aloneTasks();
    const adapted = await figures();
    const settled = alone.costs.filter(([t]) => t > ADAPT_MS).map(([, c]) => c);
    console.log(
      `[e2e] 3-D view (${software}), orbit alone ${PHASE_MS / 1000} s (${alone.moves} drags): ` +
        `${aloneLong.length} long tasks, longest ${Math.round(longest(aloneLong))} ms, after the first ` +
        `${ADAPT_MS} ms ${Math.round(longest(aloneLong, ADAPT_MS))} ms; drawing-buffer scale ` +
        `${before.scale.toFixed(2)} (${before.size}) → ${adapted.scale.toFixed(2)} (${adapted.size}); ` +
        `${alone.costs.length} frames, median cost after the first ${ADAPT_MS} ms ${median(settled).toFixed(1)} ms; ${list(aloneLong)}`,
    );

    await page
      .locator('[data-testid="landscape-section"]')
      .screenshot({ path: `${SCREENSHOTS}/long-tasks-3d-adapted.png` });

    // 2. Orbit while training.
    await page.getByRole('button', { name: /play/i }).first().click();
    const s0 = await state(page);
    const orbitTasks = await watchLongTasks(page);
    const during = await orbit(page, PHASE_MS);
    const orbitLong = await orbitTasks();
    const s1 = await state(page);
    const after = await figures();
    console.log(
      `[e2e] orbit ${PHASE_MS / 1000} s (${during.moves} drags) while training steps ` +
        `${s0.step}→${s1.step} on ${s1.backend}: ${orbitLong.length} long tasks, longest ` +
        `${Math.round(longest(orbitLong))} ms, after the first ${ADAPT_MS} ms ` +
        `${Math.round(longest(orbitLong, ADAPT_MS))} ms; scale ${after.scale.toFixed(2)} ` +
        `(${after.size}); median frame cost ${median(during.costs.map(([, c]) => c)).toFixed(1)} ms`,
    );
    console.log(`[e2e] long tasks while orbiting and training [start ms, ms]: ${list(orbitLong)}`);

    await page.getByRole('button', { name: 'Contour map' }).click();
    const contourTasks = await watchLongTasks(page);
    await page.waitForTimeout(PHASE_MS);
    const contour = await contourTasks();
    const s2 = await state(page);
    console.log(
      `[e2e] contour map, training steps ${s1.step}→${s2.step}: ${contour.length} long tasks, ` +
        `longest ${Math.round(longest(contour))} ms; ${list(contour)}`,
    );

    expect(s1.step).toBeGreaterThan(s0.step);
    expect(s2.step).toBeGreaterThan(s1.step);
    if (/swiftshader|llvmpipe|software/i.test(software)) {
      expect(before.scale).toBe(1);
      expect(adapted.scale).toBeLessThan(before.scale);
      expect(adapted.scale).toBeGreaterThanOrEqual(0.5);
      expect(after.scale).toBeGreaterThanOrEqual(0.5);
    }
    // The view measured its frames (their costs are reported above; at the load averages of
    // 9–11 on these 2-core machines their median after adaptation varied from 1.7 to 66 ms between
    // runs, so the 30 ms budget and the 50 ms bound are reported, not asserted).
    expect(alone.costs.length).toBeGreaterThanOrEqual(5);
    for (const [, c] of alone.costs) expect(c).toBeGreaterThanOrEqual(0);
    expect(errors).toEqual([]);
  });
});
