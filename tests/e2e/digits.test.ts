/**
 * The 8×8 handwritten digits in the built app (headless Chromium, the default backend): a link
 * opens an MLP 64-32-10 on the digits; the data view shows sample digits before training; after
 * playing to the end the landscape is on screen and the card shows the confusion matrix (its
 * cells sum to the 359 test images) and the misclassified images, with Adam above 90 % test
 * accuracy.
 *
 * Run alone: LLE_E2E_OUT=out/e2e-digits npx vitest run --project e2e tests/e2e/digits.test.ts
 */
import { describe, expect, it } from 'vitest';
import { encodeLink } from '../../src/config/link';
import { parseShareState } from '../../src/config/share';
import { SCREENSHOTS } from './browser';
import { openApp, state, TIMEOUT, until } from './app-page';

const HASH = encodeLink(
  parseShareState({
    experiment: {
      seed: 1,
      problem: { kind: 'mlp', hidden: [32], activation: 'tanh' },
      data: { kind: 'digits' },
      runs: [
        { optimizer: 'adam', lr: 0.01, name: 'Adam' },
        { optimizer: 'sgd', lr: 0.5, name: 'SGD' },
      ],
      steps: 300,
      recordEvery: 10,
    },
  }),
);

describe('digits', () => {
  it(
    'trains an MLP on the digits; landscape, samples, confusion matrix and mistakes on screen',
    async () => {
      const { page, context, errors } = await openApp(`./?autoplay=0#${HASH}`, {
        width: 1400,
        height: 1000,
      });
      try {
        await until(
          page,
          (s) =>
            JSON.stringify(s.names) === JSON.stringify(['Adam', 'SGD']) &&
            s.step === 0 &&
            s.landscape !== null,
        );
        const card = page.getByTestId('digits-card');
        const samples = page.getByTestId('digits-samples');
        await samples.waitFor({ timeout: TIMEOUT });
        // 6 samples of each digit, one row per digit.
        const sampleDigits = await samples
          .locator('g[data-digit]')
          .evaluateAll((gs) => gs.map((g) => Number(g.getAttribute('data-digit'))));
        expect(sampleDigits).toEqual(Array.from({ length: 60 }, (_, i) => Math.floor(i / 6)));
        expect(await page.getByTestId('digits-summary').textContent()).toMatch(
          /^At initialisation/,
        );
        await card.scrollIntoViewIfNeeded();
        await card.screenshot({ path: `${SCREENSHOTS}/digits-card-initial.png` });

        const started = Date.now();
        await page.click('.transport-play');
        await until(page, (s) => s.finished);
        console.log(`[e2e digits] 300 steps trained in ${(Date.now() - started) / 1000} s`);
        await until(page, (s) => s.landscape !== null && s.historyStep === 300);
        const s = await state(page);
        expect(s.landscape!.max).toBeGreaterThan(s.landscape!.min);
        console.log(
          `[e2e digits] landscape ${s.landscape!.n}² (${s.landscape!.directions}), loss ${s.landscape!.min.toFixed(3)}…${s.landscape!.max.toFixed(3)}; final train loss ${s.trainLoss.map((l) => l.toFixed(4)).join(', ')}`,
        );
        const summary = page.getByTestId('digits-summary');
        await page.waitForFunction(
          () =>
            document
              .querySelector('[data-testid="digits-summary"]')
              ?.textContent?.startsWith('At step 300'),
          null,
          { timeout: TIMEOUT, polling: 100 },
        );
        const text = (await summary.textContent())!;
        console.log(`[e2e digits] ${text}`);
        const accuracy = Number(/classifies ([\d.]+) %/.exec(text)![1]);
        expect(accuracy).toBeGreaterThan(90);
        // The confusion matrix's 100 cells count the 359 test images; the diagonal is the right ones.
        const cells = await page
          .getByTestId('digits-confusion')
          .locator('g[data-cell]')
          .evaluateAll((gs) =>
            gs.map(
              (g) => [g.getAttribute('data-cell')!, Number(g.getAttribute('data-count'))] as const,
            ),
          );
        expect(cells.length).toBe(100);
        const total = cells.reduce((sum, [, n]) => sum + n, 0);
        const right = cells
          .filter(([c]) => c.split(',')[0] === c.split(',')[1])
          .reduce((t, [, n]) => t + n, 0);
        expect(total).toBe(359);
        expect((100 * right) / total).toBeCloseTo(accuracy, 1);
        const mistakes = await page
          .getByTestId('digits-mistakes')
          .locator('g[data-mistake]')
          .evaluateAll((gs) => gs.map((g) => g.getAttribute('data-mistake')!));
        expect(mistakes.length).toBe(Math.min(24, total - right));
        for (const m of mistakes) expect(m.split('→')[0]).not.toBe(m.split('→')[1]);
        await card.scrollIntoViewIfNeeded();
        await card.screenshot({ path: `${SCREENSHOTS}/digits-card-trained.png` });
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: `${SCREENSHOTS}/digits-app.png` });
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    TIMEOUT * 2,
  );
});
