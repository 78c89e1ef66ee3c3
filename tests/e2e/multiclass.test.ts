/**
 * Multi-class classification in the built app (headless Chromium, the default backend): a link
 * opens an MLP 2-16-16-3 on three spiral arms; played to the end, Adam's training loss falls far
 * below log 3 (chance), the decision-boundary card shows three coloured class regions (counted
 * from the canvas pixels) with a legend of three classes, and the landscape is on screen.
 *
 * Run alone: LLE_E2E_OUT=out/e2e-multiclass npx vitest run --project e2e tests/e2e/multiclass.test.ts
 */
import { describe, expect, it } from 'vitest';
import { encodeLink } from '../../src/config/link';
import { parseShareState } from '../../src/config/share';
import { CATEGORY_COLORS } from '../../src/ui/panels/class-plot';
import { SCREENSHOTS } from './browser';
import { openApp, TIMEOUT, until } from './app-page';

const HASH = encodeLink(
  parseShareState({
    experiment: {
      seed: 1,
      problem: { kind: 'mlp', hidden: [16, 16], activation: 'tanh' },
      data: { kind: 'spiral3', points: 300 },
      runs: [
        { optimizer: 'adam', lr: 0.02, name: 'Adam' },
        { optimizer: 'momentum', lr: 0.1, name: 'Momentum' },
      ],
      steps: 800,
      recordEvery: 20,
    },
  }),
);

describe('multi-class', () => {
  it(
    'trains an MLP on three spiral arms; three-colour decision regions and the landscape on screen',
    async () => {
      const { page, context, errors } = await openApp(`./?autoplay=0#${HASH}`, {
        width: 1400,
        height: 1000,
      });
      try {
        await until(
          page,
          (s) =>
            JSON.stringify(s.names) === JSON.stringify(['Adam', 'Momentum']) &&
            s.step === 0 &&
            s.landscape !== null,
        );
        const first = await until(page, (s) => s.trainLoss.length === 2);
        // Untrained: near chance, log 3 = 1.0986.
        expect(Math.abs(first.trainLoss[0]! - Math.log(3))).toBeLessThan(0.3);
        await page.click('.transport-play');
        // Frames may trail the status: wait for the last recorded step in the history.
        const done = await until(page, (s) => s.finished && s.historyStep === 800);
        console.log(`[e2e multiclass] final train losses ${done.trainLoss.join(', ')}`);
        expect(done.trainLoss[0]).toBeLessThan(0.3);
        expect(done.landscape).not.toBeNull();
        expect(done.landscape!.max).toBeGreaterThan(done.landscape!.min);

        const stage = page.locator('.boundary-stage[data-classes="3"]');
        await stage.waitFor({ timeout: TIMEOUT });
        expect(await page.getByTestId('boundary-classes').locator('.boundary-class').count()).toBe(
          3,
        );
        // Share of canvas pixels nearest (in hue direction from white) to each class colour.
        const shares = await stage.locator('canvas').evaluate(
          (canvas, colors) => {
            const c = canvas as HTMLCanvasElement;
            const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
            const rgb = colors.map((h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)));
            const counts = colors.map(() => 0);
            for (let o = 0; o < data.length; o += 4) {
              // Undo the tint: the pixel is white + w·(colour − white); compare directions.
              const d = [data[o]! - 255, data[o + 1]! - 255, data[o + 2]! - 255];
              let best = 0;
              let bestScore = -Infinity;
              rgb.forEach((col, k) => {
                const e = col.map((v) => v - 255);
                const norm = Math.hypot(...e) * Math.hypot(...d) || 1;
                const score = (d[0]! * e[0]! + d[1]! * e[1]! + d[2]! * e[2]!) / norm;
                if (score > bestScore) {
                  bestScore = score;
                  best = k;
                }
              });
              counts[best]!++;
            }
            const total = data.length / 4;
            return counts.map((n) => n / total);
          },
          CATEGORY_COLORS.slice(0, 3) as string[],
        );
        console.log(`[e2e multiclass] class shares of the boundary image ${shares.join(', ')}`);
        shares.forEach((share) => expect(share).toBeGreaterThan(0.15));
        expect(await page.getByTestId('boundary-contour').getAttribute('d')).toMatch(/^M/);
        // The points are coloured by class: three label values among the training points.
        const labels = await stage
          .locator('.train circle')
          .evaluateAll((cs) => [...new Set(cs.map((c) => c.getAttribute('data-label')))].sort());
        expect(labels).toEqual(['0', '1', '2']);
        await stage.scrollIntoViewIfNeeded();
        await page
          .locator('.card', { has: stage })
          .screenshot({ path: `${SCREENSHOTS}/multiclass-boundary.png` });
        // The loss card names the loss; the landscape on top.
        expect(
          await page.locator('.card h2', { hasText: 'cross-entropy' }).first().textContent(),
        ).toContain('softmax cross-entropy, 3 classes');
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: `${SCREENSHOTS}/multiclass-app.png` });
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    TIMEOUT * 2,
  );
});
