/**
 * The edge-of-stability lesson in the built app (headless Chromium, the default backend): played
 * as a learner would, the λ_max the page tracked (`window.__lle.history().sharpness`, the data of
 * the Curvature card's chart) starts below half of each run's 2/η, reaches it, and over the last
 * third of training hovers at its dashed 2/η line; the chart draws one solid and one dashed line
 * per run. Screenshot of the card looked at.
 *
 * Run alone: LLE_E2E_OUT=out/e2e-eos npx vitest run --project e2e tests/e2e/edge-of-stability.test.ts
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, TIMEOUT, until, type Opened } from './app-page';
import { SCREENSHOTS } from './browser';

const NAMES = ['GD η 0.5 (2/η = 4)', 'GD η 1 (2/η = 2)'];
const EDGES = [4, 2];

describe('edge of stability', () => {
  let opened: Opened;
  beforeAll(async () => {
    opened = await openApp('./?autoplay=0', { width: 1400, height: 1000 });
  }, TIMEOUT);
  afterAll(async () => {
    await opened?.context.close();
  });

  it(
    'each run’s λ_max rises to its 2/η and hovers at the dashed line',
    async () => {
      const { page, errors } = opened;
      await page.selectOption('[data-testid="lesson-picker"]', 'edge-of-stability');
      await until(
        page,
        (s) => JSON.stringify(s.names) === JSON.stringify(NAMES) && s.step === 0 && !s.playing,
      );
      await page.click('.transport-play');
      const done = await until(page, (s) => s.finished);
      expect(done.divergedAt).toEqual([-1, -1]);
      const { sharpness } = await page.evaluate(() => window.__lle!.history());
      const total = done.totalSteps;
      console.log(
        `[e2e eos] ${done.backend}: ${sharpness.steps.length} λ_max measurements over ${total} steps, at ${sharpness.steps.join(' ')}`,
      );
      // Enough points to see the rise and the plateau. (The tracker measures within 20 % of the
      // training time, and in the time the paced worker sleeps: on a quiet machine that is most
      // steps; on a loaded test machine, where steps outlast their frame, it is the 20 % alone.)
      expect(sharpness.steps.length).toBeGreaterThanOrEqual(10);
      EDGES.forEach((edge, k) => {
        const ratios = sharpness.values[k]!.map((v) => v / edge);
        const tail = ratios.filter((_, i) => sharpness.steps[i]! >= (2 * total) / 3);
        const sorted = [...tail].sort((a, b) => a - b);
        const median = sorted[Math.floor(sorted.length / 2)]!;
        console.log(
          `[e2e eos] ${NAMES[k]}: λ_max/(2/η) first ${ratios[0]!.toFixed(3)} (step ${sharpness.steps[0]}), max ${Math.max(...ratios).toFixed(3)}, last third ${sorted[0]!.toFixed(3)}–${sorted.at(-1)!.toFixed(3)} (median ${median.toFixed(3)}, ${tail.length} points)`,
        );
        expect(ratios[0]!).toBeLessThan(0.5);
        expect(Math.max(...ratios)).toBeGreaterThan(0.95);
        expect(tail.length).toBeGreaterThanOrEqual(3);
        for (const r of tail) {
          expect(r).toBeGreaterThan(0.8);
          expect(r).toBeLessThan(1.25);
        }
        expect(Math.abs(median - 1)).toBeLessThan(0.1);
      });
      // The chart: λ_max of each run (solid) and its edge 2/η (dashed).
      const chart = page.getByTestId('sharpness-chart');
      await chart.waitFor();
      expect(await chart.locator('polyline.dashed').count()).toBe(2);
      expect(await chart.locator('polyline.series:not(.dashed)').count()).toBe(2);
      await chart.scrollIntoViewIfNeeded();
      await page
        .getByTestId('curvature-card')
        .screenshot({ path: `${SCREENSHOTS}/edge-of-stability.png` });
      expect(errors).toEqual([]);
    },
    TIMEOUT,
  );
});
