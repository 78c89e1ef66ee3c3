/**
 * Each lesson's default settings show its phenomenon: trained headless (wasm, the same engine as
 * the worker) from the lesson's document, the recorded losses and parameters say what the
 * lesson's text says, with the numbers it states.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../tests/unit/backend';
import { parseAppConfig } from '../config/app';
import { runExperiment, type ExperimentResult } from '../experiment/run';
import { lessonById } from './registry';

type Run = ExperimentResult['runs'][number];

/** Every run of the lesson's document, trained to the end, by run name. */
async function runs(id: string): Promise<Record<string, Run>> {
  const doc = parseAppConfig(lessonById(id)!.document);
  const result = await runExperiment(doc.experiment, 'wasm');
  return Object.fromEntries(result.runs.map((r) => [r.name, r]));
}

/** A run's training loss at update `step` (the lessons' surfaces record every update). */
const lossAt = (run: Run, step: number): number =>
  run.trajectory.find((p) => p.step === step)!.trainLoss;
/** A run's θ = (x, y) at update `step`. */
const thetaAt = (run: Run, step: number): number[] =>
  run.trajectory.find((p) => p.step === step)!.theta;
const lossesOf = (run: Run): number[] => run.trajectory.map((p) => p.trainLoss);
const last = (values: number[]) => values[values.length - 1]!;
/** How often the loss went up between recorded points. */
const rises = (values: number[]) => values.slice(1).filter((v, i) => v > values[i]!).length;

