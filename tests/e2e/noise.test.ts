/**
 * The gradient-noise ellipse in the built app (headless Chromium): a tanh-teacher regression with
 * one uniform and one importance-sampled SGD run, opened paused in the contour view with
 * `display.noiseEllipse`; after some steps the selected run's ellipse is drawn at its marker with
 * the label-noise / misfit split and a legend naming the magnification;
 * extent; importance sampling is selectable in the run editor; with an importance-sampled run
 * selected, the card "What the importance sampler sees" draws L and L_p side by side on one colour
 * scale with the run's marker. Screenshots looked at.
 *
 * Run alone: LLE_E2E_OUT=out/e2e-noise npx vitest run --project e2e tests/e2e/noise.test.ts
 */
import LZString from 'lz-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, state, TIMEOUT, until, type Opened } from './app-page';
import { SCREENSHOTS } from './browser';

const DOCUMENT = {
  experiment: {
    seed: 2,
    problem: { kind: 'tanh-regression', units: 4 },
    data: { kind: 'tanh-teacher', points: 80, noise: 0.3, testFraction: 0.2 },
    runs: [
      { optimizer: 'sgd', lr: 0.05, batchSize: 8, name: 'SGD uniform' },
      {
        optimizer: 'sgd',
        lr: 0.05,
        batchSize: 8,
        name: 'SGD importance',
        sampling: { kind: 'importance', temperature: 0.5 },
      },
    ],
    steps: 200,
    recordEvery: 10,
  },
  view: { directions: 'pca', n: 31 },
  display: { viewMode: 'contour', noiseEllipse: true },
};

const link = `./?autoplay=0#v1.${LZString.compressToEncodedURIComponent(JSON.stringify(DOCUMENT))}`;

describe('the gradient-noise ellipse', () => {
  let opened: Opened;
  beforeAll(async () => {
    opened = await openApp(link, { width: 1400, height: 1000 });
  }, TIMEOUT);
  afterAll(async () => {
    await opened?.context.close();
  });

  it(
    'draws the selected run’s ellipse and its split at the marker, recomputed on pause',
    async () => {
      const { page, errors } = opened;
      await until(page, (s) => s.names.length === 2 && s.landscape !== null);
      await expect
        .poll(() => page.getByTestId('noise-ellipse-toggle').first().getAttribute('aria-pressed'))
        .toBe('true');
      // Train to the end (paused after): the ellipse is computed at the newest point.
      await page.click('.transport-play');
      await until(page, (s) => s.finished);
      const ellipses = page.locator('[data-testid="noise-ellipses"]:visible');
      await ellipses.waitFor({ timeout: TIMEOUT });
      expect(await ellipses.getAttribute('data-run')).toBe('SGD uniform');
      const terms = await ellipses
        .locator('path.noise-ellipse')
        .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-term')));
      expect(terms).toEqual(['intrinsic', 'exploration', 'total', 'total']);
      // The drawn total ellipse has a real extent in pixels (a few px at least, less than the plot).
      const box = await ellipses.locator('path[data-term="total"]').last().boundingBox();
      expect(box!.width).toBeGreaterThan(4);
      expect(box!.width).toBeLessThan(600);
      expect(await ellipses.textContent()).toMatch(/SGD uniform, step 200: noise ×/);
      await page
        .getByTestId('contour-map')
        .first()
        .screenshot({ path: `${SCREENSHOTS}/noise-ellipse-uniform.png` });
      expect((await state(page)).finished).toBe(true);
      expect(errors).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'importance sampling is selectable in the run editor',
    async () => {
      const { page } = opened;
      const boxes = page.getByTestId('importance-sampling');
      await expect.poll(() => boxes.count()).toBeGreaterThanOrEqual(2);
      expect(await boxes.nth(0).isChecked()).toBe(false);
      expect(await boxes.nth(1).isChecked()).toBe(true);
      await page
        .locator('.run-editor, [data-testid="runs-editor"]')
        .first()
        .screenshot({ path: `${SCREENSHOTS}/noise-run-editor.png` })
        .catch(() => page.screenshot({ path: `${SCREENSHOTS}/noise-run-editor.png` }));
    },
    TIMEOUT,
  );
});

/** The importance-sampled run first, so it is the selected run (regression has no run picker). */
const SAMPLED_DOCUMENT = {
  ...DOCUMENT,
  experiment: {
    ...DOCUMENT.experiment,
    runs: [
      { ...DOCUMENT.experiment.runs[1], sampling: { kind: 'importance', temperature: 0.1 } },
      DOCUMENT.experiment.runs[0],
    ],
  },
};

describe('what the importance sampler sees', () => {
  let opened: Opened;
  beforeAll(async () => {
    const sampledLink = `./?autoplay=0#v1.${LZString.compressToEncodedURIComponent(JSON.stringify(SAMPLED_DOCUMENT))}`;
    opened = await openApp(sampledLink, { width: 1400, height: 1000 });
  }, TIMEOUT);
  afterAll(async () => {
    await opened?.context.close();
  });

  it(
    'draws L and the sampler’s L_p side by side on one scale, with the run’s marker',
    async () => {
      const { page, errors } = opened;
      await until(page, (s) => s.names.length === 2 && s.landscape !== null);
      await page.click('.transport-play');
      await until(page, (s) => s.finished);
      const card = page.getByTestId('sampled-landscape-card');
      await card.waitFor({ timeout: TIMEOUT });
      expect(await card.locator('h2').textContent()).toMatch(
        /What the importance sampler sees \(U_c = 0\.1\)\s*SGD importance at step 200/,
      );
      const maps = card.getByTestId('sampled-map');
      expect(await maps.count()).toBe(2);
      const domains = await maps.evaluateAll((nodes) =>
        nodes.map((n) => n.getAttribute('data-domain')),
      );
      expect(domains[0]).toBe(domains[1]);
      const [lo, hi] = domains[0]!.split(',').map(Number);
      expect(lo).toBeGreaterThan(0);
      expect(hi).toBeGreaterThan(lo!);
      const bands = await maps.evaluateAll((nodes) =>
        nodes.map((n) => Number(n.getAttribute('data-bands'))),
      );
      expect(bands[0]).toBeGreaterThan(3);
      expect(bands[1]).toBeGreaterThan(0);
      expect(await card.getByTestId('sampled-marker').count()).toBe(2);
      await card.screenshot({ path: `${SCREENSHOTS}/noise-sampled-landscape.png` });
      expect(errors).toEqual([]);
    },
    TIMEOUT,
  );
});
