/**
 * Implicit bias (SCIENCE.md §8) for fixed seeds: on separable data GD's direction approaches the
 * hard-margin SVM direction (slowly) while Adagrad and Adam end farther from it; on
 * over-parameterised least squares from θ₀ = 0, GD and momentum end at A⁺b and Adam does not,
 * all with ≈ 0 training loss. Plus the config's checks of when the analysis applies.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../tests/unit/backend';
import { ConfigError, parseConfig } from '../config/parse';
import type { MaxMarginBiasResult, MinNormBiasResult } from '../config/result';
import { tf } from '../engine/tf';
import { implicitBiasSeries } from './implicit-bias';
import { runExperiment } from './run';

beforeAll(async () => {
  await useNodeBackend('cpu');
});

/** The value of a series at a recorded step. */
function at(run: { steps: number[] }, series: number[], step: number): number {
  const i = run.steps.indexOf(step);
  if (i < 0) throw new Error(`step ${step} was not recorded`);
  return series[i]!;
}

describe('implicitBiasSeries', () => {
  it('gives hand-computed angles, margins, norms and distances', () => {
    // Signed points (1, 0) and (0, 1): ŵ = (1, 1), direction (1, 1)/√2.
    const s = Math.SQRT1_2;
    const maxMargin = implicitBiasSeries(
      {
        kind: 'max-margin',
        z: Float64Array.from([1, 0, 0, 1]),
        m: 2,
        w: Float64Array.from([1, 1]),
        direction: Float64Array.from([s, s]),
        margin: s,
        support: [0, 1],
      },
      [
        {
          name: 'a',
          steps: [0, 10],
          thetas: [
            [2, 0],
            [3, 4],
          ],
        },
      ],
    ) as MaxMarginBiasResult;
    const run = maxMargin.runs[0]!;
    expect(run.steps).toEqual([0, 10]);
    expect(run.angle[0]).toBeCloseTo(Math.PI / 4, 14);
    expect(run.angle[1]).toBeCloseTo(Math.abs(Math.atan2(4, 3) - Math.PI / 4), 14);
    expect(run.margin[0]).toBe(0); // min(2, 0)/2
    expect(run.margin[1]).toBeCloseTo(0.6, 14); // min(3, 4)/5
    expect(run.norm).toEqual([2, 5]);
    const minNorm = implicitBiasSeries(
      {
        kind: 'min-norm',
        solution: Float64Array.from([3, 4]),
        norm: 5,
        trainLoss: 0,
        testLoss: null,
      },
      [
        {
          name: 'b',
          steps: [0, 1],
          thetas: [
            [0, 0],
            [3, 0],
          ],
        },
      ],
    ) as MinNormBiasResult;
    expect(minNorm.minNorm).toEqual({ theta: [3, 4], norm: 5, trainLoss: 0, testLoss: null });
    expect(minNorm.runs[0]!.distance).toEqual([5, 4]);
    expect(minNorm.runs[0]!.relativeDistance).toEqual([1, 0.8]);
    expect(minNorm.runs[0]!.norm).toEqual([0, 3]);
  });
});

