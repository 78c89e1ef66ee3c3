/**
 * The step-and-Taylor overlay in the built app (headless Chromium): on in the 2/λ lesson, its
 * numbers read from the readout and checked against hand-computed values (exact on the quadratic;
 * on Rosenbrock the hand-written second-order expansion, which misses the true loss), drawn in
 * both views, and its GPU objects freed when it is switched off. Screenshots looked at.
 *
 * Run alone: LLE_E2E_OUT=out/e2e-overshoot npx vitest run --project e2e tests/e2e/overshoot.test.ts
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, TIMEOUT, until, type Opened } from './app-page';
import { SCREENSHOTS } from './browser';

/** The readout of the view on screen (both views keep theirs mounted; one is hidden). */
const panel = (page: Page) => page.locator('[data-testid="overshoot-panel"]:visible');
const numbers = async (page: Page, attribute: string): Promise<number[]> =>
  ((await panel(page).getAttribute(attribute)) ?? '').split(',').map(Number);
const gpu = (page: Page) => page.evaluate(() => window.__lle!.gpuObjects()!);
type GpuObjects = Awaited<ReturnType<typeof gpu>>;

/**
 * The GPU objects once they have stopped changing: the same counts at three reads 300 ms apart
 * (at most `TIMEOUT` ms), so that a loaded machine that draws late is waited for.
 */
async function settledGpu(page: Page): Promise<GpuObjects> {
  const start = Date.now();
  let last = await gpu(page);
  let same = 0;
  while (same < 2) {
    if (Date.now() - start > TIMEOUT)
      throw new Error(`GPU objects still changing: ${JSON.stringify(last)}`);
    await page.waitForTimeout(300);
    const now = await gpu(page);
    same = JSON.stringify(now) === JSON.stringify(last) ? same + 1 : 0;
    last = now;
  }
  return last;
}

