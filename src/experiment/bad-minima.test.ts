import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../tests/unit/backend';
import { ConfigError, parseConfig } from '../config/parse';
import { ResultFileSchema } from '../config/result-file-schema';
import type { ExperimentInput } from '../config/schema';
import { meanLoss } from '../engine/problems/problem';
import { tf, type Tensor2D } from '../engine/tf';
import { trainToEnd } from '../engine/train/trainer';
import { checkpointIndex, experimentBadMinima, pathLength, type GoodPath } from './bad-minima';
import { buildExperiment, trainerOptions } from './build';
import { runExperiment } from './run';

const problemsOf = (input: unknown): string[] => {
  try {
    parseConfig(input);
    return [];
  } catch (error) {
    return [...(error as ConfigError).problems];
  }
};

/** XOR, 20 training and 20 test points, a small tanh MLP trained by Adam. */
const SMALL: ExperimentInput = {
  seed: 2,
  problem: { kind: 'mlp', hidden: [8], activation: 'tanh' },
  data: { kind: 'xor', points: 40, noise: 0.05, testFraction: 0.5 },
  runs: [{ optimizer: 'adam', lr: 0.05, name: 'Good' }],
  steps: 60,
  recordEvery: 10,
  badMinima: {
    rho: 1,
    checkpoints: [0, 1],
    steps: 100,
    checkEvery: 20,
    poisonFit: 0.7,
    n: 7,
    eigenIterations: 6,
  },
};

const norm = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i]! - b[i]!) ** 2;
  return Math.sqrt(s);
};

describe('the config badMinima block', () => {
  it('has defaults', () => {
    expect(parseConfig({ badMinima: {} }).badMinima).toEqual({
      run: 0,
      rho: 1,
      checkpoints: [0, 0.5, 1],
      steps: 2000,
      checkEvery: 25,
      poisonFit: 0.75,
      seed: 1,
      eigenIterations: 20,
      n: 25,
    });
  });

  it('names every bad field with what is allowed', () => {
    expect(problemsOf({ badMinima: { rho: 0 } })).toEqual([
      'badMinima.rho: must be > 0 and ≤ 8 (got 0)',
    ]);
    expect(problemsOf({ badMinima: { run: 3 } })).toEqual([
      'badMinima.run: refers to run 3, but there are 3 runs (got 3)',
    ]);
    expect(problemsOf({ badMinima: { checkpoints: [0, 1.5] } })).toEqual([
      'badMinima.checkpoints[1]: must be from 0 to 1 (got 1.5)',
    ]);
    expect(problemsOf({ badMinima: { checkpoints: [] } })).toEqual([
      'badMinima.checkpoints: must list 1 to 8 checkpoints (got [])',
    ]);
    expect(problemsOf({ badMinima: { planeBad: 3 } })).toEqual([
      'badMinima.planeBad: refers to checkpoint 3, but there are 3 checkpoints (got 3)',
    ]);
    expect(problemsOf({ badMinima: { n: 3 } })).toEqual([
      'badMinima.n: must be a whole number from 5 to 101 (got 3)',
    ]);
    expect(
      problemsOf({
        problem: { kind: 'tanh-regression', units: 3 },
        data: { kind: 'tanh-teacher' },
        badMinima: {},
      }),
    ).toEqual([
      expect.stringMatching(
        /^badMinima: random labels need a classification problem \(mlp or logistic on classification data\)/,
      ),
    ]);
  });
});

