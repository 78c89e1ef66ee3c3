import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../../tests/unit/backend';
import { generateDataset } from '../data/datasets';
import { meanLoss } from '../problems/problem';
import { TanhRegressionProblem } from '../problems/tanh-regression';
import { tf } from '../tf';
import {
  dynamicOutliers,
  reducedFit,
  reducedMinima,
  topByMagnitude,
  varProCoordinates,
  varProGrid,
  varProTheta,
  type VarProData,
} from './varpro-surface';

/**
 * An independent solver: the normal equations (ΦᵀΦ) α = ΦᵀY by Gauss–Jordan elimination with
 * partial pivoting, in float64, on Φ built here from the formula (not by the code under test).
 */
function directFit(data: VarProData, centres: number[], w: number, s: number) {
  const phiAt = (x: number) => centres.map((b) => Math.tanh(w * (x - b - s)));
  const phi = Array.from(data.xTrain, phiAt);
  const y = Array.from(data.yTrain);
  const d = centres.length;
  const a = Array.from({ length: d }, (_, i) => [
    ...Array.from({ length: d }, (_, j) => phi.reduce((t, r) => t + r[i]! * r[j]!, 0)),
    phi.reduce((t, r, k) => t + r[i]! * y[k]!, 0),
  ]);
  for (let c = 0; c < d; c++) {
    let pivot = c;
    for (let r = c + 1; r < d; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[pivot]![c]!)) pivot = r;
    [a[c], a[pivot]] = [a[pivot]!, a[c]!];
    for (let r = 0; r < d; r++) {
      if (r === c) continue;
      const f = a[r]![c]! / a[c]![c]!;
      for (let k = c; k <= d; k++) a[r]![k] = a[r]![k]! - f * a[c]![k]!;
    }
  }
  const alpha = a.map((row, i) => row[d]! / row[i]!);
  const predict = (x: number) => phiAt(x).reduce((t, f, i) => t + f * alpha[i]!, 0);
  const residual = y.map((yk, k) => yk - predict(data.xTrain[k]!));
  const train = residual.reduce((t, r) => t + r * r, 0) / y.length;
  let test = 0;
  for (let k = 0; k < data.xTest.length; k++)
    test += (data.yTest[k]! - predict(data.xTest[k]!)) ** 2;
  return { alpha, residual, train, test: test / data.xTest.length };
}

const dataset = generateDataset({
  kind: 'tanh-teacher',
  points: 50,
  noise: 0.1,
  testFraction: 0.2,
  teacherUnits: 3,
  teacherSlope: 2,
  seed: 8,
});
const data: VarProData = dataset;
const centres = [-1.5, -0.2, 0.7, 2];

