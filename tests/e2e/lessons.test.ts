/**
 * Lessons in the built app (headless Chromium, wasm): each shipped lesson is opened with the
 * picker, its race started as a learner would (play, or the step that starts it), and once the
 * steps it names are recorded its effect is read from the page's loss history
 * (`window.__lle.history()`), with the numbers the lesson states. The default page: the race
 * starts only once the view has drawn its first frame (the step at `lle:ready`), and the three
 * optimisers are clearly apart at step 100.
 *
 * Every wait is on a condition the app exposes (`state()`, `history()`, the lesson bar's text),
 * with the generous overall `TIMEOUT`: on a loaded machine the steps come later, not differently.
 * How long the effect took is logged, not asserted (speed is measured in `bench/`).
 *
 * Run alone: LLE_E2E_OUT=out/e2e-lessons npx vitest run --project e2e tests/e2e/lessons.test.ts
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LleHistory } from '../../src/app/handle';
import { lessonById } from '../../src/lessons/registry';
import { openApp, readyStep, state, TIMEOUT, until, type Opened } from './app-page';
import { SCREENSHOTS } from './browser';

const history = (page: Page): Promise<LleHistory> => page.evaluate(() => window.__lle!.history());

/**
 * Polls the history until `check` returns a verdict (non-null), for at most `TIMEOUT` ms (the
 * steps it waits for are recorded however loaded the machine is); `ms` is the time from `start`
 * (the click that started the race; default now), for the log.
 */
async function effect<T>(
  page: Page,
  check: (h: LleHistory) => T | null,
  start = Date.now(),
  timeout = TIMEOUT,
): Promise<{ value: T; ms: number }> {
  for (;;) {
    const value = check(await history(page));
    const ms = Date.now() - start;
    if (value !== null) return { value, ms };
    const s = await state(page);
    if (s.error) throw new Error(`the app reported an error: ${s.error}`);
    if (ms > timeout)
      throw new Error(`no effect within ${timeout} ms; at step ${s.step}, losses ${s.trainLoss}`);
    await page.waitForTimeout(50);
  }
}

/** Run `run`'s loss at `step`, or null while that step is not recorded yet. */
const lossAt = (h: LleHistory, run: number, step: number): number | null => {
  const i = h.steps.indexOf(step);
  return i < 0 ? null : (h.trainLoss[run]![i] ?? null);
};
/** How often the loss went up between recorded points. */
const rises = (values: number[]) => values.slice(1).filter((v, i) => v > values[i]!).length;

