import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_BACKENDS, useNodeBackend } from '../../../tests/unit/backend';
import { ALL_PROBLEMS, thetaFor } from '../../../tests/unit/problems';
import { hessianVectorProduct } from '../curvature/hvp';
import { Rng } from '../math/random';
import { tf, type Tensor2D } from '../tf';
import { reluAwayFromKinks } from './relu-kinks.fixture';
import { meanLoss, type Problem } from './problem';

const H = 2 ** -7;

/** Mean training loss at every row of a [n, P] matrix, in float64. */
async function losses(problem: Problem, rows: Float32Array, n: number): Promise<Float64Array> {
  const values = tf.tidy(() =>
    meanLoss(problem, tf.tensor2d(rows, [n, problem.layout.size]), 'train'),
  );
  const out = Float64Array.from(await values.data());
  values.dispose();
  return out;
}

/**
 * ∂L/∂θᵢ for all i by central differences with Richardson extrapolation,
 * R = (4 D(h) − D(2h)) / 3, D(h) = (L(θ + h eᵢ) − L(θ − h eᵢ)) / (actual step).
 * All 4P perturbed points are evaluated as one batch.
 */
async function finiteDifferenceGradient(
  problem: Problem,
  theta: Float32Array,
): Promise<Float64Array> {
  const p = theta.length;
  const rows = new Float32Array(4 * p * p);
  const offsets = [H, -H, 2 * H, -2 * H];
  for (let i = 0; i < p; i++) {
    offsets.forEach((o, j) => {
      const row = rows.subarray((4 * i + j) * p, (4 * i + j + 1) * p);
      row.set(theta);
      row[i] = theta[i]! + o;
    });
  }
  const l = await losses(problem, rows, 4 * p);
  const g = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    const step = (j: number) => rows[(4 * i + j) * p + i]! - theta[i]!;
    const d1 = (l[4 * i]! - l[4 * i + 1]!) / (step(0) - step(1));
    const d2 = (l[4 * i + 2]! - l[4 * i + 3]!) / (step(2) - step(3));
    g[i] = (4 * d1 - d2) / 3;
  }
  return g;
}

async function autodiffGradient(
  problem: Problem,
  theta: Float32Array,
  twice = false,
): Promise<Float64Array> {
  const g = tf.tidy(() =>
    tf.grad((th: tf.Tensor) => meanLoss(problem, th as Tensor2D, 'train', twice))(
      tf.tensor2d(theta, [1, theta.length]),
    ),
  );
  const out = Float64Array.from(await g.data());
  g.dispose();
  return out;
}

function expectVectorsClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  relTol: number,
  label: string,
): void {
  let scale = 1;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]!));
  for (let i = 0; i < expected.length; i++) {
    expect(
      Math.abs(actual[i]! - expected[i]!),
      `${label}, component ${i}: ${actual[i]} vs ${expected[i]}`,
    ).toBeLessThanOrEqual(relTol * scale);
  }
}

describe.each(NODE_BACKENDS)('gradients and Hessian-vector products (%s)', (backend) => {
  beforeAll(() => useNodeBackend(backend));
  const built: Problem[] = [];
  afterAll(() => built.forEach((p) => p.dispose()));

  it.each(ALL_PROBLEMS.map((c) => [c.label, c] as const))(
    '∇L of %s equals central finite differences',
    async (_label, c) => {
      const problem = c.build();
      built.push(problem);
      const theta = thetaFor(c, problem);
      const fd = await finiteDifferenceGradient(problem, theta);
      expectVectorsClose(await autodiffGradient(problem, theta), fd, 1e-3, 'gradient');
      // The twice-differentiable ops give the same gradient.
      expectVectorsClose(
        await autodiffGradient(problem, theta, true),
        fd,
        1e-3,
        'gradient (twice-differentiable ops)',
      );
    },
  );

  it('∇L of a ReLU network equals finite differences away from its kinks', async () => {
    // A 2-8-1 ReLU net at the first seed whose pre-activations all stay ≥ 0.05 from 0, so that
    // no ±2h perturbation crosses a kink.
    const { problem, theta } = reluAwayFromKinks();
    built.push(problem);
    expect(theta).not.toBeNull();
    expectVectorsClose(
      await autodiffGradient(problem, theta!),
      await finiteDifferenceGradient(problem, theta!),
      1e-3,
      'relu',
    );
  });

  it.each(ALL_PROBLEMS.map((c) => [c.label, c] as const))(
    'Hv of %s equals the finite difference of gradients along v',
    async (_label, c) => {
      const problem = c.build();
      built.push(problem);
      const theta = thetaFor(c, problem);
      const p = theta.length;
      const v = new Rng(99).normals(p);
      const hv = tf.tidy(() =>
        hessianVectorProduct(problem, tf.tensor2d(theta, [1, p]), tf.tensor2d(v, [1, p])),
      );
      const actual = Float64Array.from(await hv.data());
      hv.dispose();
      // (∇L(θ + εv) − ∇L(θ − εv)) / 2ε, Richardson-extrapolated.
      const at = (s: number) =>
        autodiffGradient(
          problem,
          theta.map((t, i) => t + s * v[i]!),
          true,
        );
      const e = 2 ** -8;
      const [gp, gm, gp2, gm2] = await Promise.all([at(e), at(-e), at(2 * e), at(-2 * e)]);
      const fd = gp.map(
        (_, i) => ((4 * (gp[i]! - gm[i]!)) / (2 * e) - (gp2[i]! - gm2[i]!) / (4 * e)) / 3,
      );
      expectVectorsClose(actual, fd, 5e-3, 'Hv');
    },
  );
});
