/**
 * The built app in headless Chromium (Debian's, through playwright-core): the default demo, an
 * optimiser change, a diverging run, each tfjs backend forced by `?backend=`, and an invalid URL
 * parameter. GPU backends run on SwiftShader here (software), so runs are short and nothing asserts
 * on time; timings and main-thread long tasks are printed for the record.
 */
import { DEFAULT_EXPERIMENT } from '../../src/config/app';
import { RACES } from '../../src/lessons/races';
import { SCREENSHOTS } from './browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { longTasks, openApp, state, TIMEOUT, until, type Opened } from './app-page';

describe('the default demo', () => {
  let opened: Opened;
  beforeAll(async () => {
    opened = await openApp('./?steps=150');
  }, TIMEOUT);
  afterAll(async () => {
    await opened?.context.close();
  });

  it('shows a non-blank 3-D surface with three trajectories from the same start', async () => {
    const { page } = opened;
    const s = await state(page);
    expect(s.error).toBeNull();
    expect(s.names).toEqual(['SGD', 'Momentum', 'Adam']);
    expect(s.landscape!.n).toBe(41);
    expect(s.landscape!.max).toBeGreaterThan(s.landscape!.min);
    expect(s.trajectories).toHaveLength(3);
    console.log(
      `[e2e] default demo on ${s.backend}: first landscape ${Math.round(s.firstLandscapeMs!)} ms after navigation`,
    );
    const px = (await page.evaluate(() => window.__lle!.pixels()))!;
    console.log(
      `[e2e] 3-D canvas: ${px.distinct} distinct colours, run pixels ${JSON.stringify(px.runs)}`,
    );
    expect(px.distinct).toBeGreaterThan(300);
    expect(px.nonBackground / (px.width * px.height)).toBeGreaterThan(0.1);
    // All runs start at θ₀, so their markers overlap there: at least one run colour is drawn.
    expect(Object.values(px.runs).reduce((a, b) => a + b, 0)).toBeGreaterThan(20);
    await page
      .locator('[data-testid="landscape-section"]')
      .screenshot({ path: `${SCREENSHOTS}/app-landscape-start.png` });
  });

  it('races the runs live, then shows the PCA landscape of their paths, with no long main-thread tasks reported', async () => {
    const { page, errors } = opened;
    const done = await until(page, (s) => s.finished && s.landscape?.directions === 'pca');
    expect(done.step).toBe(150);
    // 150 updates recorded every 2 (the demo's recordEvery): 76 points per run.
    for (const t of done.trajectories) expect(t.length).toBe(76);
    // Adam leaves the start: its recorded path has moved on the plane.
    const adam = done.trajectories[2]!;
    expect(Math.hypot(adam.a, adam.b)).toBeGreaterThan(0.01);
    expect(done.trainLoss[2]!).toBeLessThan(0.69);
    expect(done.landscape!.axisLabels[0]).toMatch(/^PC1 \(\d+\.\d %\)$/);
    await page.waitForTimeout(300);
    const px = (await page.evaluate(() => window.__lle!.pixels()))!;
    console.log(`[e2e] 3-D canvas after training: run pixels ${JSON.stringify(px.runs)}`);
    expect(px.runs.Adam).toBeGreaterThan(20);
    expect(px.runs.SGD! + px.runs.Momentum!).toBeGreaterThan(20);
    const tasks = await longTasks(page);
    console.log(
      `[e2e] long main-thread tasks (> 50 ms) while training and computing landscapes: ${tasks.length}` +
        (tasks.length ? `, longest ${Math.round(Math.max(...tasks))} ms` : ''),
    );
    await page.screenshot({ path: `${SCREENSHOTS}/app-default.png`, fullPage: true });
    await page.getByRole('button', { name: 'Contour map' }).click();
    await page.waitForTimeout(300);
    await page
      .locator('[data-testid="landscape-section"]')
      .screenshot({ path: `${SCREENSHOTS}/app-contour.png` });
    expect(errors).toEqual([]);
  });
});