describe('the exact (w, shift) landscape of the tanh model', () => {
  beforeAll(() => useNodeBackend('cpu'));

  it('equals a direct least-squares solve (normal equations) at every sampled grid point', () => {
    const w = [-2, 0.4, 1.3, 3.1];
    const s = [-0.8, 0, 0.55];
    const grid = varProGrid(data, centres, w, s);
    for (let j = 0; j < s.length; j++) {
      for (let i = 0; i < w.length; i++) {
        const direct = directFit(data, centres, w[i]!, s[j]!);
        expect(grid.trainLoss[j * w.length + i]).toBeCloseTo(direct.train, 9);
        expect(grid.testLoss[j * w.length + i]).toBeCloseTo(direct.test, 9);
        const fit = reducedFit(data, centres, w[i]!, s[j]!);
        direct.alpha.forEach((a, k) => expect(fit.alpha[k]).toBeCloseTo(a, 5));
      }
    }
    // The values are of the size of the noise (σ² = 0.01) where the fit is good, not ~0 or ~1.
    expect(Math.min(...grid.trainLoss)).toBeGreaterThan(0.005);
    expect(Math.min(...grid.trainLoss)).toBeLessThan(0.05);
  });

  it('is the mean of y² at w = 0 (Φ = 0) and even in w', () => {
    const y = Array.from(data.yTrain);
    expect(reducedFit(data, centres, 0, 0.3).trainLoss).toBeCloseTo(
      y.reduce((t, v) => t + v * v, 0) / y.length,
      12,
    );
    for (const [w, s] of [
      [0.7, 0.2],
      [2.4, -1.1],
    ] as const) {
      expect(reducedFit(data, centres, -w, s).trainLoss).toBeCloseTo(
        reducedFit(data, centres, w, s).trainLoss,
        12,
      );
    }
  });

  it('tends to the cubic least-squares fit as w → 0 (d = 4 centres span 1, x, x², x³ in the limit)', () => {
    // tanh(w (x − b)) = w (x − b) − w³ (x − b)³ / 3 + …: four distinct centres span the cubics.
    const cubic = (() => {
      const x = Array.from(data.xTrain);
      const y = Array.from(data.yTrain);
      const rows = x.map((v) => [1, v, v * v, v * v * v]);
      const a = [0, 1, 2, 3].map((i) => [
        ...[0, 1, 2, 3].map((j) => rows.reduce((t, r) => t + r[i]! * r[j]!, 0)),
        rows.reduce((t, r, k) => t + r[i]! * y[k]!, 0),
      ]);
      for (let c = 0; c < 4; c++)
        for (let r = 0; r < 4; r++) {
          if (r === c) continue;
          const f = a[r]![c]! / a[c]![c]!;
          for (let k = c; k <= 4; k++) a[r]![k] = a[r]![k]! - f * a[c]![k]!;
        }
      const coef = a.map((row, i) => row[4]! / row[i]!);
      return (
        rows.reduce((t, r, k) => t + (y[k]! - r.reduce((u, v, i) => u + v * coef[i]!, 0)) ** 2, 0) /
        y.length
      );
    })();
    // The gap closes like w²: ten times smaller w, about a hundred times smaller gap.
    const gap = (w: number) => Math.abs(reducedFit(data, centres, w, 0).trainLoss - cubic) / cubic;
    expect(gap(0.003)).toBeLessThan(5e-4);
    expect(gap(0.03) / gap(0.003)).toBeGreaterThan(50);
    expect(gap(0.03) / gap(0.003)).toBeLessThan(200);
    // Farther from 0 the tanh basis differs from the cubics; at w = 0 exactly Φ = 0.
    expect(Math.abs(reducedFit(data, centres, 1, 0).trainLoss - cubic) / cubic).toBeGreaterThan(
      1e-2,
    );
  });

  it('maps θ to (w, mean centre shift) and measures what the map drops', () => {
    const d = centres.length;
    const w = 1.3;
    const s = 0.4;
    const onSurface = varProTheta(data, centres, w, s);
    // Centres moved apart by δ (mean 0, so s is unchanged) and α moved away from α* by ε.
    const delta = [0.3, -0.1, -0.25, 0.05];
    const epsilon = [0.02, -0.04, 0.01, 0.03];
    const moved = Float64Array.from(onSurface);
    for (let i = 0; i < d; i++) {
      moved[1 + i] = moved[1 + i]! + delta[i]!;
      moved[1 + d + i] = moved[1 + d + i]! + epsilon[i]!;
    }
    const c = varProCoordinates(new Float32Array([...onSurface, ...moved]), centres, data);
    expect(c.a[0]).toBeCloseTo(w, 6);
    expect(c.b[0]).toBeCloseTo(s, 6);
    expect(c.b[1]).toBeCloseTo(s, 6);
    expect(c.offPlane[0]).toBeLessThan(2e-5); // only the float32 rounding of θ
    const expected = Math.sqrt([...delta, ...epsilon].reduce((t, v) => t + v * v, 0));
    expect(c.offPlane[1]).toBeCloseTo(expected, 4);
    const norm = Math.hypot(...moved);
    expect(c.offPlaneRelative[1]).toBeCloseTo(expected / norm, 4);
    // A hand example: w = 2, centres r + [1, 0, 0, 1] → s = 0.5.
    const theta = new Float32Array([
      2,
      ...centres.map((r, i) => r + (i % 3 === 0 ? 1 : 0)),
      0,
      0,
      0,
      0,
    ]);
    const hand = varProCoordinates(theta, centres, data);
    expect(hand.a[0]).toBe(2);
    expect(hand.b[0]).toBeCloseTo(0.5, 6);
  });

  it('gives the full model’s training loss at θ̂ = [w, r + s, α*(w, s)]', async () => {
    const problem = new TanhRegressionProblem(centres.length, dataset);
    const points: [number, number][] = [
      [0.8, -0.3],
      [1.9, 0.25],
      [3, 0.6],
    ];
    const thetas = points.map(([w, s]) => Array.from(varProTheta(data, centres, w, s)));
    const before = tf.memory().numTensors;
    const loss = tf.tidy(() =>
      meanLoss(problem, tf.tensor2d(thetas.flat(), [points.length, thetas[0]!.length]), 'train'),
    );
    const full = Array.from(await loss.data());
    loss.dispose();
    expect(tf.memory().numTensors).toBe(before);
    problem.dispose();
    points.forEach(([w, s], k) => {
      const reduced = reducedFit(data, centres, w, s).trainLoss;
      expect(Math.abs(full[k]! - reduced) / reduced).toBeLessThan(1e-4);
    });
  });

  it('lists as dynamic outliers the points with the largest residuals, largest first', () => {
    const w = 0.9;
    const s = -0.2;
    const { residual } = directFit(data, centres, w, s);
    const byHand = residual
      .map((r, k) => [Math.abs(r), k] as const)
      .sort((x, y) => y[0] - x[0])
      .slice(0, 4)
      .map(([, k]) => k);
    const out = dynamicOutliers(data, centres, w, s, 4);
    expect(out.indices).toEqual(byHand);
    out.residuals.forEach((r, i) => expect(r).toBeCloseTo(residual[out.indices[i]!]!, 8));
    // Every other point's residual is smaller than the smallest listed.
    const smallest = Math.abs(out.residuals[3]!);
    residual.forEach((r, k) => {
      if (!out.indices.includes(k)) expect(Math.abs(r)).toBeLessThanOrEqual(smallest);
    });
    expect(topByMagnitude([0.1, -3, 2, -2, 0], 3)).toEqual([1, 2, 3]);
  });

  it('finds the local minima: refined below the grid, zero gradient, mirror pairs in ±w', () => {
    const n = 41;
    const w = Float32Array.from({ length: n }, (_, i) => -3 + (6 * i) / (n - 1));
    const s = Float32Array.from({ length: n }, (_, j) => -2 + (4 * j) / (n - 1));
    const grid = varProGrid(data, centres, w, s);
    const minima = reducedMinima(data, centres, w, s, grid.trainLoss);
    expect(minima.length).toBeGreaterThanOrEqual(2);
    const L = (a: number, b: number) => reducedFit(data, centres, a, b).trainLoss;
    for (const m of minima) {
      expect(m.loss).toBeLessThanOrEqual(m.gridLoss);
      expect(m.loss).toBeCloseTo(L(m.w, m.s), 14);
      // Central differences: the gradient vanishes and the point is lower than its neighbours.
      const h = 1e-4;
      const gw = (L(m.w + h, m.s) - L(m.w - h, m.s)) / (2 * h);
      const gs = (L(m.w, m.s + h) - L(m.w, m.s - h)) / (2 * h);
      expect(Math.abs(gw)).toBeLessThan(1e-5);
      expect(Math.abs(gs)).toBeLessThan(1e-5);
      for (const [dw, ds] of [
        [1e-2, 0],
        [-1e-2, 0],
        [0, 1e-2],
        [0, -1e-2],
      ])
        expect(L(m.w + dw!, m.s + ds!)).toBeGreaterThan(m.loss);
      // The surface is even in w: every minimum has its mirror image with the same loss.
      const mirror = minima.find((o) => Math.abs(o.w + m.w) < 1e-4 && Math.abs(o.s - m.s) < 1e-4);
      expect(mirror?.loss).toBeCloseTo(m.loss, 10);
    }
    // Sorted lowest first; the global one is lower than the grid minimum.
    for (let k = 1; k < minima.length; k++)
      expect(minima[k]!.loss).toBeGreaterThanOrEqual(minima[k - 1]!.loss);
    expect(minima[0]!.loss).toBeLessThanOrEqual(Math.min(...grid.trainLoss));
  });
});