describe('implicit bias: logistic regression on separable data', () => {
  it('GD turns towards the SVM direction (slowly); Adagrad and Adam end farther away', async () => {
    const config = parseConfig({
      seed: 2,
      problem: { kind: 'logistic' },
      data: { kind: 'linear', points: 40, noise: 0, margin: 0.3, testFraction: 0.25 },
      runs: [
        { optimizer: 'sgd', lr: 4, name: 'GD' },
        { optimizer: 'adam', lr: 0.01, name: 'Adam' },
        { optimizer: 'adagrad', lr: 0.1, name: 'Adagrad' },
      ],
      theta0: [0, 0, 0],
      steps: 10_000,
      recordEvery: 100,
      implicitBias: {},
    });
    const result = await runExperiment(config, 'cpu');
    const bias = result.implicitBias as MaxMarginBiasResult;
    expect(bias.kind).toBe('max-margin');
    const gamma = bias.svm.margin;
    // Measured: γ = 0.2020; support vectors 13, 20, 21 of the 30 training points.
    expect(gamma).toBeCloseTo(0.202, 3);
    expect(bias.svm.support).toHaveLength(3);
    const [gd, adam, adagrad] = bias.runs;
    // GD: angle 0.0671 rad at step 10², 0.0500 at 10³, 0.0389 at 10⁴ (≈ 1/log t); its normalised
    // margin rises towards γ (0.152 → 0.188) and never passes it.
    const gdAngle = (s: number) => at(gd!, gd!.angle, s);
    expect(gdAngle(1000)).toBeLessThan(gdAngle(100));
    expect(gdAngle(10_000)).toBeLessThan(gdAngle(1000));
    expect(gdAngle(10_000)).toBeLessThan(0.7 * gdAngle(100));
    // ~1/log t: angle · ln t is nearly constant (0.309, 0.345, 0.358), while the angle falls 42 %.
    const products = [100, 1000, 10_000].map((s) => gdAngle(s) * Math.log(s));
    expect(Math.max(...products) / Math.min(...products)).toBeLessThan(1.25);
    expect(at(gd!, gd!.margin, 10_000)).toBeGreaterThan(at(gd!, gd!.margin, 100));
    for (const run of bias.runs)
      for (const g of run.margin) expect(g).toBeLessThanOrEqual(gamma + 1e-6);
    // ‖θ‖ grows without bound (like log t): 10.5 → 19.0 → 28.6.
    expect(at(gd!, gd!.norm, 10_000)).toBeGreaterThan(2 * at(gd!, gd!.norm, 100));
    // Adagrad ends at 0.097 rad (2.5× GD), Adam at 0.059 (1.5× GD).
    const final = (run: MaxMarginBiasResult['runs'][number]) => run.angle.at(-1)!;
    expect(final(adagrad!)).toBeGreaterThan(2 * final(gd!));
    expect(final(adam!)).toBeGreaterThan(1.3 * final(gd!));
    // All three separate the training set (zero training error, loss → 0).
    for (const run of result.runs) {
      expect(run.trajectory.at(-1)!.trainAccuracy).toBe(1);
      expect(run.trajectory.at(-1)!.trainLoss).toBeLessThan(0.05);
    }
  }, 60_000);

  it('fails before training, naming implicitBias, when the data are not linearly separable', async () => {
    const config = parseConfig({
      problem: { kind: 'logistic' },
      data: { kind: 'xor', points: 40 },
      runs: [{ optimizer: 'sgd', lr: 1 }],
      steps: 1_000_000,
      implicitBias: {},
    });
    const run = runExperiment(config, 'cpu');
    await expect(run).rejects.toThrow(ConfigError);
    await expect(run).rejects.toThrow(
      /implicitBias: the data are not linearly separable: the hard-margin SVM has no solution.*use data.kind 'linear'/,
    );
  });
});