describe('the step and its Taylor model', () => {
  let opened: Opened;
  beforeAll(async () => {
    opened = await openApp('./?autoplay=0', { width: 1400, height: 1000 });
  }, TIMEOUT);
  afterAll(async () => {
    await opened?.context.close();
  });

  async function openLesson(id: string, names: string[]) {
    const { page } = opened;
    await page.selectOption('[data-testid="lesson-picker"]', id);
    await until(
      page,
      (s) =>
        JSON.stringify(s.names) === JSON.stringify(names) && s.step === 0 && s.landscape !== null,
    );
  }

  it(
    'in the 2/λ lesson: exact on ½(x² + 10y²), 1 − ηλ = −1.1 for η 0.21, drawn in both views',
    async () => {
      const { page, errors } = opened;
      await openLesson('step-size-limit', ['η 0.1 (= 1/λ)', 'η 0.19 (< 2/λ)', 'η 0.21 (> 2/λ)']);
      // The lesson switches the overlay on; the toggle says so.
      await expect
        .poll(() => page.getByTestId('overshoot-toggle').getAttribute('aria-pressed'), {
          timeout: TIMEOUT,
        })
        .toBe('true');
      await panel(page).waitFor();
      // The η 0.21 run at θ₀ = (−1.5, 1): L = 6.125 → 6.7521125 (hand-computed in
      // src/scene/overshoot.test.ts): the step goes UP, and the model says exactly so.
      await panel(page).getByTestId('overshoot-run').selectOption({ index: 2 });
      await expect
        .poll(() => numbers(page, 'data-multipliers'), { timeout: TIMEOUT })
        .toHaveLength(2);
      const [m1, m2] = await numbers(page, 'data-multipliers');
      expect(m1).toBeCloseTo(-1.1, 12);
      expect(m2).toBeCloseTo(0.79, 12);
      const [predicted] = await numbers(page, 'data-predicted');
      const [actual] = await numbers(page, 'data-actual');
      expect(Math.abs(predicted! - 6.7521125)).toBeLessThan(1e-9);
      expect(Math.abs(actual! - 6.7521125)).toBeLessThan(1e-9);
      expect(await panel(page).getByTestId('overshoot-note').textContent()).toMatch(
        /quadratic the second-order Taylor model is exact/,
      );
      // η 0.19: −0.9 along λ₁ = 10.
      await panel(page).getByTestId('overshoot-run').selectOption({ index: 1 });
      await expect
        .poll(async () => (await numbers(page, 'data-multipliers'))[0], { timeout: TIMEOUT })
        .toBeCloseTo(-0.9, 12);
      await panel(page).getByTestId('overshoot-run').selectOption({ index: 2 });
      // Play the race, then scrub back to point 1 (step 1 → 2): still exact, still −1.1.
      await page.click('.transport-play');
      await until(page, (s) => s.finished || s.divergedAt[2]! > 0);
      await page.locator('.transport-scrubber input[type="range"]').fill('1');
      await expect
        .poll(async () => (await numbers(page, 'data-multipliers'))[0], { timeout: TIMEOUT })
        .toBeCloseTo(-1.1, 12);
      const p1 = (await numbers(page, 'data-predicted'))[0]!;
      const a1 = (await numbers(page, 'data-actual'))[0]!;
      expect(Math.abs(p1 - a1)).toBeLessThan(1e-9 * Math.max(1, a1));
      await page
        .getByTestId('landscape-section')
        .screenshot({ path: `${SCREENSHOTS}/overshoot-3d.png` });
      // The contour map: the arrow of the step and the eigen-directions tagged with 1 − ηλ.
      await page.getByTestId('view-mode').locator('[data-value="contour"]').click();
      const arrow = page.getByTestId('overshoot-arrow');
      await arrow.waitFor();
      expect(await arrow.textContent()).toContain('λ₁ ×-1.1');
      expect(await arrow.textContent()).toContain('λ₂ ×0.79');
      await page
        .getByTestId('landscape-section')
        .screenshot({ path: `${SCREENSHOTS}/overshoot-contour.png` });
      await page.getByTestId('view-mode').locator('[data-value="3d"]').click();
      expect(errors).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'on Rosenbrock the model is the hand-computed expansion and misses; switching off frees the GPU objects',
    async () => {
      const { page, errors } = opened;
      await openLesson('rosenbrock', ['SGD', 'Momentum', 'Adam']);
      const toggle = page.getByTestId('overshoot-toggle');
      // The baseline once the surface and the paths are on the GPU (and have stopped changing).
      await expect
        .poll(async () => (await gpu(page)).geometries, { timeout: TIMEOUT })
        .toBeGreaterThan(0);
      const before = await settledGpu(page);
      for (let i = 0; i < 5; i++) {
        await toggle.click();
        await expect
          .poll(() => toggle.getAttribute('aria-pressed'), { timeout: TIMEOUT })
          .toBe('true');
        await page.waitForTimeout(300);
        await toggle.click();
        await expect
          .poll(() => toggle.getAttribute('aria-pressed'), { timeout: TIMEOUT })
          .toBe('false');
        await page.waitForTimeout(300);
      }
      expect(await settledGpu(page)).toEqual(before);
      await toggle.click();
      await panel(page).getByTestId('overshoot-run').selectOption({ index: 0 });
      // SGD η 0.001 at (−1.2, 1): m(1) = 24.2 − 0.001·54227.36 + ½·10⁻⁶·81585556.8 = 10.7654184
      // (src/scene/overshoot.test.ts); θ₀ is float32 here, so the same expansion at fround(−1.2):
      const x = Math.fround(-1.2);
      const g = [-2 * (1 - x) - 400 * x * (1 - x * x), 200 * (1 - x * x)];
      const H = [2 - 400 + 1200 * x * x, -400 * x, 200];
      const gHg = H[0]! * g[0]! ** 2 + 2 * H[1]! * g[0]! * g[1]! + H[2]! * g[1]! ** 2;
      const L = (1 - x) ** 2 + 100 * (1 - x * x) ** 2;
      const expected = L - 0.001 * (g[0]! ** 2 + g[1]! ** 2) + 0.5 * 1e-6 * gHg;
      expect(Math.abs(expected - 10.7654184)).toBeLessThan(1e-4);
      await expect
        .poll(async () => Math.abs((await numbers(page, 'data-predicted'))[0]! - expected), {
          timeout: TIMEOUT,
        })
        .toBeLessThan(1e-9);
      const [actual] = await numbers(page, 'data-actual');
      expect(Math.abs(actual! - expected)).toBeGreaterThan(0.1);
      expect(await panel(page).getByTestId('overshoot-note').textContent()).toMatch(
        /Not a quadratic/,
      );
      const on = await settledGpu(page);
      expect(on.geometries).toBeGreaterThan(before.geometries);
      await page
        .getByTestId('landscape-section')
        .screenshot({ path: `${SCREENSHOTS}/overshoot-rosenbrock.png` });
      expect(errors).toEqual([]);
    },
    TIMEOUT,
  );
});
