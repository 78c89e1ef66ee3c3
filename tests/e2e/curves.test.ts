/**
 * Mode connectivity in the built app (headless Chromium, the default backend): the lesson
 * "Minima are connected" is opened with the picker and played to the end; one click on "Train the
 * curve" trains the bend in the worker while the card updates live; then the barriers, both paths
 * on the charts and the plane through w₀, w₁, w₂ are read from the page.
 *
 * Run alone: LLE_E2E_OUT=out/e2e-curves npx vitest run --project e2e tests/e2e/curves.test.ts
 */
import { describe, expect, it } from 'vitest';
import { SCREENSHOTS } from './browser';
import { openApp, TIMEOUT, until } from './app-page';

describe('mode connectivity', () => {
  it(
    'the lesson trains two seeds, then the curve: its barrier is a fraction of the segment’s',
    async () => {
      const { page, context, errors } = await openApp('./?autoplay=0', {
        width: 1400,
        height: 1000,
      });
      try {
        await page.selectOption('[data-testid="lesson-picker"]', 'minima-connected');
        await until(
          page,
          (s) =>
            JSON.stringify(s.names) === JSON.stringify(['Adam, seed 1', 'Adam, seed 2']) &&
            s.step === 0 &&
            s.landscape !== null,
        );
        await page.click('.transport-play');
        await until(page, (s) => s.finished);
        const card = page.getByTestId('curve-card');
        await card.scrollIntoViewIfNeeded();
        // The lesson's pair and shape are picked already.
        expect(await page.getByTestId('curve-run-0').inputValue()).toBe('0');
        expect(await page.getByTestId('curve-run-1').inputValue()).toBe('1');
        expect(await page.getByTestId('curve-type').inputValue()).toBe('bezier');
        await page.getByTestId('train-curve').click();
        // Live: frames arrive while the bend trains (a progress bar, the barriers so far).
        await page.getByTestId('curve-progress').waitFor({ timeout: TIMEOUT });
        await page.getByTestId('segment-barrier').waitFor({ timeout: TIMEOUT });
        const liveStatus = await page.getByTestId('curve-status').textContent();
        expect(liveStatus).toMatch(/^training the bend: step \d+ of 300/);
        await expect
          .poll(() => page.getByTestId('curve-status').textContent(), { timeout: TIMEOUT })
          .toMatch(/^trained: step 300 of 300/);
        const segment = Number(await page.getByTestId('segment-barrier').textContent());
        const curve = Number(await page.getByTestId('curve-barrier').textContent());
        console.log(`[e2e curves] barrier on the segment ${segment}, on the curve ${curve}`);
        expect(segment).toBeGreaterThan(0.5);
        expect(segment).toBeGreaterThanOrEqual(3 * curve);
        // Both paths, train (solid) and test (dashed), 61 points each, on both charts.
        for (const id of ['curve-loss-chart', 'curve-accuracy-chart']) {
          const chart = page.getByTestId(id);
          expect(await chart.locator('polyline.series:not(.dashed)').count()).toBe(2);
          expect(await chart.locator('polyline.dashed').count()).toBe(2);
          const points = await chart
            .locator('polyline[data-series="curve, train"]')
            .getAttribute('points');
          expect(points!.split(' ')).toHaveLength(61);
        }
        // The plane: contour bands, the segment and the curve, w₀, w₁, w₂ marked.
        const plane = page.getByTestId('curve-plane');
        expect(await plane.locator('[data-path]').count()).toBe(2);
        expect(await plane.locator('[data-point]').count()).toBe(3);
        expect(await plane.locator('path').count()).toBeGreaterThan(5);
        await card.screenshot({ path: `${SCREENSHOTS}/curve-card.png` });
        await page.screenshot({ path: `${SCREENSHOTS}/curve-lesson.png`, fullPage: true });
        // Lecture mode: larger text and thicker lines in the card too.
        await page.keyboard.press('l');
        await expect
          .poll(() =>
            page
              .getByTestId('curve-loss-chart')
              .evaluate((svg) => parseFloat(getComputedStyle(svg).fontSize)),
          )
          .toBeGreaterThanOrEqual(20);
        await card.scrollIntoViewIfNeeded();
        await card.screenshot({ path: `${SCREENSHOTS}/curve-card-lecture.png` });
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    TIMEOUT,
  );
});
