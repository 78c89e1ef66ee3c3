/**
 * The `noise` block end to end (CLI path): gradient-noise ellipses at recorded points of the
 * tanh-teacher problem, the label-noise split (exploration dominates far from the teacher, the
 * intrinsic term near the end), the importance sampler's landscape against the landscape's own
 * training-loss grid, and the config checks.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../tests/unit/backend';
import { ConfigError, parseConfig } from '../config/parse';
import type { ExperimentInput } from '../config/schema';
import { tf } from '../engine/tf';
import { checkNoise, recordedSteps } from './noise';
import { runExperiment } from './run';

beforeAll(async () => {
  await useNodeBackend('cpu');
});

const CONFIG: ExperimentInput = {
  seed: 2,
  problem: { kind: 'tanh-regression', units: 4 },
  data: { kind: 'tanh-teacher', points: 60, noise: 0.3, testFraction: 0.2 },
  runs: [
    { optimizer: 'sgd', lr: 0.05, batchSize: 8, name: 'uniform' },
    {
      optimizer: 'sgd',
      lr: 0.05,
      batchSize: 8,
      name: 'importance',
      sampling: { kind: 'importance', temperature: 0.5 },
    },
  ],
  steps: 300,
  recordEvery: 50,
  landscape: { directions: 'pca', n: 11 },
  noise: { at: [0, 300] },
};

describe('noise block', () => {
  it('ellipses, split and the sampler’s landscape at recorded points', async () => {
    const before = tf.memory().numTensors;
    const result = await runExperiment(parseConfig(CONFIG), 'cpu');
    expect(tf.memory().numTensors).toBe(before);
    const noise = result.noise!;
    const m = 48;
    expect(noise.examples).toBe(m);
    expect(noise.points.map((p) => [p.run, p.step])).toEqual([
      [0, 0],
      [0, 300],
      [1, 0],
      [1, 300],
    ]);
    for (const p of noise.points) {
      const g = p.total.gradient;
      // PCA directions are orthonormal: the step covariance is η²·DᵀCD.
      // (float32 directions: orthonormal to ~1e−7)
      const expected = 0.05 ** 2 * g.covariance.xx;
      expect(Math.abs(p.total.step.covariance.xx - expected) / expected).toBeLessThan(1e-5);
      expect(g.eigenvalues[0]).toBeGreaterThanOrEqual(g.eigenvalues[1]);
      expect(g.eigenvalues[1]).toBeGreaterThanOrEqual(-1e-12);
      expect(g.trace).toBeCloseTo(g.covariance.xx + g.covariance.yy, 12);
      // The point's plane coordinates are the landscape's projection of that recorded θ.
      const row = result.runs[p.run]!.trajectory.findIndex((t) => t.step === p.step);
      expect(p.a).toBe(result.landscape!.trajectories[p.run]!.a[row]);
    }
    const [start, end] = [noise.points[0]!, noise.points[1]!];
    expect(start.samplerFactor).toBeCloseTo((m - 8) / (m - 1), 14);
    // The split: intrinsic + exploration = E_ε[C]; far from the teacher the misfit dominates,
    // after training the label noise does.
    for (const p of [start, end]) {
      const s = p.split!;
      expect(s.expectedTotal.gradient.trace).toBeCloseTo(
        s.intrinsic.gradient.trace + s.exploration.gradient.trace,
        10,
      );
    }
    expect(start.split!.exploration.gradient.trace).toBeGreaterThan(
      10 * start.split!.intrinsic.gradient.trace,
    );
    expect(end.split!.intrinsic.gradient.trace).toBeGreaterThan(
      2 * end.split!.exploration.gradient.trace,
    );
    // Importance-sampled run: no split (p depends on the labels); the sampler's loss.
    const sampled = noise.points[2]!;
    expect(sampled.split).toBeUndefined();
    expect(sampled.samplerFactor).toBe(1);
    const s = sampled.sampled!;
    // p decreases with ℓ, so Σ pᵢℓᵢ ≤ mean ℓ (Chebyshev's sum inequality), here far below it.
    expect(s.sampledLoss).toBeLessThan(0.5 * s.trainLoss);
    expect(s.trainLoss).toBeCloseTo(result.runs[1]!.trajectory[0]!.trainLoss, 4);
    expect(s.effectiveExamples).toBeGreaterThan(1);
    expect(s.effectiveExamples).toBeLessThanOrEqual(m);
    // The grid's L equals the landscape's own training-loss grid (another evaluator).
    const grid = result.landscape!.values.trainLoss!;
    s.landscape!.trainLoss.forEach((v, i) =>
      expect(Math.abs(v - grid[i]!) / Math.max(1, Math.abs(grid[i]!))).toBeLessThan(1e-4),
    );
    s.landscape!.sampledLoss.forEach((v, i) =>
      expect(v).toBeLessThanOrEqual(s.landscape!.trainLoss[i]! * 1.5 + 1e-6),
    );
  });

  it('a huge U_c makes the sampler’s landscape the training loss', async () => {
    const result = await runExperiment(
      parseConfig({
        ...CONFIG,
        runs: [
          {
            optimizer: 'sgd',
            lr: 0.05,
            batchSize: 8,
            sampling: { kind: 'importance', temperature: 1e9 },
          },
        ],
        steps: 20,
        recordEvery: 10,
        noise: { at: 'final' },
      }),
      'cpu',
    );
    const s = result.noise!.points[0]!.sampled!;
    expect(s.effectiveExamples).toBeCloseTo(48, 4);
    s.landscape!.sampledLoss.forEach((v, i) => {
      const l = s.landscape!.trainLoss[i]!;
      expect(Math.abs(v - l) / Math.max(1, l)).toBeLessThan(1e-5);
    });
  });

  it('config checks name the field: no landscape, a missing run, an unrecorded step, a surface', () => {
    expect(recordedSteps({ steps: 25, recordEvery: 10 })).toEqual([0, 10, 20, 25]);
    const config = parseConfig({ ...CONFIG, noise: { runs: [0, 5], at: [0, 7] } });
    const message = (() => {
      try {
        checkNoise(config, config.noise!, false);
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        return (e as ConfigError).problems.join('\n');
      }
      return '';
    })();
    expect(message).toMatch(/noise: needs a landscape/);
    expect(message).toMatch(/noise\.runs\[1\]: run 5 does not exist/);
    expect(message).toMatch(/noise\.at\[1\]: step 7 is not recorded/);
    const surface = parseConfig({ problem: { kind: 'surface' }, landscape: {}, noise: {} });
    expect(() => checkNoise(surface, surface.noise!, true)).toThrow(/surfaces have no examples/);
    expect(() => parseConfig({ noise: { at: 'middle' } })).toThrow(/noise\.at/);
  });
});
