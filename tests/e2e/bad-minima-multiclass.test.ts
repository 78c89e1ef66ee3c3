/**
 * Bad minima on three classes in the built app (headless Chromium, the default backend): a link
 * opens an MLP 2-16-16-3 on three spiral arms with a `badMinima` block; played to the end, one
 * click on "Find bad minima" trains the bad runs, and the card shows good vs bad as three-colour
 * decision regions (the same categorical colours, boundaries and legend as the decision-boundary
 * card; each class's share of the canvas counted from its pixels) and the per-class test accuracy.
 * The 8×8 digits (64-D inputs) have no input map: the card says so and compares the ten classes.
 *
 * Run alone: LLE_E2E_OUT=out/e2e-bad-minima npx vitest run --project e2e tests/e2e/bad-minima-multiclass.test.ts
 */
import { describe, expect, it } from 'vitest';
import { encodeLink } from '../../src/config/link';
import { parseShareState } from '../../src/config/share';
import { CATEGORY_COLORS } from '../../src/ui/panels/class-plot';
import { SCREENSHOTS } from './browser';
import { openApp, TIMEOUT, until } from './app-page';

const DIGITS_HASH = encodeLink(
  parseShareState({
    experiment: {
      seed: 1,
      problem: { kind: 'mlp', hidden: [16], activation: 'tanh' },
      data: { kind: 'digits', points: 400, testFraction: 0.3 },
      runs: [{ optimizer: 'adam', lr: 0.01, name: 'Adam' }],
      steps: 200,
      recordEvery: 10,
      badMinima: {
        rho: 1,
        checkpoints: [1],
        steps: 400,
        checkEvery: 50,
        n: 11,
        eigenIterations: 5,
      },
    },
  }),
);

const HASH = encodeLink(
  parseShareState({
    experiment: {
      seed: 1,
      problem: { kind: 'mlp', hidden: [16, 16], activation: 'tanh' },
      data: { kind: 'spiral3', points: 300, testFraction: 0.3 },
      runs: [{ optimizer: 'adam', lr: 0.02, name: 'Adam' }],
      steps: 800,
      recordEvery: 20,
      badMinima: { rho: 1, checkpoints: [0.5, 1], steps: 1500, checkEvery: 50, n: 21 },
    },
  }),
);

describe('bad minima, three classes', () => {
  it(
    'shows good vs bad as three-colour decision regions and per-class test accuracy',
    async () => {
      const { page, context, errors } = await openApp(`./?autoplay=0#${HASH}`, {
        width: 1400,
        height: 1000,
      });
      try {
        await until(page, (s) => JSON.stringify(s.names) === '["Adam"]' && s.step === 0);
        await page.click('.transport-play');
        await until(page, (s) => s.finished && s.historyStep === 800);
        const card = page.getByTestId('bad-minima-card');
        await card.scrollIntoViewIfNeeded();
        await page.getByTestId('find-bad-minima').click();
        await page.getByTestId('bad-minima-sides').waitFor({ timeout: 2 * TIMEOUT });
        for (const side of ['good', 'bad']) {
          const s = page.getByTestId(`side-${side}`);
          const stage = s.locator('.boundary-stage[data-classes="3"]');
          expect(await stage.count()).toBe(1);
          expect(await s.locator('.boundary-class').count()).toBe(3);
          expect(await s.getByTestId('boundary-contour').count()).toBe(1);
          // Share of canvas pixels nearest (in direction from white) to each class colour.
          const shares = await stage.locator('canvas').evaluate(
            (canvas, colors) => {
              const c = canvas as HTMLCanvasElement;
              const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
              const rgb = colors.map((h) =>
                [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16) - 255),
              );
              const counts = colors.map(() => 0);
              for (let o = 0; o < data.length; o += 4) {
                const d = [data[o]! - 255, data[o + 1]! - 255, data[o + 2]! - 255];
                let best = 0;
                let bestScore = -Infinity;
                rgb.forEach((e, k) => {
                  const norm = Math.hypot(...e) * Math.hypot(...d) || 1;
                  const score = (d[0]! * e[0]! + d[1]! * e[1]! + d[2]! * e[2]!) / norm;
                  if (score > bestScore) {
                    bestScore = score;
                    best = k;
                  }
                });
                counts[best]!++;
              }
              return counts.map((n) => n / (data.length / 4));
            },
            CATEGORY_COLORS.slice(0, 3) as unknown as string[],
          );
          console.log(`[e2e bad minima 3 classes] ${side} region shares ${shares.join(', ')}`);
          for (const share of shares) expect(share).toBeGreaterThan(0.1);
        }
        const bars = page.getByTestId('bad-minima-class-bars');
        expect(await bars.locator('[data-class]').count()).toBe(3);
        const values = await bars
          .locator('rect[data-which]')
          .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('data-value'))));
        console.log(`[e2e bad minima 3 classes] per-class test accuracy ${values.join(', ')}`);
        expect(values).toHaveLength(6);
        for (const v of values) expect(v >= 0 && v <= 1).toBe(true);
        await card.screenshot({ path: `${SCREENSHOTS}/bad-minima-spiral3.png` });
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    4 * TIMEOUT,
  );

  it(
    'digits: no input map, said so; the test accuracy of the ten classes, good vs bad',
    async () => {
      const { page, context, errors } = await openApp(`./?autoplay=0#${DIGITS_HASH}`, {
        width: 1400,
        height: 1000,
      });
      try {
        await until(page, (s) => JSON.stringify(s.names) === '["Adam"]' && s.step === 0);
        await page.click('.transport-play');
        await until(page, (s) => s.finished && s.historyStep === 200);
        const card = page.getByTestId('bad-minima-card');
        await card.scrollIntoViewIfNeeded();
        await page.getByTestId('find-bad-minima').click();
        await page.getByTestId('bad-minima-sides').waitFor({ timeout: 2 * TIMEOUT });
        expect(await card.locator('.boundary-stage').count()).toBe(0);
        expect(await page.getByTestId('bad-minima-no-map').textContent()).toMatch(
          /No decision map/,
        );
        const bars = page.getByTestId('bad-minima-class-bars');
        expect(await bars.locator('[data-class]').count()).toBe(10);
        const values = await bars
          .locator('rect[data-which]')
          .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('data-value'))));
        console.log(`[e2e bad minima digits] per-class test accuracy ${values.join(', ')}`);
        expect(values).toHaveLength(20);
        await card.screenshot({ path: `${SCREENSHOTS}/bad-minima-digits.png` });
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    4 * TIMEOUT,
  );
});