describe('lessons show their phenomena', () => {
  beforeAll(() => useNodeBackend('wasm'));

  it('ravine (κ = 50): SGD zig-zags and crawls; momentum and Adam are ≥ 10× lower early on', async () => {
    const r = await runs('ravine');
    const sgd = r.SGD!;
    const momentum = r.Momentum!;
    const adam = r.Adam!;
    // Zig-zag: y changes sign at every one of SGD's first 10 updates (1 − 0.038·50 = −0.9).
    const ys = Array.from({ length: 11 }, (_, t) => thetaAt(sgd, t)[1]!);
    ys.slice(1).forEach((y, t) => expect(Math.sign(y)).toBe(-Math.sign(ys[t]!)));
    // Crawl: x keeps 0.962²⁰ ≈ 46 % of its start after 20 updates.
    const x20 = thetaAt(sgd, 20)[0]! / thetaAt(sgd, 0)[0]!;
    expect(x20).toBeGreaterThan(0.4);
    console.log(
      `[lesson] ravine: SGD x keeps ${(100 * x20).toFixed(0)} %; loss at 20: SGD ${lossAt(sgd, 20).toFixed(3)}, momentum ${lossAt(momentum, 20).toFixed(4)}; at 10: SGD ${lossAt(sgd, 10).toFixed(2)}, Adam ${lossAt(adam, 10).toFixed(3)}`,
    );
    expect(lossAt(sgd, 20)).toBeGreaterThan(0.5);
    expect(lossAt(momentum, 20)).toBeLessThan(lossAt(sgd, 20) / 10);
    expect(lossAt(adam, 10)).toBeLessThan(lossAt(sgd, 10) / 10);
    for (const run of [sgd, momentum, adam]) expect(run.diverged).toBe(false);
  }, 60_000);

  it('η around 2/λ: below, y flips and shrinks by 0.9; above, it flips and grows by 1.1 until it diverges', async () => {
    const r = await runs('step-size-limit');
    const below = r['η 0.19 (< 2/λ)']!;
    const above = r['η 0.21 (> 2/λ)']!;
    const exact = r['η 0.1 (= 1/λ)']!;
    for (const [run, factor] of [
      [below, -0.9],
      [above, -1.1],
    ] as const) {
      for (let t = 1; t <= 10; t++)
        expect(thetaAt(run, t)[1]! / thetaAt(run, t - 1)[1]!).toBeCloseTo(factor, 4);
    }
    // η = 1/λ puts y on the valley floor in one step.
    expect(Math.abs(thetaAt(exact, 1)[1]!)).toBeLessThan(1e-6);
    console.log(
      `[lesson] 2/λ: |y| at step 20: η 0.19 ${Math.abs(thetaAt(below, 20)[1]!).toFixed(3)}, η 0.21 ${Math.abs(thetaAt(above, 20)[1]!).toFixed(2)}; η 0.21 diverged at ${above.divergedAt}`,
    );
    expect(Math.abs(thetaAt(below, 20)[1]!)).toBeLessThan(0.15);
    expect(Math.abs(thetaAt(above, 20)[1]!)).toBeGreaterThan(6);
    expect(below.diverged).toBe(false);
    expect(exact.diverged).toBe(false);
    expect(above.divergedAt).toBeGreaterThan(20);
    expect(above.divergedAt).toBeLessThan(30);
    expect(last(lossesOf(below))).toBeLessThan(1e-3);
  }, 60_000);

  it('Rosenbrock: SGD stalls in the valley short of the bend; momentum and Adam get near (1, 1)', async () => {
    const r = await runs('rosenbrock');
    const end = (run: Run) => run.trajectory.at(-1)!;
    const distance = (run: Run) => Math.hypot(end(run).theta[0]! - 1, end(run).theta[1]! - 1);
    console.log(
      `[lesson] Rosenbrock at step 300: SGD ${end(r.SGD!).trainLoss.toFixed(2)} at x ${end(r.SGD!).theta[0]!.toFixed(2)}, momentum ${end(r.Momentum!).trainLoss.toFixed(4)} (${distance(r.Momentum!).toFixed(3)} from (1, 1)), Adam ${end(r.Adam!).trainLoss.toFixed(3)}`,
    );
    // SGD fell into the valley (loss from 24 to < 5 within 5 steps) but has not passed x = 0.
    expect(lossAt(r.SGD!, 5)).toBeLessThan(5);
    expect(end(r.SGD!).trainLoss).toBeGreaterThan(2);
    expect(end(r.SGD!).theta[0]!).toBeLessThan(0);
    expect(end(r.Momentum!).trainLoss).toBeLessThan(0.05);
    expect(distance(r.Momentum!)).toBeLessThan(0.3);
    expect(end(r.Adam!).trainLoss).toBeLessThan(0.5);
    for (const run of Object.values(r)) expect(run.diverged).toBe(false);
  }, 60_000);

  it('the spiral race: Adam and momentum leave the 0.66 plateau, SGD does not', async () => {
    const r = await runs('spiral-race');
    const l = Object.fromEntries(Object.entries(r).map(([name, run]) => [name, lossesOf(run)]));
    console.log(
      `[lesson] spiral race: final training loss SGD ${last(l.SGD!).toFixed(4)}, momentum ${last(l.Momentum!).toFixed(4)}, Adam ${last(l.Adam!).toFixed(4)}`,
    );
    expect(last(l.SGD!)).toBeGreaterThan(0.6);
    expect(last(l.Momentum!)).toBeLessThan(0.4);
    expect(last(l.Adam!)).toBeLessThan(0.1);
  }, 120_000);

  it('Adam vs AdamW: decoupled decay ends far lower than the coupled L2 penalty', async () => {
    const r = await runs('adam-adamw');
    const adam = last(lossesOf(r['Adam + L2 (λ 0.01)']!));
    const adamw = last(lossesOf(r['AdamW (λ 0.01)']!));
    console.log(`[lesson] Adam + L2 ${adam.toFixed(4)}, AdamW ${adamw.toFixed(4)}`);
    expect(adamw).toBeLessThan(adam - 0.3);
  }, 120_000);

  it('Small vs large batch: the batch-16 loss goes up and down, the full-batch one barely', async () => {
    const r = await runs('small-large-batch');
    const small = rises(lossesOf(r['SGD, batch 16']!));
    const full = rises(lossesOf(r['SGD, full batch']!));
    console.log(`[lesson] loss increases between recorded steps: batch 16 ${small}, full ${full}`);
    expect(small).toBeGreaterThan(full + 10);
  }, 120_000);

  it('Minima are connected: the segment between two seeds has a barrier ≥ 3× the trained curve’s', async () => {
    const doc = parseAppConfig(lessonById('minima-connected')!.document);
    const result = await runExperiment(doc.experiment, 'wasm');
    const c = result.connect!;
    const ends = result.runs.map((r) => r.trajectory.at(-1)!);
    console.log(
      `[lesson] minima connected: end losses ${ends.map((p) => p.trainLoss.toFixed(3)).join(', ')}, accuracy ${ends.map((p) => p.trainAccuracy!.toFixed(3)).join(', ')}; barrier on the segment ${c.segment.barrier.toFixed(3)} (test ${c.segment.testBarrier!.toFixed(3)}), on the curve ${c.curve.barrier.toFixed(4)} (test ${c.curve.testBarrier!.toFixed(4)})`,
    );
    // Two fitted minima (≥ 95 % training accuracy each), at different points.
    for (const p of ends) expect(p.trainAccuracy!).toBeGreaterThan(0.95);
    expect(c.segment.barrier).toBeGreaterThan(0.5);
    expect(c.segment.barrier).toBeGreaterThanOrEqual(3 * c.curve.barrier);
    expect(c.segment.testBarrier!).toBeGreaterThanOrEqual(3 * c.curve.testBarrier!);
    // Along the curve the loss never climbs far above the ends.
    expect(Math.max(...c.curve.trainLoss)).toBeLessThan(0.15);
    for (const run of result.runs) expect(run.diverged).toBe(false);
  }, 120_000);

  it('The bad minimum next door: 100 % clean training accuracy, test accuracy ≥ 15 points lower', async () => {
    const doc = parseAppConfig(lessonById('bad-minimum-next-door')!.document);
    // The plane and λ_max are views, not the phenomenon: skip them to keep the test short.
    const experiment = {
      ...doc.experiment,
      badMinima: { ...doc.experiment.badMinima!, n: 0, eigenIterations: 0 },
    };
    const result = await runExperiment(experiment, 'wasm');
    const r = result.badMinima!;
    console.log(
      `[lesson] bad minimum next door: good train ${r.good.trainAccuracy.toFixed(3)} test ${r.good.testAccuracy.toFixed(3)}; ` +
        r.bad
          .map(
            (b) =>
              `from ${b.checkpoint}: ${b.steps} updates, reached ${b.reached}, train ${b.trainAccuracy.toFixed(3)}, poison ${b.poisonAccuracy.toFixed(3)}, test ${b.testAccuracy.toFixed(3)}, ‖Δθ‖ ${b.distance.toFixed(1)} = ${b.distanceFraction.toFixed(2)} path lengths`,
          )
          .join('; '),
    );
    expect(r.good.trainAccuracy).toBe(1);
    expect(r.good.testAccuracy).toBeGreaterThanOrEqual(0.95);
    for (const b of r.bad) {
      // Equal (100 %) clean training accuracy, reached by the stopping rule within the budget.
      expect(b.reached).toBe(true);
      expect(b.trainAccuracy).toBe(1);
      expect(b.testAccuracy).toBeLessThanOrEqual(r.good.testAccuracy - 0.15);
    }
  }, 180_000);
});
