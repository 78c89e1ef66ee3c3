import { beforeAll, describe, expect, it } from 'vitest';
import { NODE_BACKENDS, useNodeBackend } from '../../../tests/unit/backend';
import { parseConfig } from '../../config/parse';
import type { ExperimentInput } from '../../config/schema';
import { buildExperiment } from '../../experiment/build';
import { importanceProbabilities } from '../optim/importance';
import { tf, type Tensor2D } from '../tf';
import { trainToEnd, type TrainerOptions } from './trainer';

/** Trains a config to the end and returns θ of every recorded step (and P). */
async function thetas(
  input: ExperimentInput,
  engine: TrainerOptions['engine'] = 'auto',
  batchSize?: number,
) {
  const config = parseConfig(input);
  const e = buildExperiment(config);
  try {
    const snapshots = await trainToEnd({
      problem: e.problem,
      // The config caps B at m; i.i.d. draws may exceed it (here: to average out the noise).
      runs: batchSize ? e.runs.map((r) => ({ ...r, batchSize })) : e.runs,
      theta0: e.theta0,
      steps: config.steps,
      recordEvery: config.recordEvery,
      batchSeeds: e.batchSeeds,
      divergenceFactor: config.divergenceFactor,
      engine,
    });
    return { snapshots, p: e.problem.layout.size };
  } finally {
    e.problem.dispose();
  }
}

describe.each(NODE_BACKENDS)('importance-sampled training (%s)', (backend) => {
  beforeAll(() => useNodeBackend(backend));

  it('one SGD step with many draws moves θ by −η∇L_p(θ₀), p frozen at θ₀, not by −η∇L', async () => {
    const temperature = 0.3;
    const input: ExperimentInput = {
      seed: 3,
      problem: { kind: 'linear-regression' },
      data: { kind: 'linear-design', points: 20, features: 4, noise: 0.5, testFraction: 0 },
      runs: [
        {
          optimizer: 'sgd',
          lr: 0.05,
          batchSize: 20,
          sampling: { kind: 'importance', temperature },
        },
      ],
      theta0: [1, -1, 0.5, 0],
      steps: 1,
      recordEvery: 1,
    };
    const { snapshots } = await thetas(input, 'auto', 200_000);
    const theta1 = snapshots[1]!.theta;
    // The expectation, by tf.grad of Σ pᵢℓᵢ(θ) with p computed from the losses at θ₀.
    const e = buildExperiment(parseConfig(input));
    const theta0 = tf.tensor2d(e.theta0, [1, 4]);
    const losses = tf.tidy(() => e.problem.perExampleLoss(theta0, 'train')).dataSync();
    const p = importanceProbabilities(losses, temperature);
    const [gp, gu] = tf.tidy(() => {
      const pt = tf.tensor2d(Float32Array.from(p), [1, 20]);
      const lp = (th: tf.Tensor) =>
        tf.sum(tf.mul(e.problem.perExampleLoss(th as Tensor2D, 'train'), pt));
      const lu = (th: tf.Tensor) => tf.mean(e.problem.perExampleLoss(th as Tensor2D, 'train'));
      return [tf.grad(lp)(theta0).dataSync(), tf.grad(lu)(theta0).dataSync()];
    });
    tf.dispose(theta0);
    e.problem.dispose();
    const stepError = (g: ArrayLike<number>) =>
      Math.hypot(
        ...Array.from({ length: 4 }, (_, j) => theta1[j]! - (e.theta0[j]! - 0.05 * g[j]!)),
      );
    const stepSize = Math.hypot(...Array.from({ length: 4 }, (_, j) => 0.05 * gp[j]!));
    // 2·10⁵ draws: sampling error ≈ 1/√B ≈ 0.2 % of the step; p is far from uniform.
    expect(stepError(gp) / stepSize).toBeLessThan(0.02);
    expect(stepError(gu) / stepSize).toBeGreaterThan(0.2);
  });

  it('host and tensor engines draw the same importance batches (MLP, several steps)', async () => {
    const input: ExperimentInput = {
      seed: 5,
      problem: { kind: 'mlp', hidden: [6], activation: 'tanh' },
      data: { kind: 'moons', points: 48, noise: 0.1, testFraction: 0.25 },
      runs: [
        {
          optimizer: 'sgd',
          lr: 0.3,
          batchSize: 8,
          sampling: { kind: 'importance', temperature: 0.5 },
        },
        { optimizer: 'adam', lr: 0.01, batchSize: 8 },
      ],
      steps: 12,
      recordEvery: 4,
    };
    const host = await thetas(input, 'host');
    const tensor = await thetas(input, 'tensor');
    expect(host.snapshots.length).toBe(tensor.snapshots.length);
    host.snapshots.forEach((s, i) => {
      const t = tensor.snapshots[i]!.theta;
      s.theta.forEach((v, j) => expect(Math.abs(v - t[j]!)).toBeLessThan(1e-4));
    });
    // Importance sampling changes the path of run 0 (the uniform one keeps its own).
    const uniform = await thetas(
      { ...input, runs: [{ ...input.runs![0]!, sampling: undefined }, input.runs![1]!] },
      'host',
    );
    const last = host.snapshots.length - 1;
    const p = host.p;
    const moved = host.snapshots[last]!.theta.subarray(0, p).some(
      (v, j) => Math.abs(v - uniform.snapshots[last]!.theta[j]!) > 1e-4,
    );
    expect(moved).toBe(true);
    expect(Array.from(host.snapshots[last]!.theta.subarray(p))).toEqual(
      Array.from(uniform.snapshots[last]!.theta.subarray(p)),
    );
  });

  it('config: a bad temperature names the field and the range', () => {
    expect(() =>
      parseConfig({ runs: [{ sampling: { kind: 'importance', temperature: -1 } }] }),
    ).toThrow(/runs\[0\]\.sampling\.temperature.*> 0/s);
    expect(() => parseConfig({ runs: [{ sampling: { kind: 'weighted' } }] })).toThrow(/sampling/);
  });
});
