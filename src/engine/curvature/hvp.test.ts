import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_BACKENDS, useNodeBackend } from '../../../tests/unit/backend';
import { generateDataset } from '../data/datasets';
import { LinearRegressionProblem } from '../problems/linear-regression';
import { SurfaceProblem } from '../problems/surfaces';
import { tf } from '../tf';
import { hessianVectorProduct } from './hvp';

describe.each(NODE_BACKENDS)('hessianVectorProduct against known Hessians (%s)', (backend) => {
  beforeAll(() => useNodeBackend(backend));
  afterAll(() => undefined);

  it('quadratic ½(x² + κy²): H = diag(1, κ), for K rows at once', async () => {
    const problem = new SurfaceProblem({ surface: 'quadratic', kappa: 25 });
    const hv = tf.tidy(() =>
      hessianVectorProduct(
        problem,
        tf.tensor2d([0.3, -2, 5, 1], [2, 2]),
        tf.tensor2d([1, 0, -2, 0.5], [2, 2]),
      ),
    );
    expect(Array.from(await hv.data())).toEqual([1, 0, -2, 12.5]);
    hv.dispose();
  });

  it('Rosenbrock: H = [[2 − 400(y − 3x²), −400x], [−400x, 200]]', async () => {
    const problem = new SurfaceProblem({ surface: 'rosenbrock', kappa: 1 });
    const [x, y] = [-0.5, 0.75];
    const v = [0.2, -1.3];
    const h = [
      [2 - 400 * (y - 3 * x * x), -400 * x],
      [-400 * x, 200],
    ];
    const expected = [h[0]![0]! * v[0]! + h[0]![1]! * v[1]!, h[1]![0]! * v[0]! + h[1]![1]! * v[1]!];
    const hv = tf.tidy(() =>
      hessianVectorProduct(problem, tf.tensor2d([x, y], [1, 2]), tf.tensor2d(v, [1, 2])),
    );
    const actual = await hv.data();
    hv.dispose();
    expected.forEach((e, i) => expect(actual[i]).toBeCloseTo(e, 3));
  });

  it('linear least squares: H = (2/m) AᵀA, independent of θ', async () => {
    const data = generateDataset({
      kind: 'linear-design',
      points: 5,
      features: 7,
      noise: 0,
      testFraction: 0,
      seed: 1,
    });
    const problem = new LinearRegressionProblem(data);
    const m = 5;
    const p = 7;
    const v = Array.from({ length: p }, (_, i) => (i % 3) - 1 + 0.25 * i);
    const theta = Array.from({ length: p }, (_, i) => Math.sin(i));
    // (2/m) Aᵀ (A v), in float64.
    const av = Array.from({ length: m }, (_, r) =>
      v.reduce((s, vi, j) => s + data.xTrain[r * p + j]! * vi, 0),
    );
    const expected = Array.from(
      { length: p },
      (_, j) => (2 / m) * av.reduce((s, a, r) => s + data.xTrain[r * p + j]! * a, 0),
    );
    const hv = tf.tidy(() =>
      hessianVectorProduct(problem, tf.tensor2d(theta, [1, p]), tf.tensor2d(v, [1, p])),
    );
    const actual = await hv.data();
    hv.dispose();
    problem.dispose();
    expected.forEach((e, i) =>
      expect(Math.abs(actual[i]! - e)).toBeLessThan(1e-4 * (1 + Math.abs(e))),
    );
  });
});
