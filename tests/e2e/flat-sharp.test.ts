/**
 * The lesson "Flat vs sharp" end to end in the built app (headless Chromium, the default
 * backend): opened with the picker, trained with its own Next buttons (the play step, then the
 * compare step, which waits for training to end and runs the minima job), and the side-by-side
 * view read from the page: both landscapes drawn on one colour domain, both minima in the table,
 * the full-batch minimum clearly sharper than the batch-8 one (as `phenomena.test.ts` asserts
 * headless: λ_max 0.48 vs 3.49). Screenshots of the card, plain and in lecture mode.
 *
 * Run alone: LLE_E2E_OUT=out/e2e-flat-sharp npx vitest run --project e2e tests/e2e/flat-sharp.test.ts
 */
import { describe, expect, it } from 'vitest';
import { openApp, state, TIMEOUT, until } from './app-page';
import { SCREENSHOTS } from './browser';

/** A number the table shows (plain or exponent form). */
const num = (text: string | null) => Number((text ?? '').trim());

describe('flat vs sharp', () => {
  it(
    'the lesson trains both runs, compares their minima and shows them side by side',
    async () => {
      // 1280×720: the lecture hall's projector.
      const { page, context, errors } = await openApp('./?autoplay=0', {
        width: 1280,
        height: 720,
      });
      try {
        await page.selectOption('[data-testid="lesson-picker"]', 'flat-vs-sharp');
        await until(
          page,
          (s) =>
            JSON.stringify(s.names) === JSON.stringify(['SGD, batch 8', 'SGD, full batch']) &&
            s.step === 0 &&
            !s.playing &&
            s.landscape !== null,
        );
        const backend = (await state(page)).backend;
        // Step 2 plays; step 3 compares once training has ended.
        const started = Date.now();
        await page.click('[data-testid="lesson-next"]');
        await page.click('[data-testid="lesson-next"]');
        await expect
          .poll(() => page.locator('[data-testid="lesson-position"]').textContent(), {
            timeout: TIMEOUT,
          })
          .toMatch(/^Step 3 of \d+$/);
        const trained = await until(page, (s) => s.finished);
        const trainMs = Date.now() - started;
        expect(trained.step).toBe(1500);
        expect(trained.divergedAt).toEqual([-1, -1]);
        const table = page.getByTestId('minima-table');
        await table.waitFor({ timeout: TIMEOUT });
        const compareMs = Date.now() - started - trainMs;
        const card = page.getByTestId('minima-card');
        // The lesson's comparison is brought into view (it lands below the fold): its top at the
        // viewport's top, to the sub-pixel (a scroll may leave −0.4 px, which rounds to −0).
        await expect
          .poll(() => card.evaluate((el) => Math.abs(el.getBoundingClientRect().top)), {
            timeout: TIMEOUT,
          })
          .toBeLessThan(1);
        await page.screenshot({ path: `${SCREENSHOTS}/flat-sharp-viewport.png` });

        // Both landscapes, on one colour domain, each with contour bands drawn.
        const maps = card.getByTestId('minima-map');
        expect(await maps.count()).toBe(2);
        const domains = await maps.evaluateAll((gs) =>
          gs.map((g) => g.getAttribute('data-domain')),
        );
        expect(domains[0]).toBe(domains[1]);
        const [lo, hi] = domains[0]!.split(',').map(Number);
        expect(lo).toBeGreaterThan(0);
        expect(hi! / lo!).toBeGreaterThan(10);
        const bands = await maps.evaluateAll((gs) =>
          gs.map((g) => Number(g.getAttribute('data-bands'))),
        );
        for (const b of bands) expect(b).toBeGreaterThan(5);
        expect(await card.locator('.minima-map path').count()).toBeGreaterThan(10);

        // The table: the full-batch minimum is sharper by a clear factor; both near zero loss.
        const lambdaA = num(await card.getByTestId('minima-lambda-a').textContent());
        const lambdaB = num(await card.getByTestId('minima-lambda-b').textContent());
        const lossA = num(await card.getByTestId('minima-train-loss-a').textContent());
        const lossB = num(await card.getByTestId('minima-train-loss-b').textContent());
        const traceA = num(
          (await card.getByTestId('minima-trace-a').textContent())!.split('±')[0]!,
        );
        const traceB = num(
          (await card.getByTestId('minima-trace-b').textContent())!.split('±')[0]!,
        );
        console.log(
          `[e2e] flat vs sharp on ${backend}: trained in ${trainMs} ms, compared in ${compareMs} ms; λ_max ${lambdaA} vs ${lambdaB}, tr(H) ${traceA} vs ${traceB}, train loss ${lossA} vs ${lossB}`,
        );
        expect(lambdaB / lambdaA).toBeGreaterThan(4);
        expect(traceB).toBeGreaterThan(traceA);
        expect(lossA).toBeLessThan(0.05);
        expect(lossB).toBeLessThan(0.05);
        // Slices of both minima overlaid, the interpolation marked at t = 0 and 1, both spectra.
        for (const id of ['minima-slice-eigen', 'minima-slice-random'])
          expect(await card.getByTestId(id).locator('path.curve').count()).toBe(4);
        const marks = await card
          .getByTestId('minima-interpolation-loss')
          .locator('.mark')
          .evaluateAll((ms) => ms.map((m) => m.getAttribute('data-x')));
        expect(marks).toEqual(['0', '1']);
        expect(await card.getByTestId('minima-spectrum').locator('path.curve').count()).toBe(2);

        await card.screenshot({ path: `${SCREENSHOTS}/flat-sharp-card.png` });
        await page.getByTestId('lecture').click();
        await expect
          .poll(() => page.locator('.lle-explorer.lecture').count(), { timeout: TIMEOUT })
          .toBe(1);
        await card.scrollIntoViewIfNeeded();
        await card.screenshot({ path: `${SCREENSHOTS}/flat-sharp-card-lecture.png` });
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    TIMEOUT,
  );
});
