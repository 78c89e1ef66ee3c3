/**
 * The Hessian-eigenvector plane: its directions are orthonormal eigenvectors of the Hessian at the
 * centre (Hv ≈ λv, measured with Hessian-vector products), the grid curves along axis 1 at the
 * centre as λ₁ (a central second difference of the grid), the axis labels carry λ; and the rule
 * that turns a view's 'hessian' into the landscape computed (a surface keeps its axes).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../tests/unit/backend';
import { ViewSchema } from '../config/app';
import { parseConfig } from '../config/parse';
import { LandscapeSchema } from '../config/schema';
import { hessianOperator } from '../engine/curvature/operator';
import { hessianPlane } from '../engine/landscape/hessian-plane';
import { tf } from '../engine/tf';
import { trainToEnd } from '../engine/train/trainer';
import { buildExperiment, trainerOptions } from './build';
import { experimentLandscape, formatEigenvalue } from './landscape';
import { landscapeSpecFor } from './view';

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};

describe('the Hessian-eigenvector plane', () => {
  beforeAll(() => useNodeBackend('cpu'));

  it('spans orthonormal eigenvectors; the grid curves as λ₁ along axis 1 at the centre', async () => {
    const config = parseConfig({
      seed: 4,
      problem: { kind: 'mlp', hidden: [6], activation: 'tanh' },
      data: { kind: 'xor', points: 60 },
      runs: [{ optimizer: 'sgd', lr: 0.5 }],
      steps: 60,
      recordEvery: 20,
    });
    const e = buildExperiment(config);
    const P = e.problem.layout.size;
    const snapshots = await trainToEnd(trainerOptions(e));
    const trajectory = new Float32Array(snapshots.length * P);
    snapshots.forEach((s, t) => trajectory.set(s.theta, t * P));
    const centre = snapshots.at(-1)!.theta.slice(0, P);
    const before = tf.memory().numTensors;
    const l = await experimentLandscape(
      e,
      [trajectory],
      LandscapeSchema.parse({ directions: 'hessian', n: 11, range: [-0.1, 0.1] }),
    );
    expect(tf.memory().numTensors).toBe(before);
    const { d1, d2 } = l.plane!;
    expect(Array.from(l.plane!.centre)).toEqual(Array.from(centre));
    expect(dot(d1, d1)).toBeCloseTo(1, 5);
    expect(dot(d2, d2)).toBeCloseTo(1, 5);
    expect(Math.abs(dot(d1, d2))).toBeLessThan(1e-5);
    // Hv = λv for both, with λ from the plane's own computation.
    const eigen = await hessianPlane(e.problem, centre);
    const [h1, h2] = await hessianOperator(e.problem)(
      [centre, centre],
      [Float64Array.from(d1), Float64Array.from(d2)],
    );
    for (const [v, hv, lambda] of [
      [d1, h1!, eigen.values[0]],
      [d2, h2!, eigen.values[1]],
    ] as const) {
      let residual = 0;
      for (let i = 0; i < P; i++) residual += (hv[i]! - lambda * v[i]!) ** 2;
      expect(Math.sqrt(residual)).toBeLessThan(1e-3 * Math.abs(eigen.values[0]));
      expect(dot(v, hv)).toBeCloseTo(lambda, 4);
    }
    expect(eigen.values[0]).toBeGreaterThanOrEqual(eigen.values[1]);
    expect(eigen.values[0]).toBeGreaterThan(0.01);
    // Central second difference of the grid at the centre along axis 1 (and 2).
    const grid = l.grid.values.trainLoss!;
    const n = l.grid.n;
    const h = l.grid.a[6]! - l.grid.a[5]!;
    const at = (i: number, j: number) => grid[j * n + i]!;
    const along1 = (at(6, 5) - 2 * at(5, 5) + at(4, 5)) / (h * h);
    const along2 = (at(5, 6) - 2 * at(5, 5) + at(5, 4)) / (h * h);
    expect(Math.abs(along1 - eigen.values[0]) / eigen.values[0]).toBeLessThan(0.03);
    expect(Math.abs(along2 - eigen.values[1])).toBeLessThan(0.03 * eigen.values[0]);
    expect(l.axisLabels).toEqual([
      `v₁ (λ = ${formatEigenvalue(eigen.values[0])})`,
      `v₂ (λ = ${formatEigenvalue(eigen.values[1])})`,
    ]);
    expect(l.directions).toBe('hessian');
    // The same plane again (fixed signs): same picture.
    const again = await hessianPlane(e.problem, centre);
    expect(Array.from(again.d1)).toEqual(Array.from(eigen.d1));
    e.problem.dispose();
  });

  it('on the quadratic ½(x² + κy²) the plane is (e_y, e_x) with λ = κ, 1', async () => {
    const config = parseConfig({
      problem: { kind: 'surface', surface: 'quadratic', kappa: 4 },
      runs: [{ optimizer: 'sgd', lr: 0.01 }],
      theta0: [1, 1],
    });
    const e = buildExperiment(config);
    const plane = await hessianPlane(e.problem, e.theta0);
    expect(plane.values[0]).toBeCloseTo(4, 5);
    expect(plane.values[1]).toBeCloseTo(1, 5);
    expect(Array.from(plane.d1)).toEqual([expect.closeTo(0, 6), expect.closeTo(1, 6)]);
    expect(Array.from(plane.d2)).toEqual([expect.closeTo(1, 6), expect.closeTo(0, 6)]);
    e.problem.dispose();
  });

  it('labels eigenvalues with three significant digits', () => {
    expect(formatEigenvalue(3.5371)).toBe('3.54');
    expect(formatEigenvalue(-0.01234)).toBe('−0.0123');
    expect(formatEigenvalue(12345)).toBe('1.23e+4');
    expect(formatEigenvalue(0)).toBe('0.00');
  });
});

describe('landscapeSpecFor with a Hessian view', () => {
  const mlp = parseConfig({ runs: [{}, { optimizer: 'adam' }], steps: 10 });
  const surface = parseConfig({ problem: { kind: 'surface' }, runs: [{}, {}] });
  const view = ViewSchema.parse({ directions: 'hessian' });

  it('a network: the plane at run 0’s newest point; [−1, 1] until the runs have moved, then fitted', () => {
    expect(landscapeSpecFor(mlp, view, 1)).toMatchObject({
      directions: 'hessian',
      centre: { run: 0, at: 'final' },
      range: [-1, 1],
    });
    expect(landscapeSpecFor(mlp, view, 5)).toMatchObject({
      directions: 'hessian',
      centre: { run: 0, at: 'final' },
      range: 'fit',
    });
    expect(
      landscapeSpecFor(mlp, ViewSchema.parse({ directions: 'hessian', range: [-2, 2] }), 5),
    ).toMatchObject({ range: [-2, 2] });
  });

  it('an analytic surface keeps its own x, y axes', () => {
    expect(landscapeSpecFor(surface, view, 5)).toMatchObject({ directions: 'axes' });
  });

  it('the config accepts directions hessian and names the choices otherwise', () => {
    expect(LandscapeSchema.parse({ directions: 'hessian' }).directions).toBe('hessian');
    const bad = LandscapeSchema.safeParse({ directions: 'eigen' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.message).toBe(
      'must be random, pca, points, axes, hessian or varpro, or an explicit plane {"kind": "explicit", "d1": [...], "d2": [...], "centre": [...]}',
    );
  });
});