describe('editing runs', () => {
  it('changing an optimiser and pressing play moves the paths', async () => {
    const { page, context, errors } = await openApp('./?steps=60&autoplay=0');
    try {
      const before = await state(page);
      expect(before.step).toBe(0);
      expect(before.trajectories.every((t) => t.length === 1)).toBe(true);
      const sgd = page.getByRole('listitem', { name: 'SGD' });
      await sgd.getByLabel('Optimiser').selectOption('nesterov');
      await page.getByTestId('apply').click();
      await until(page, (s) => s.step === 0 && s.trajectories.length === 3);
      await page.getByRole('button', { name: /play/i }).first().click();
      // Finished, and the last frame (it may trail the status by an animation frame) has arrived.
      const after = await until(page, (s) => s.finished && s.historyStep === s.step);
      expect(after.step).toBe(60);
      for (const t of after.trajectories) expect(t.length).toBeGreaterThan(5);
      // The edited run is really Nesterov now: its loss differs from plain SGD's run with the same lr.
      expect(after.trainLoss[0]).not.toBeCloseTo(before.trainLoss[0]!, 6);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a diverging run shows its message while the others finish', async () => {
    const { page, context, errors } = await openApp('./?steps=40&autoplay=0');
    try {
      const momentum = page.getByRole('listitem', { name: 'Momentum' });
      const lr = momentum.getByLabel(/Learning rate/);
      await lr.fill('1000');
      await lr.press('Enter');
      await page.getByTestId('apply').click();
      await until(page, (s) => s.step === 0);
      await page.getByRole('button', { name: /play/i }).first().click();
      const done = await until(page, (s) => s.finished && s.historyStep === s.step);
      expect(done.divergedAt[1]).toBeGreaterThan(0);
      expect(done.divergedAt[0]).toBe(-1);
      expect(done.divergedAt[2]).toBe(-1);
      expect(Number.isFinite(done.trainLoss[0]!)).toBe(true);
      await expect
        .poll(() => page.getByText(/Momentum.* diverged at step \d+ — its path is frozen/).count())
        .toBeGreaterThan(0);
      await page.screenshot({ path: `${SCREENSHOTS}/app-diverged.png` });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('other problems', () => {
  it('races on an analytic surface, on its exact axes', async () => {
    const { page, context, errors } = await openApp('./?steps=120&autoplay=0');
    try {
      await page.getByLabel('Problem', { exact: true }).selectOption('surface');
      await page.getByLabel('Surface', { exact: true }).selectOption('rosenbrock');
      await page.getByTestId('apply').click();
      await until(page, (s) => s.landscape?.directions === 'axes' && s.step === 0);
      await page.getByRole('button', { name: /play/i }).first().click();
      const done = await until(page, (s) => s.finished && s.historyStep === s.step);
      // Paths on the exact plane: no off-plane distance; they leave Rosenbrock's start (−1.2, 1).
      for (const t of done.trajectories) expect(t.offPlane).toBe(0);
      expect(done.trajectories.some((t) => Math.hypot(t.a + 1.2, t.b - 1) > 0.05)).toBe(true);
      expect(done.landscape!.axisLabels).toEqual(['x', 'y']);
      await page.waitForTimeout(300);
      await page
        .locator('[data-testid="landscape-section"]')
        .screenshot({ path: `${SCREENSHOTS}/app-rosenbrock.png` });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('fits a 1-D regression and shows every run’s curve', async () => {
    const { page, context, errors } = await openApp('./?steps=60&autoplay=0');
    try {
      await page.getByLabel('Problem', { exact: true }).selectOption('tanh-regression');
      await page.getByTestId('apply').click();
      // The problem brings its tuned race, with its own number of steps.
      const steps = RACES['tanh-regression']!.steps;
      await until(page, (s) => s.step === 0 && s.totalSteps === steps && s.landscape !== null);
      await page.getByRole('button', { name: /play/i }).first().click();
      const done = await until(page, (s) => s.finished && s.historyStep === s.step);
      expect(done.trainLoss.every((l) => Number.isFinite(l))).toBe(true);
      await expect.poll(() => page.getByRole('heading', { name: 'Fitted curves' }).count()).toBe(1);
      await page.screenshot({ path: `${SCREENSHOTS}/app-regression.png`, fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('backends', () => {
  const landscapes: Record<string, number[]> = {};
  for (const backend of ['wasm', 'cpu', 'webgl', 'webgpu']) {
    it(
      `${backend} can be forced and gives the same first landscape`,
      async () => {
        const t0 = Date.now();
        const { page, context, errors } = await openApp(
          `./?backend=${backend}&steps=10&autoplay=0`,
        );
        try {
          const s = await state(page);
          expect(s.error).toBeNull();
          expect(s.backend).toBe(backend);
          console.log(
            `[e2e] ?backend=${backend}: first landscape after ${((Date.now() - t0) / 1000).toFixed(1)} s`,
          );
          landscapes[backend] = s.firstLandscape!;
          const reference = landscapes.wasm;
          if (reference && backend !== 'wasm') {
            const values = s.firstLandscape!;
            expect(values.length).toBe(reference.length);
            let worst = 0;
            values.forEach(
              (v, i) =>
                (worst = Math.max(
                  worst,
                  Math.abs(v - reference[i]!) / (1 + Math.abs(reference[i]!)),
                )),
            );
            console.log(
              `[e2e] ${backend} vs wasm: largest relative difference ${worst.toExponential(2)}`,
            );
            expect(worst).toBeLessThan(1e-3);
          }
          expect(errors).toEqual([]);
        } finally {
          await context.close();
        }
      },
      TIMEOUT,
    );
  }
});

describe('bad input', () => {
  it('an invalid URL parameter is named with what is allowed, and the page opens anyway', async () => {
    const { page, context } = await openApp('./?steps=0&autoplay=0');
    try {
      const text = await page.getByTestId('notice').textContent();
      expect(text).toContain(
        `URL parameter steps="0": must be a whole number from 1 to 1000000; showing ${DEFAULT_EXPERIMENT.steps} steps instead.`,
      );
      const s = await state(page);
      expect(s.error).toBeNull();
      expect(s.totalSteps).toBe(DEFAULT_EXPERIMENT.steps);
    } finally {
      await context.close();
    }
  });
});
