/**
 * Each lesson's default settings show its phenomenon: trained headless (wasm, the same engine as
 * the worker) from the lesson's document, the recorded losses and parameters say what the
 * lesson's text says, with the numbers it states.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../tests/unit/backend';
import { parseAppConfig } from '../config/app';
import { runExperiment, type ExperimentResult } from '../experiment/run';
import { experimentMinima, type MinimaResult } from '../experiment/minima';
import { MinimaSchema } from '../config/schema';
import { buildExperiment, trainerOptions } from '../experiment/build';
import { train } from '../engine/train/trainer';
import { hessianTopEigen } from '../engine/curvature/eigenpairs';
import { lessonById } from './registry';
import { lessonDocumentAt } from '../widget/lesson-actions';
import { experimentImplicitBias } from '../experiment/implicit-bias';
import type { MaxMarginBiasResult, MinNormBiasResult } from '../config/result';

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

  it('edge of stability: λ_max rises from < ½·2/η to 2/η and hovers there; the loss falls unevenly', async () => {
    const doc = parseAppConfig(lessonById('edge-of-stability')!.document);
    const experiment = buildExperiment(doc.experiment);
    const P = experiment.problem.layout.size;
    const K = experiment.runs.length;
    const edges = experiment.runs.map((r) => 2 / r.lr);
    // λ_max of every run every 10 steps (20 Lanczos steps, warm-started), and the losses recorded.
    const steps: number[] = [];
    const ratios: number[][] = edges.map(() => []);
    const losses: number[][] = edges.map(() => []);
    let starts: (Float64Array | null)[] = [];
    try {
      for await (const s of train(trainerOptions(experiment))) {
        losses.forEach((l, k) => l.push(s.trainLoss[k]!));
        if (s.step % 10 !== 0) continue;
        const points = Array.from({ length: K }, (_, k) => s.theta.subarray(k * P, (k + 1) * P));
        const eig = await hessianTopEigen(experiment.problem, points, { iterations: 20, starts });
        starts = eig.map((e) => e.vectors[0] ?? null);
        steps.push(s.step);
        eig.forEach((e, k) => ratios[k]!.push(e.values[0]! / edges[k]!));
      }
    } finally {
      experiment.problem.dispose();
    }
    const total = doc.experiment.steps;
    const lastThird = steps
      .map((step, i) => [step, i] as const)
      .filter(([step]) => step >= (2 * total) / 3);
    edges.forEach((edge, k) => {
      const r = ratios[k]!;
      const tail = lastThird.map(([, i]) => r[i]!);
      const mean = tail.reduce((a, b) => a + b, 0) / tail.length;
      console.log(
        `[lesson] edge of stability, η ${(2 / edge).toFixed(2)}: λ_max/(2/η) at 0 ${r[0]!.toFixed(3)}, max ${Math.max(...r).toFixed(3)}, last third ${Math.min(...tail).toFixed(3)}–${Math.max(...tail).toFixed(3)} (mean ${mean.toFixed(3)}); loss ${losses[k]![0]!.toFixed(3)} → ${last(losses[k]!).toFixed(3)}, ${rises(losses[k]!)} rises`,
      );
      // Starts well below the edge: progressive sharpening has to carry it there.
      expect(r[0]!).toBeLessThan(0.5);
      // Over the last third of training it stays at the edge.
      for (const x of tail) {
        expect(x).toBeGreaterThan(0.8);
        expect(x).toBeLessThan(1.25);
      }
      expect(Math.abs(mean - 1)).toBeLessThan(0.1);
      // The loss keeps falling, but not monotonically.
      expect(last(losses[k]!)).toBeLessThan(0.4 * losses[k]![0]!);
      expect(rises(losses[k]!)).toBeGreaterThanOrEqual(10);
    });
  }, 120_000);
  it('flat vs sharp: the full-batch minimum is several times sharper than the batch-8 one', async () => {
    // The lesson's exact document trained to the end, then the comparison its compare step runs
    // (the minima job's default settings on runs 0 and 1 at their last recorded point).
    const doc = parseAppConfig(lessonById('flat-vs-sharp')!.document);
    const result = await runExperiment(doc.experiment, 'wasm');
    const [small, full] = result.runs;
    const experiment = buildExperiment(doc.experiment);
    let minima: MinimaResult;
    try {
      minima = await experimentMinima(
        experiment,
        result.runs.map((r) => Float32Array.from(r.trajectory.at(-1)!.theta)),
        result.runs.map((r) => r.trajectory.at(-1)!.step),
        MinimaSchema.parse({ runs: [0, 1] }),
      );
    } finally {
      experiment.problem.dispose();
    }
    const [a, b] = minima.minima;
    const line = minima.interpolation;
    const at = (t: number) => line.trainLoss[line.t.findIndex((x) => Math.abs(x - t) < 1e-9)]!;
    const between = line.t
      .map((t, i) => [t, line.trainLoss[i]!] as const)
      .filter(([t]) => t >= 0 && t <= 1)
      .map(([, loss]) => loss);
    console.log(
      `[lesson] flat vs sharp: λ_max ${a.lambdaMax.toFixed(3)} vs ${b.lambdaMax.toFixed(3)} (${(b.lambdaMax / a.lambdaMax).toFixed(1)}×), trace ${a.trace.value.toFixed(2)} vs ${b.trace.value.toFixed(2)}, ε-sharpness ${a.sharpness[0]!.value.toFixed(3)} vs ${b.sharpness[0]!.value.toFixed(3)}; train loss ${a.trainLoss.toFixed(4)} vs ${b.trainLoss.toFixed(4)}, test loss ${a.testLoss!.toFixed(4)} vs ${b.testLoss!.toFixed(4)}, test accuracy ${a.testAccuracy} vs ${b.testAccuracy}; interpolation ${at(-1).toFixed(3)} at t = −1, ≤ ${Math.max(...between).toFixed(3)} on [0, 1], ${at(2).toFixed(3)} at t = 2`,
    );
    expect([a.name, b.name]).toEqual(['SGD, batch 8', 'SGD, full batch']);
    // Both near zero training loss (from ln 2 ≈ 0.69 at θ₀), neither diverged.
    expect(a.trainLoss).toBeLessThan(0.05);
    expect(b.trainLoss).toBeLessThan(0.05);
    for (const run of [small!, full!]) expect(run.diverged).toBe(false);
    // The large-batch minimum is sharper by a clear factor, and below its edge 2/η = 4; its trace
    // and ε-sharpness are larger too; along the top eigenvector its loss rises faster.
    expect(b.lambdaMax / a.lambdaMax).toBeGreaterThan(4);
    expect(b.lambdaMax).toBeLessThan(4);
    expect(b.trace.value).toBeGreaterThan(2 * a.trace.value);
    expect(b.sharpness[0]!.value).toBeGreaterThan(a.sharpness[0]!.value);
    const ends = (m: typeof a) => [m.slices.eigen.trainLoss[0]!, m.slices.eigen.trainLoss.at(-1)!];
    for (const k of [0, 1]) expect(ends(b)[k]!).toBeGreaterThan(2 * ends(a)[k]!);
    // No barrier between the two; beyond t = 1 (the sharp side) the loss climbs faster.
    expect(Math.max(...between)).toBeLessThanOrEqual(Math.max(at(0), at(1)) * 1.01);
    expect(at(2)).toBeGreaterThan(2 * at(-1));
    // Both classify the test set (almost) perfectly; the sharp one has the lower test loss.
    expect(a.testAccuracy).toBeGreaterThanOrEqual(0.98);
    expect(b.testAccuracy).toBeGreaterThanOrEqual(0.98);
    expect(b.testLoss!).toBeLessThan(a.testLoss!);
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
  it('Same loss, different answers: GD turns towards the SVM direction (~1/log t), Adagrad and Adam end farther; GD and momentum end at A⁺b, Adam does not', async () => {
    const lesson = lessonById('same-loss-different-answers')!;
    // Part 1, the lesson's document: every run's recorded path against the SVM direction, the
    // job's two engine calls on the CLI's recording.
    const logistic = parseAppConfig(lessonDocumentAt(lesson, 0)).experiment;
    const bias = async (config: typeof logistic) => {
      const result = await runExperiment(config, 'wasm');
      const experiment = buildExperiment(config);
      try {
        const runs = result.runs.map((r) => ({
          name: r.name,
          steps: r.trajectory.map((p) => p.step),
          thetas: r.trajectory.map((p) => p.theta),
        }));
        return { result, bias: experimentImplicitBias(experiment, runs) };
      } finally {
        experiment.problem.dispose();
      }
    };
    const part1 = await bias(logistic);
    const svm = part1.bias as MaxMarginBiasResult;
    const [gd, adam, adagrad] = svm.runs;
    const angleAt = (run: MaxMarginBiasResult['runs'][number], step: number) =>
      run.angle[run.steps.indexOf(step)]!;
    console.log(
      `[lesson] same loss, different answers: γ ${svm.svm.margin.toFixed(3)}; GD angle ${[100, 1000, 10_000].map((t) => angleAt(gd!, t).toFixed(4)).join(' → ')}; final Adam ${adam!.angle.at(-1)!.toFixed(4)}, Adagrad ${adagrad!.angle.at(-1)!.toFixed(4)}`,
    );
    expect(svm.svm.margin).toBeCloseTo(0.202, 3);
    expect(angleAt(gd!, 1000)).toBeLessThan(angleAt(gd!, 100));
    expect(angleAt(gd!, 10_000)).toBeLessThan(0.7 * angleAt(gd!, 100));
    expect(adagrad!.angle.at(-1)!).toBeGreaterThan(2 * gd!.angle.at(-1)!);
    expect(adam!.angle.at(-1)!).toBeGreaterThan(1.3 * gd!.angle.at(-1)!);
    for (const run of part1.result.runs) {
      expect(run.trajectory.at(-1)!.trainAccuracy).toBe(1);
      expect(run.trajectory.at(-1)!.trainLoss).toBeLessThan(0.05);
    }
    // Part 2, the step's document patch: least squares from θ₀ = 0.
    const index = lesson.steps.findIndex((s) => s.document);
    const squares = parseAppConfig(lessonDocumentAt(lesson, index)).experiment;
    expect(squares.theta0).toBeUndefined();
    const part2 = await bias(squares);
    const minNorm = part2.bias as MinNormBiasResult;
    const rel = minNorm.runs.map((r) => r.relativeDistance.at(-1)!);
    console.log(
      `[lesson] least squares: ‖A⁺b‖ ${minNorm.minNorm.norm.toFixed(4)}; final ‖θ − A⁺b‖/‖A⁺b‖ ${minNorm.runs.map((r, k) => `${r.name} ${rel[k]!.toExponential(2)}`).join(', ')}; test loss ${part2.result.runs.map((r) => `${r.name} ${r.trajectory.at(-1)!.testLoss?.toFixed(4)}`).join(', ')}`,
    );
    expect(minNorm.runs.map((r) => r.name)).toEqual(['GD', 'Momentum', 'Adam']);
    for (const run of minNorm.runs) expect(run.relativeDistance[0]).toBeCloseTo(1, 12);
    expect(rel[0]).toBeLessThan(1e-4);
    expect(rel[1]).toBeLessThan(1e-4);
    expect(rel[2]).toBeGreaterThan(0.5);
    for (const run of part2.result.runs)
      expect(run.trajectory.at(-1)!.trainLoss).toBeLessThan(1e-4);
  }, 120_000);
});
