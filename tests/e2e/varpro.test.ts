/**
 * The tanh model's exact (w, shift) landscape in the built app: offered by the plane picker for
 * the tanh model only, drawn with axes "w" and "shift", the runs' paths mapped into (w, s), and the
 * dynamic outliers ringed on the fitted-curves plot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RACES } from '../../src/lessons/races';
import { openApp, state, TIMEOUT, until, type Opened } from './app-page';
import { SCREENSHOTS } from './browser';

describe('the exact (w, shift) landscape of the tanh model', () => {
  let opened: Opened;
  beforeAll(async () => {
    opened = await openApp('./?steps=60&autoplay=0');
  }, TIMEOUT);
  afterAll(async () => {
    await opened?.context.close();
  });

  it(
    'is offered for the tanh model, drawn on (w, shift) with the outliers ringed',
    async () => {
      const { page, errors } = opened;
      const picker = page.getByTestId('directions');
      // Not offered for the demo's network.
      expect(await picker.locator('option[value="varpro"]').count()).toBe(0);
      await page.getByLabel('Problem', { exact: true }).selectOption('tanh-regression');
      await page.getByTestId('apply').click();
      const steps = RACES['tanh-regression']!.steps;
      await until(page, (s) => s.step === 0 && s.totalSteps === steps && s.landscape !== null);
      await page.getByRole('button', { name: /play/i }).first().click();
      await until(page, (s) => s.finished && s.historyStep === s.step);
      expect(await picker.locator('option[value="varpro"]').textContent()).toBe('Exact (w, shift)');
      await picker.selectOption('varpro');
      const s = await until(
        page,
        (x) => x.landscape?.directions === 'varpro' && x.landscape.axisLabels[0] === 'w',
      );
      expect(s.error).toBeNull();
      expect(s.viewError).toBeNull();
      expect(s.landscape!.axisLabels).toEqual(['w', 'shift']);
      expect(s.landscape!.max).toBeGreaterThan(s.landscape!.min);
      // The exact surface is a mean squared error: positive everywhere.
      expect(s.landscape!.min).toBeGreaterThan(0);
      await expect.poll(() => page.locator('.curve-outlier').count()).toBe(5);
      await page.waitForTimeout(400);
      await page
        .locator('[data-testid="landscape-section"]')
        .screenshot({ path: `${SCREENSHOTS}/varpro-surface.png` });
      // Every run's path is drawn on the surface in (w, shift).
      const px = (await page.evaluate(() => window.__lle!.pixels()))!;
      for (const name of ['SGD', 'Momentum', 'Adam']) expect(px.runs[name]).toBeGreaterThan(20);
      await page.getByRole('button', { name: 'Contour map' }).click();
      await page.waitForTimeout(400);
      const section = page.locator('[data-testid="landscape-section"]');
      const map = section.getByTestId('contour-map');
      await expect.poll(() => map.count()).toBe(1);
      const text = (await map.textContent()) ?? '';
      expect(text).toContain('a: w');
      expect(text).toContain('b: shift');
      await section.screenshot({ path: `${SCREENSHOTS}/varpro-contour.png` });
      await page
        .locator('.curve-plot')
        .first()
        .screenshot({ path: `${SCREENSHOTS}/varpro-outliers.png` });
      expect((await state(page)).viewError).toBeNull();
      expect(errors).toEqual([]);
    },
    TIMEOUT,
  );
});
