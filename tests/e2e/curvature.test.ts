/**
 * Curvature in the app: λ_max tracked while the race plays (with each run's stability edge), and
 * the Curvature card's analysis of every run's point: values read from the page and checked
 * against what the problem implies.
 */
import { describe, expect, it } from 'vitest';
import { SCREENSHOTS } from './browser';
import { openApp, TIMEOUT, until } from './app-page';

describe('curvature', () => {
  it(
    'tracks λ_max while playing and measures every run at the point on screen',
    async () => {
      const { page, context, errors } = await openApp('./?steps=150', {
        width: 1400,
        height: 1000,
      });
      try {
        await until(page, (s) => s.finished);
        const chart = page.getByTestId('sharpness-chart');
        await chart.waitFor();
        // One solid line per run (λ_max) and a dashed edge for SGD and momentum (Adam has none).
        expect(await chart.locator('polyline.dashed').count()).toBe(2);
        expect(await chart.locator('polyline.series:not(.dashed)').count()).toBe(3);
        await page.getByTestId('measure-curvature').click();
        const table = page.getByTestId('curvature-table');
        await table.waitFor({ timeout: TIMEOUT });
        const rows = await table.locator('tbody tr').allTextContents();
        expect(rows).toHaveLength(3);
        const lambdas = await table.getByTestId('lambda').allTextContents();
        for (const text of lambdas) {
          const values = text.split(', ').map(Number);
          expect(values).toHaveLength(3);
          // Descending top eigenvalues; the largest is positive for a trained MLP.
          expect(values[0]).toBeGreaterThan(0);
          expect(values[0]).toBeGreaterThanOrEqual(values[1]!);
          expect(values[1]).toBeGreaterThanOrEqual(values[2]!);
        }
        const traces = await table.getByTestId('trace').allTextContents();
        for (const t of traces) expect(t).toMatch(/^-?[\d.e+-]+ ± [\d.e+-]+$/);
        await expect.poll(() => page.getByTestId('spectrum-plot').count()).toBe(1);
        await page
          .getByTestId('curvature-card')
          .screenshot({ path: `${SCREENSHOTS}/curvature-card.png` });
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    TIMEOUT,
  );
});