describe('lessons', () => {
  let opened: Opened;
  beforeAll(async () => {
    // 1280×720: the lecture hall's projector (and less software rendering than the default size).
    opened = await openApp('./?autoplay=0', { width: 1280, height: 720 });
  }, TIMEOUT);
  afterAll(async () => {
    await opened?.context.close();
  });

  /**
   * Opens lesson `id` with the picker and waits for its runs: its names and number of steps (the
   * previous document may have the same names), at step 0, paused, with a landscape, and the
   * lesson bar at its first step.
   */
  async function open(id: string, names: string[]): Promise<void> {
    const { page } = opened;
    const totalSteps = lessonById(id)!.document.experiment!.steps;
    await page.selectOption('[data-testid="lesson-picker"]', id);
    await until(
      page,
      (s) =>
        JSON.stringify(s.names) === JSON.stringify(names) &&
        s.totalSteps === totalSteps &&
        s.step === 0 &&
        !s.playing &&
        s.landscape !== null,
    );
    await expect
      .poll(() => page.locator('[data-testid="lesson-position"]').textContent(), {
        timeout: TIMEOUT,
      })
      .toMatch(/^Step 1 of \d+$/);
  }

  /**
   * Opens lesson `id` (`open`), then starts the race: the Next button when that step plays, else
   * the Play button. Returns the time of the click.
   */
  async function start(id: string, names: string[], by: 'next' | 'play'): Promise<number> {
    const { page } = opened;
    await open(id, names);
    if (by === 'next') await page.click('[data-testid="lesson-next"]');
    else await page.click('.transport-play');
    return Date.now();
  }

  const shot = (id: string) =>
    opened.page
      .locator('[data-testid="landscape-section"]')
      .screenshot({ path: `${SCREENSHOTS}/lesson-${id}.png` });

  it('ravine (κ = 50): SGD zig-zags; momentum 10× lower at step 20, Adam 10× lower at step 10', async () => {
    const clicked = await start('ravine', ['SGD', 'Momentum', 'Adam'], 'next');
    const { value, ms } = await effect(
      opened.page,
      (h) => {
        const at20 = [0, 1].map((r) => lossAt(h, r, 20));
        const at10 = [0, 2].map((r) => lossAt(h, r, 10));
        if (at20.includes(null) || at10.includes(null)) return null;
        return { at20: at20 as number[], at10: at10 as number[], y: h.paths[0]!.b.slice(0, 11) };
      },
      clicked,
    );
    console.log(
      `[e2e lesson] ravine after ${ms} ms: step 20 SGD ${value.at20[0]!.toFixed(3)} momentum ${value.at20[1]!.toFixed(4)}; step 10 SGD ${value.at10[0]!.toFixed(2)} Adam ${value.at10[1]!.toFixed(3)}`,
    );
    expect(value.at20[0]!).toBeGreaterThan(0.5);
    expect(value.at20[1]!).toBeLessThan(value.at20[0]! / 10);
    expect(value.at10[1]!).toBeLessThan(value.at10[0]! / 10);
    // On the surface's own axes the path is θ: SGD's y flips sign at each of its first 10 steps.
    value.y.slice(1).forEach((y, t) => expect(Math.sign(y)).toBe(-Math.sign(value.y[t]!)));
    await shot('ravine');
  });

  it('speed only paces: the ravine played at 50 steps per frame still records all 151 points', async () => {
    const { page } = opened;
    await page.selectOption('[data-testid="lesson-picker"]', '');
    await open('ravine', ['SGD', 'Momentum', 'Adam']);
    await page.getByLabel('Speed').selectOption('50');
    await page.click('.transport-play');
    await until(page, (s) => s.finished);
    const h = await history(page);
    expect(h.steps).toEqual(Array.from({ length: 151 }, (_, i) => i));
    for (const path of h.paths) expect(path.a.length).toBe(151);
  });

  it('η around 2/λ: at step 20 |y| is < 0.15 below the limit and > 6 above it, which diverges', async () => {
    const clicked = await start(
      'step-size-limit',
      ['η 0.1 (= 1/λ)', 'η 0.19 (< 2/λ)', 'η 0.21 (> 2/λ)'],
      'next',
    );
    const { page } = opened;
    const { value, ms } = await effect(
      page,
      (h) =>
        h.steps.includes(20)
          ? [1, 2].map((r) => Math.abs(h.paths[r]!.b[h.steps.indexOf(20)]!))
          : null,
      clicked,
    );
    console.log(
      `[e2e lesson] 2/λ after ${ms} ms: |y| at step 20: ${value.map((v) => v.toFixed(3))}`,
    );
    expect(value[0]!).toBeLessThan(0.15);
    expect(value[1]!).toBeGreaterThan(6);
    const diverged = await until(page, (s) => s.divergedAt[2]! > 0);
    expect(diverged.divergedAt[2]).toBeGreaterThan(20);
    expect(diverged.divergedAt[2]).toBeLessThan(30);
    expect(diverged.divergedAt.slice(0, 2)).toEqual([-1, -1]);
    await shot('step-size-limit');
  });

  it('Rosenbrock: at step 300 SGD is still above 2, momentum below 0.05, Adam below 0.5', async () => {
    const clicked = await start('rosenbrock', ['SGD', 'Momentum', 'Adam'], 'play');
    const { value, ms } = await effect(
      opened.page,
      (h) => {
        const end = [0, 1, 2].map((r) => lossAt(h, r, 300));
        return end.includes(null) ? null : (end as number[]);
      },
      clicked,
    );
    console.log(`[e2e lesson] Rosenbrock after ${ms} ms: ${value.map((v) => v.toFixed(3))}`);
    expect(value[0]!).toBeGreaterThan(2);
    expect(value[1]!).toBeLessThan(0.05);
    expect(value[2]!).toBeLessThan(0.5);
    await shot('rosenbrock');
  });

  it('the spiral race: at step 200 SGD > 0.6, momentum < 0.4, Adam < 0.1; then the PCA plane', async () => {
    const clicked = await start('spiral-race', ['SGD', 'Momentum', 'Adam'], 'play');
    const { page } = opened;
    const { value, ms } = await effect(
      page,
      (h) => {
        const end = [0, 1, 2].map((r) => lossAt(h, r, 200));
        return end.includes(null) ? null : (end as number[]);
      },
      clicked,
    );
    console.log(`[e2e lesson] spiral race after ${ms} ms: ${value.map((v) => v.toFixed(3))}`);
    expect(value[0]!).toBeGreaterThan(0.6);
    expect(value[1]!).toBeLessThan(0.4);
    expect(value[2]!).toBeLessThan(0.1);
    const pca = await until(page, (s) => s.finished && s.landscape?.directions === 'pca');
    expect(pca.landscape!.axisLabels[0]).toMatch(/^PC1 \(\d+\.\d %\)$/);
    await shot('spiral-race');
  });

  it('Adam vs AdamW: at step 200 AdamW is more than 0.3 below Adam + L2', async () => {
    const clicked = await start('adam-adamw', ['Adam + L2 (λ 0.01)', 'AdamW (λ 0.01)'], 'play');
    const { value, ms } = await effect(
      opened.page,
      (h) => {
        const end = [0, 1].map((r) => lossAt(h, r, 200));
        return end.includes(null) ? null : (end as number[]);
      },
      clicked,
    );
    console.log(
      `[e2e lesson] Adam + L2 vs AdamW after ${ms} ms: ${value.map((v) => v.toFixed(3))}`,
    );
    expect(value[1]!).toBeLessThan(value[0]! - 0.3);
  });

  it('Small vs large batch: the batch-16 loss rises more than 10 times more often', async () => {
    const clicked = await start('small-large-batch', ['SGD, batch 16', 'SGD, full batch'], 'play');
    const { value, ms } = await effect(
      opened.page,
      (h) => (h.steps.includes(150) ? h.trainLoss.map(rises) : null),
      clicked,
    );
    console.log(`[e2e lesson] loss rises: batch 16 ${value[0]}, full ${value[1]} (${ms} ms)`);
    expect(value[0]!).toBeGreaterThan(value[1]! + 10);
    expect(opened.errors).toEqual([]);
  });
});