describe('implicit bias: over-parameterised least squares from θ₀ = 0', () => {
  it('GD and momentum end at A⁺b; Adam ends elsewhere, all with ≈ 0 training loss', async () => {
    const config = parseConfig({
      seed: 1,
      problem: { kind: 'linear-regression' },
      data: { kind: 'linear-design', points: 25, features: 50, noise: 0, testFraction: 0.2 },
      runs: [
        { optimizer: 'sgd', lr: 0.1, name: 'GD' },
        { optimizer: 'momentum', lr: 0.02, name: 'Momentum' },
        { optimizer: 'adam', lr: 0.01, name: 'Adam' },
      ],
      steps: 3000,
      recordEvery: 100,
      implicitBias: {},
    });
    const result = await runExperiment(config, 'cpu');
    const bias = result.implicitBias as MinNormBiasResult;
    expect(bias.kind).toBe('min-norm');
    // A⁺b of the 20 × 50 training design fits it exactly (float64): ‖A⁺b‖ = 0.614.
    expect(bias.minNorm.trainLoss).toBeLessThan(1e-20);
    expect(bias.minNorm.norm).toBeCloseTo(0.6138, 3);
    const [gd, momentum, adam] = bias.runs;
    // Every run starts at θ₀ = 0: distance ‖A⁺b‖, relative distance 1.
    for (const run of bias.runs) expect(run.relativeDistance[0]).toBeCloseTo(1, 12);
    // Measured: GD 5.3e-7, momentum 3.6e-7 (float32 training), Adam 0.74.
    expect(gd!.relativeDistance.at(-1)).toBeLessThan(1e-4);
    expect(momentum!.relativeDistance.at(-1)).toBeLessThan(1e-4);
    expect(adam!.relativeDistance.at(-1)).toBeGreaterThan(0.3);
    // Adam's solution is longer than the minimum norm one (0.762 vs 0.614).
    expect(adam!.norm.at(-1)).toBeGreaterThan(1.1 * bias.minNorm.norm);
    const last = result.runs.map((run) => run.trajectory.at(-1)!);
    for (const point of last) expect(point.trainLoss).toBeLessThan(1e-4);
    // Test error: GD's is A⁺b's (0.536); Adam's differs (0.706 here).
    expect(last[0]!.testLoss).toBeCloseTo(bias.minNorm.testLoss!, 4);
    expect(Math.abs(last[2]!.testLoss! - bias.minNorm.testLoss!)).toBeGreaterThan(0.05);
  }, 60_000);
});

describe('implicit bias: no leaks', () => {
  it('keeps the tensor count flat across repeated experiments', async () => {
    const config = parseConfig({
      problem: { kind: 'linear-regression' },
      data: { kind: 'linear-design', points: 10, features: 20 },
      runs: [{ optimizer: 'sgd', lr: 0.1 }],
      steps: 20,
      recordEvery: 10,
      implicitBias: {},
    });
    await runExperiment(config, 'cpu');
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      const result = await runExperiment(config, 'cpu');
      expect(result.implicitBias!.runs[0]!.steps).toEqual([0, 10, 20]);
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('the implicitBias block is checked', () => {
  const problems = (input: unknown): string[] => {
    try {
      parseConfig(input);
      return [];
    } catch (error) {
      return error instanceof ConfigError ? [...error.problems] : [String(error)];
    }
  };

  it('accepts logistic regression and least squares with more features than points', () => {
    expect(
      problems({ problem: { kind: 'logistic' }, data: { kind: 'linear' }, implicitBias: {} }),
    ).toEqual([]);
    expect(
      problems({
        problem: { kind: 'linear-regression' },
        data: { kind: 'linear-design', points: 20, features: 50 },
        implicitBias: {},
      }),
    ).toEqual([]);
  });

  it('rejects an MLP, a determined least-squares problem and unknown options, saying why', () => {
    expect(problems({ problem: { kind: 'mlp' }, implicitBias: {} }).join('\n')).toMatch(
      /implicitBias.*needs problem 'logistic' .* not 'mlp'/,
    );
    expect(
      problems({
        problem: { kind: 'linear-regression' },
        data: { kind: 'linear-design', points: 100, features: 10, testFraction: 0.2 },
        implicitBias: {},
      }).join('\n'),
    ).toMatch(
      /implicitBias.*least squares with 10 features and 80 training points has one solution.*raise data.features or lower data.points/,
    );
    expect(
      problems({
        problem: { kind: 'logistic' },
        data: { kind: 'linear' },
        implicitBias: { steps: 3 },
      }).join('\n'),
    ).toMatch(/implicitBias/);
    expect(
      problems({ problem: { kind: 'logistic' }, data: { kind: 'linear' }, implicitBias: 1 }).join(
        '\n',
      ),
    ).toMatch(/implicitBias.*must be an object: \{\}/);
  });
});
