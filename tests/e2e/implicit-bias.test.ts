/**
 * Implicit bias in the built app (headless Chromium, the default backend): the lesson "Same loss,
 * different answers" is opened with the picker and played to the end; its second step (key 2)
 * runs the implicit-bias job, and the card's table says GD ended nearer the SVM direction than
 * Adagrad.
 *
 * Run alone: LLE_E2E_OUT=out/e2e-bias npx vitest run --project e2e tests/e2e/implicit-bias.test.ts
 */
import { describe, expect, it } from 'vitest';
import { SCREENSHOTS } from './browser';
import { openApp, TIMEOUT, until } from './app-page';

describe('implicit bias', () => {
  it(
    'the lesson trains GD, Adam and Adagrad; its step measures the angles: GD ends nearest the SVM direction',
    async () => {
      const { page, context, errors } = await openApp('./?autoplay=0', {
        width: 1400,
        height: 1000,
      });
      try {
        await page.selectOption('[data-testid="lesson-picker"]', 'same-loss-different-answers');
        await until(
          page,
          (s) =>
            JSON.stringify(s.names) === JSON.stringify(['GD', 'Adam', 'Adagrad']) &&
            s.step === 0 &&
            s.landscape !== null,
        );
        const started = Date.now();
        await page.click('.transport-play');
        await until(page, (s) => s.finished);
        console.log(`[e2e implicit bias] 10⁴ steps trained in ${(Date.now() - started) / 1000} s`);
        await page.keyboard.press('2');
        const card = page.getByTestId('implicit-bias-card');
        await page.getByTestId('implicit-bias-table').waitFor({ timeout: TIMEOUT });
        await card.scrollIntoViewIfNeeded();
        const final = async (k: number) =>
          Number(await page.getByTestId(`implicit-bias-final-${k}`).getAttribute('data-value'));
        const [gd, adam, adagrad] = [await final(0), await final(1), await final(2)];
        console.log(`[e2e implicit bias] final angles GD ${gd}, Adam ${adam}, Adagrad ${adagrad}`);
        expect(gd).toBeGreaterThan(0);
        expect(gd).toBeLessThan(adagrad);
        expect(gd).toBeLessThan(adam);
        expect(await page.getByTestId('svm-margin').textContent()).toBe('0.202');
        const angle = page.getByTestId('implicit-bias-angle-chart');
        expect(await angle.locator('polyline').count()).toBe(3);
        await card.screenshot({ path: `${SCREENSHOTS}/implicit-bias-card.png` });
        // The SVM's separating line on the decision-boundary plot.
        const svmLine = page.getByTestId('boundary-svm');
        await svmLine.waitFor({ timeout: TIMEOUT });
        await page
          .locator('.boundary-stage')
          .screenshot({ path: `${SCREENSHOTS}/implicit-bias-boundary.png` });
        // Part 2 (key 4): least squares from θ₀ = 0; key 5 measures once trained.
        await page.keyboard.press('4');
        await until(
          page,
          (s) =>
            JSON.stringify(s.names) === JSON.stringify(['GD', 'Momentum', 'Adam']) && s.step === 0,
        );
        await page.keyboard.press('5');
        await until(page, (s) => s.finished);
        await page.getByTestId('min-norm').waitFor({ timeout: TIMEOUT });
        const [gdLs, momentum, adamLs] = [await final(0), await final(1), await final(2)];
        console.log(
          `[e2e implicit bias] ‖θ − A⁺b‖/‖A⁺b‖ GD ${gdLs}, momentum ${momentum}, Adam ${adamLs}`,
        );
        expect(gdLs).toBeLessThan(1e-4);
        expect(momentum).toBeLessThan(1e-4);
        expect(adamLs).toBeGreaterThan(0.5);
        const labels = await page
          .getByTestId('implicit-bias-distance-chart')
          .locator('.tick-label')
          .allTextContents();
        console.log(`[e2e implicit bias] distance chart ticks ${labels.join(' ')}`);
        expect(new Set(labels).size).toBe(labels.length);
        await card.scrollIntoViewIfNeeded();
        await card.screenshot({ path: `${SCREENSHOTS}/implicit-bias-least-squares.png` });
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    4 * TIMEOUT,
  );
});
