/**
 * The lesson "Temperature" in the built app (headless Chromium, the default backend): opened with
 * the picker, its second step (key 2) trains the seed ensembles once the two GD runs are done; the
 * card shows three clouds with their ellipses, spread and escape growing with η/B.
 *
 * Run alone: LLE_E2E_OUT=out/e2e-ensemble npx vitest run --project e2e tests/e2e/temperature.test.ts
 */
import { describe, expect, it } from 'vitest';
import { SCREENSHOTS } from './browser';
import { openApp, TIMEOUT, until } from './app-page';

describe('temperature', () => {
  it(
    'the lesson trains ensembles at three temperatures: spread and escape grow with η/B',
    async () => {
      const { page, context, errors } = await openApp('./?autoplay=0', {
        width: 1400,
        height: 1000,
      });
      try {
        await page.selectOption('[data-testid="lesson-picker"]', 'temperature');
        await until(
          page,
          (s) =>
            JSON.stringify(s.names) ===
              JSON.stringify(['GD in the local minimum', 'GD over the ridge']) &&
            s.step === 0 &&
            s.landscape !== null,
        );
        const started = Date.now();
        await page.keyboard.press('2');
        const card = page.getByTestId('ensemble-card');
        await page.getByTestId('ensemble-table').waitFor({ timeout: 3 * TIMEOUT });
        console.log(
          `[e2e temperature] trained and ensembles in ${(Date.now() - started) / 1000} s`,
        );
        const value = async (id: string) =>
          Number(await page.getByTestId(id).getAttribute('data-value'));
        const spread = [
          await value('ensemble-spread-0'),
          await value('ensemble-spread-1'),
          await value('ensemble-spread-2'),
        ];
        const escaped = [
          await value('ensemble-escaped-0'),
          await value('ensemble-escaped-1'),
          await value('ensemble-escaped-2'),
        ];
        console.log(`[e2e temperature] spread ${spread.join(', ')}; escaped ${escaped.join(', ')}`);
        expect(spread[1]).toBeGreaterThan(spread[0]!);
        expect(spread[2]).toBeGreaterThan(spread[1]!);
        expect(escaped[0]).toBe(0);
        expect(escaped[2]).toBeGreaterThan(0.9);
        expect(escaped[1]).toBeGreaterThan(escaped[0]!);
        const map = page.getByTestId('ensemble-cloud-map');
        expect(await map.locator('[data-testid="ensemble-cloud"]').count()).toBe(3);
        expect(await map.locator('circle').count()).toBe(3 * 64);
        expect(await map.locator('[data-testid="ensemble-ellipse"]').count()).toBe(3);
        expect(await page.getByTestId('ensemble-spread-chart-fit').count()).toBe(1);
        await card.scrollIntoViewIfNeeded();
        await card.screenshot({ path: `${SCREENSHOTS}/temperature-card.png` });
        // An early step of the recording: the clouds are still tight around θ₀.
        await page.getByTestId('ensemble-step').fill('3');
        expect(await page.getByTestId('ensemble-step-value').textContent()).toBe('45');
        await map.screenshot({ path: `${SCREENSHOTS}/temperature-early.png` });
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    6 * TIMEOUT,
  );
});
