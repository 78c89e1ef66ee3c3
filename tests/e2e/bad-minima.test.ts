/**
 * Nearby bad minima in the built app (headless Chromium, the default backend): the lesson "The
 * bad minimum next door" is opened with the picker and played to the end; one click on "Find bad
 * minima" trains the bad runs in the worker (their accuracies climbing in the card), then good vs
 * bad, the interpolation, the distances table and the plane are read from the page.
 *
 * Run alone: LLE_E2E_OUT=out/e2e-bad-minima npx vitest run --project e2e tests/e2e/bad-minima.test.ts
 */
import { describe, expect, it } from 'vitest';
import { SCREENSHOTS } from './browser';
import { openApp, TIMEOUT, until } from './app-page';

/** "87.3 %" → 0.873. */
const fraction = (text: string | null): number => Number(text!.replace('%', '').trim()) / 100;

describe('bad minima', () => {
  it(
    'the lesson trains the good run, then bad ones from its checkpoints: 100 % train accuracy, test accuracy collapses',
    async () => {
      const { page, context, errors } = await openApp('./?autoplay=0', {
        width: 1400,
        height: 1000,
      });
      try {
        await page.selectOption('[data-testid="lesson-picker"]', 'bad-minimum-next-door');
        await until(
          page,
          (s) =>
            JSON.stringify(s.names) === JSON.stringify(['Adam', 'Adam, seed 2']) &&
            s.step === 0 &&
            s.landscape !== null,
        );
        await page.click('.transport-play');
        await until(page, (s) => s.finished);
        const card = page.getByTestId('bad-minima-card');
        await card.scrollIntoViewIfNeeded();
        // The lesson's settings are picked already.
        expect(await page.getByTestId('bad-minima-run').inputValue()).toBe('0');
        expect(await page.getByTestId('bad-minima-rho').inputValue()).toBe('1');
        expect(await page.getByTestId('bad-minima-checkpoints').inputValue()).toBe('0.25, 1');
        await page.getByTestId('find-bad-minima').click();
        // Live: the bad runs' accuracies while they train.
        await page.getByTestId('bad-minima-training').waitFor({ timeout: TIMEOUT });
        await card.screenshot({ path: `${SCREENSHOTS}/bad-minima-training.png` });
        await page.getByTestId('bad-minima-sides').waitFor({ timeout: 2 * TIMEOUT });
        // Good vs bad side by side: both boundaries drawn, both fit the training set.
        for (const side of ['good', 'bad']) {
          const s = page.getByTestId(`side-${side}`);
          expect(await s.locator('canvas').count()).toBe(1);
          expect(await s.getByTestId('boundary-contour').count()).toBe(1);
        }
        const good = page.getByTestId('metrics-good');
        const bad = page.getByTestId('metrics-bad');
        const goodTest = fraction(await good.getByTestId('test-accuracy').textContent());
        const badTest = fraction(await bad.getByTestId('test-accuracy').textContent());
        const trainAcc = async (m: typeof good) =>
          fraction(await m.locator('dd').nth(1).textContent());
        console.log(`[e2e bad minima] test accuracy good ${goodTest}, bad ${badTest}`);
        expect(await trainAcc(good)).toBe(1);
        expect(await trainAcc(bad)).toBe(1);
        expect(badTest).toBeLessThanOrEqual(goodTest - 0.15);
        // The table: the good minimum and one row per checkpoint.
        const rows = await page
          .getByTestId('bad-minima-table')
          .locator('tbody tr')
          .allTextContents();
        expect(rows).toHaveLength(3);
        // The interpolation, 61 points, train and test, loss and accuracy.
        for (const id of ['bad-minima-interpolation-loss', 'bad-minima-interpolation-accuracy']) {
          const chart = page.getByTestId(id);
          for (const series of ['train', 'test']) {
            const points = await chart
              .locator(`polyline[data-series="${series}"]`)
              .getAttribute('points');
            expect(points!.split(' ')).toHaveLength(61);
          }
        }
        // The plane: contour bands, both paths, θ₀, good and bad marked.
        const plane = page.getByTestId('bad-minima-plane');
        expect(await plane.locator('[data-path]').count()).toBe(2);
        expect(await plane.locator('[data-point]').count()).toBe(3);
        expect(await plane.locator('path').count()).toBeGreaterThan(5);
        await card.screenshot({ path: `${SCREENSHOTS}/bad-minima-card.png` });
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    4 * TIMEOUT,
  );
});