describe('the default page', () => {
  it('starts the race only after the first frame, and the optimisers are apart at step 100', async () => {
    const { page, context, errors } = await openApp('./');
    try {
      // The step at the `lle:ready` signal (the first landscape frame drawn), read in the same
      // task as the signal: autoplay has just been asked.
      const atReady = await readyStep(page);
      console.log(
        `[e2e lesson] default page at its first frame: step ${atReady} of ${(await state(page)).totalSteps}`,
      );
      expect(atReady).not.toBeNull();
      expect(atReady!).toBeLessThanOrEqual(30);
      const { value, ms } = await effect(page, (h) => {
        const at100 = [0, 1, 2].map((r) => lossAt(h, r, 100));
        return at100.includes(null) ? null : (at100 as number[]);
      });
      console.log(
        `[e2e lesson] default race at step 100 (${ms} ms after the first frame): SGD ${value[0]!.toFixed(3)}, momentum ${value[1]!.toFixed(3)}, Adam ${value[2]!.toFixed(4)}`,
      );
      // Three horses: Adam off the plateau, momentum leaving it, SGD still on it.
      expect(value[0]!).toBeGreaterThan(0.6);
      expect(value[1]!).toBeLessThan(value[0]! - 0.3);
      expect(value[2]!).toBeLessThan(0.05);
      await page.screenshot({ path: `${SCREENSHOTS}/lesson-default-page.png` });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