describe('experimentBadMinima', () => {
  beforeAll(() => useNodeBackend('wasm'));

  async function goodPath(input: ExperimentInput) {
    const experiment = buildExperiment(parseConfig(input));
    const snapshots = await trainToEnd(trainerOptions(experiment));
    const path: GoodPath = {
      steps: snapshots.map((s) => s.step),
      thetas: snapshots.map((s) => s.theta.slice()),
    };
    return { experiment, path };
  }

  it('measures the good and bad minima, their distances, the interpolation and the plane', async () => {
    const { experiment, path } = await goodPath(SMALL);
    const spec = experiment.config.badMinima!;
    const before = tf.memory().numTensors;
    const phases: string[] = [];
    const r = await experimentBadMinima(experiment, path, spec, {
      onProgress: (p) => phases.push(`${p.phase}:${p.step}`),
    });
    expect(tf.memory().numTensors).toBe(before);
    const p = experiment.problem.layout.size;
    expect(r.trainSize).toBe(20);
    expect(r.poisonSize).toBe(20);
    expect(r.poison.y).toHaveLength(20);
    expect(phases[0]).toBe('training:0');
    expect(phases.at(-1)).toMatch(/^measuring:/);
    // Checkpoints 0 and 1 of the 7 recorded points: θ₀ and the good minimum.
    expect(checkpointIndex(0, 7)).toBe(0);
    expect(checkpointIndex(0.5, 7)).toBe(3);
    expect(checkpointIndex(1, 7)).toBe(6);
    expect(r.bad.map((b) => b.startStep)).toEqual([0, 60]);
    // Path length: Σ‖θ_{t+1} − θ_t‖ by hand.
    let length = 0;
    for (let t = 1; t < path.thetas.length; t++)
      length += norm(path.thetas[t]!, path.thetas[t - 1]!);
    expect(r.pathLength).toBeCloseTo(length, 4);
    expect(pathLength(path.thetas)).toBeCloseTo(length, 4);
    // Metrics of the good minimum, evaluated independently.
    const good = path.thetas.at(-1)!;
    const check = tf.tidy(() => {
      const theta = tf.tensor2d(good, [1, p]) as Tensor2D;
      return [
        meanLoss(experiment.problem, theta, 'train').dataSync()[0]!,
        experiment.problem.accuracy!(theta, 'test').dataSync()[0]!,
      ];
    });
    expect(r.good.trainLoss).toBeCloseTo(check[0]!, 6);
    expect(r.good.testAccuracy).toBeCloseTo(check[1]!, 6);
    expect(r.good.step).toBe(60);
    expect(Number.isFinite(r.good.lambdaMax!)).toBe(true);
    expect(r.t).toHaveLength(61);
    expect(r.t[0]).toBeCloseTo(-0.5, 6);
    expect(r.t[15]).toBeCloseTo(0, 6);
    expect(r.t[45]).toBeCloseTo(1, 6);
    r.bad.forEach((b, i) => {
      const start = path.thetas[i === 0 ? 0 : 6]!;
      expect(b.distance).toBeCloseTo(norm(b.theta, start), 3);
      expect(b.distanceFraction).toBeCloseTo(norm(b.theta, start) / length, 5);
      expect(b.distanceToGood).toBeCloseTo(norm(b.theta, good), 3);
      expect(b.steps % 20 === 0 || b.steps === 100).toBe(true);
      // The interpolation passes through both minima: t = 0 is good, t = 1 is bad.
      expect(b.interpolation.trainLoss[15]).toBeCloseTo(r.good.trainLoss, 4);
      expect(b.interpolation.testAccuracy[15]).toBeCloseTo(r.good.testAccuracy, 6);
      expect(b.interpolation.trainLoss[45]).toBeCloseTo(b.trainLoss, 4);
      expect(b.interpolation.trainAccuracy[45]).toBeCloseTo(b.trainAccuracy, 6);
      if (b.reached) expect(b.trainAccuracy).toBe(1);
    });
    // Plane through θ₀ (centre), good (first axis), bad (the last checkpoint's by default).
    const plane = r.plane!;
    expect(plane.bad).toBe(1);
    expect(plane.trainLoss).toHaveLength(49);
    expect(plane.points.a[0]).toBeCloseTo(0, 5);
    expect(plane.points.b[0]).toBeCloseTo(0, 5);
    expect(plane.points.a[1]).toBeCloseTo(norm(good, path.thetas[0]!), 3);
    expect(plane.points.b[1]).toBeCloseTo(0, 3);
    expect(plane.points.b[2]).toBeGreaterThan(0);
    // The good path starts at θ₀ and ends at good, both in the plane.
    expect(plane.good.a).toHaveLength(7);
    expect(plane.good.offPlaneRelative[6]).toBeLessThan(1e-3);
    expect(plane.good.a[6]).toBeCloseTo(plane.points.a[1], 3);
    expect(plane.badPath.a.at(-1)).toBeCloseTo(plane.points.a[2], 3);
    // Decision boundaries: P(y = 1) on 48 × 48 points for good and each bad minimum.
    expect(r.boundaries!.good).toHaveLength(48 * 48);
    expect(r.boundaries!.bad).toHaveLength(2);
    expect(r.boundaries!.good.every((v) => v >= 0 && v <= 1)).toBe(true);
    experiment.problem.dispose();
  });

  it('is reproducible, and cancels leaving no tensors', async () => {
    const { experiment, path } = await goodPath(SMALL);
    const spec = { ...experiment.config.badMinima!, n: 0, eigenIterations: 0 };
    const a = await experimentBadMinima(experiment, path, spec);
    const b = await experimentBadMinima(experiment, path, spec);
    expect(a.bad.map((x) => x.theta)).toEqual(b.bad.map((x) => x.theta));
    expect(a.plane).toBeNull();
    expect(a.good.lambdaMax).toBeNull();
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const run = experimentBadMinima(experiment, path, spec, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.step >= 20) controller.abort(new Error('stop'));
      },
    });
    await expect(run).rejects.toThrow('stop');
    expect(tf.memory().numTensors).toBe(before);
    experiment.problem.dispose();
  });

  it('is what runExperiment writes for a badMinima block, a valid result file', async () => {
    const result = await runExperiment(parseConfig(SMALL), 'wasm');
    const bad = result.badMinima!;
    expect(bad.name).toBe('Good');
    expect(bad.bad).toHaveLength(2);
    const written = JSON.parse(JSON.stringify(result));
    expect(ResultFileSchema.safeParse(written).success).toBe(true);
    expect(written.badMinima.good.theta).toEqual(result.runs[0]!.trajectory.at(-1)!.theta);
  });
});
