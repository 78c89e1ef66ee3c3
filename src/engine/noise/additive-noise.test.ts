/**
 * Additive gradient noise on an analytic surface: the pool's moments, the per-example losses and
 * the mini-batch gradient ∇f − ξ̄_b, by hand.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../../tests/unit/backend';
import { SurfaceProblem } from '../problems/surfaces';
import { meanLoss, weightedLoss } from '../problems/problem';
import { tf, type Tensor2D } from '../tf';
import { AdditiveNoiseProblem, noisePool } from './additive-noise';

beforeAll(async () => {
  await useNodeBackend('cpu');
});

describe('noisePool', () => {
  it('has mean 0 and population variance σ² in every coordinate', () => {
    const pool = noisePool(50, 3, 2.5, 7);
    for (let j = 0; j < 3; j++) {
      let mean = 0;
      let sq = 0;
      for (let i = 0; i < 50; i++) mean += pool[i * 3 + j]! / 50;
      for (let i = 0; i < 50; i++) sq += (pool[i * 3 + j]! - mean) ** 2 / 50;
      expect(Math.abs(mean)).toBeLessThan(1e-6);
      expect(sq).toBeCloseTo(6.25, 4);
    }
    expect(Array.from(noisePool(4, 2, 1, 3))).toEqual(Array.from(noisePool(4, 2, 1, 3)));
    expect(() => noisePool(1, 2, 1, 3)).toThrow(/m ≥ 2/);
  });
});

describe('AdditiveNoiseProblem', () => {
  it('has mean loss f and batch gradient ∇f − ξ̄ (quadratic ½(x² + κy²), by hand)', () => {
    const surface = new SurfaceProblem({ surface: 'quadratic', kappa: 4 });
    const pool = Float32Array.from([1, -2, -3, 0, 2, 2]); // ξ₁ = (1, −2), ξ₂ = (−3, 0), ξ₃ = (2, 2)
    const problem = new AdditiveNoiseProblem(surface, pool);
    expect(problem.size).toEqual({ train: 3, test: 1 });
    const start = tf.memory().numTensors;
    const theta = tf.tensor2d([0.5, -1, 2, 0.25], [2, 2]);
    const [perExample, mean, test] = tf.tidy(() => [
      problem.perExampleLoss(theta, 'train'),
      meanLoss(problem, theta, 'train'),
      problem.perExampleLoss(theta, 'test'),
    ]);
    const f = [0.5 * (0.25 + 4 * 1), 0.5 * (4 + 4 * 0.0625)];
    const expected = [
      [f[0]! - (0.5 + 2), f[0]! - -1.5, f[0]! - (1 - 2)],
      [f[1]! - (2 - 0.5), f[1]! - -6, f[1]! - (4 + 0.5)],
    ];
    (perExample!.arraySync() as number[][]).forEach((row, k) =>
      row.forEach((v, i) => expect(v).toBeCloseTo(expected[k]![i]!, 5)),
    );
    (mean!.arraySync() as number[]).forEach((v, k) => expect(v).toBeCloseTo(f[k]!, 5));
    (test!.arraySync() as number[][]).forEach((row, k) => expect(row[0]).toBeCloseTo(f[k]!, 5));
    // Batch {ξ₁, ξ₃} for row 0, {ξ₂} for row 1: gradient (x, κy) − ξ̄.
    const weights = tf.tensor2d([0.5, 0, 0.5, 0, 1, 0], [2, 3]);
    const grad = tf.grad((t: tf.Tensor) => tf.sum(weightedLoss(problem, t as Tensor2D, weights)))(
      theta,
    );
    const g = grad.arraySync() as number[][];
    expect(g[0]![0]).toBeCloseTo(0.5 - 1.5, 5);
    expect(g[0]![1]).toBeCloseTo(-4 - 0, 5);
    expect(g[1]![0]).toBeCloseTo(2 + 3, 5);
    expect(g[1]![1]).toBeCloseTo(1 - 0, 5);
    tf.dispose([theta, perExample!, mean!, test!, weights, grad]);
    problem.dispose();
    expect(tf.memory().numTensors).toBe(start - 1); // the pool tensor, made before `start`
    expect(() => new AdditiveNoiseProblem(surface, Float32Array.from([1, 2, 3]))).toThrow(
      /multiple of P = 2/,
    );
  });
});
