import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../../tests/unit/backend';
import { generateDataset, tanhModel } from '../data/datasets';
import { tf } from '../tf';
import { meanLoss } from './problem';
import { TanhRegressionProblem } from './tanh-regression';
import { varProCurve, varProPoint } from './varpro';

/** Solves the normal equations (ΦᵀΦ) α = ΦᵀY by Cholesky, in float64: an independent solver. */
function normalEquations(phi: number[][], y: number[]): number[] {
  const d = phi[0]!.length;
  const a = Array.from({ length: d }, (_, i) =>
    Array.from({ length: d }, (_, j) => phi.reduce((s, r) => s + r[i]! * r[j]!, 0)),
  );
  const b = Array.from({ length: d }, (_, i) => phi.reduce((s, r, k) => s + r[i]! * y[k]!, 0));
  const l = a.map(() => new Array<number>(d).fill(0));
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i]![j]!;
      for (let k = 0; k < j; k++) s -= l[i]![k]! * l[j]![k]!;
      l[i]![j] = i === j ? Math.sqrt(s) : s / l[j]![j]!;
    }
  }
  const z = new Array<number>(d).fill(0);
  for (let i = 0; i < d; i++)
    z[i] = (b[i]! - l[i]!.slice(0, i).reduce((s, v, k) => s + v * z[k]!, 0)) / l[i]![i]!;
  const x = new Array<number>(d).fill(0);
  for (let i = d - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let k = i + 1; k < d; k++) s -= l[k]![i]! * x[k]!;
    x[i] = s / l[i]![i]!;
  }
  return x;
}

const data = generateDataset({
  kind: 'tanh-teacher',
  points: 40,
  noise: 0.1,
  testFraction: 0,
  teacherUnits: 3,
  teacherSlope: 2,
  seed: 8,
});
const x = Array.from(data.xTrain);
const y = Array.from(data.yTrain);
const centres = [-1.5, -0.2, 0.7, 2];

describe('variable projection for the tanh model', () => {
  beforeAll(() => useNodeBackend('cpu'));
  afterAll(() => undefined);

  it.each([0.3, 1, 2.5, 6])('L(w = %d) equals a direct least-squares solve', (w) => {
    const phi = x.map((xk) => centres.map((b) => Math.tanh(w * (xk - b))));
    const alpha = normalEquations(phi, y);
    const direct =
      y.reduce((s, yk, k) => s + (yk - phi[k]!.reduce((t, f, i) => t + f * alpha[i]!, 0)) ** 2, 0) /
      y.length;
    const point = varProPoint(x, y, centres, w);
    expect(point.loss).toBeCloseTo(direct, 10);
    alpha.forEach((a, i) => expect(point.alpha[i]).toBeCloseTo(a, 6));
  });

  it('is the minimum over α of the training loss of TanhRegressionProblem', async () => {
    const problem = new TanhRegressionProblem(centres.length, data);
    const w = 1.7;
    const { loss, alpha } = varProPoint(x, y, centres, w);
    const theta = [w, ...centres, ...alpha];
    const perturbed = theta.map((t, i) => (i > centres.length ? t + 0.05 : t));
    const l = tf.tidy(() =>
      meanLoss(problem, tf.tensor2d([...theta, ...perturbed], [2, theta.length]), 'train'),
    );
    const [atOptimum, elsewhere] = Array.from(await l.data());
    l.dispose();
    problem.dispose();
    expect(atOptimum).toBeCloseTo(loss, 5);
    expect(elsewhere!).toBeGreaterThan(loss);
  });

  it('is zero at the teacher when the centres are the teacher centres and there is no noise', () => {
    const clean = generateDataset({
      kind: 'tanh-teacher',
      points: 30,
      noise: 0,
      testFraction: 0,
      teacherUnits: 2,
      teacherSlope: 2,
      seed: 1,
    });
    const teacher = clean.teacher!;
    const b = [teacher[1]!, teacher[2]!];
    expect(clean.yTrain[0]).toBeCloseTo(
      tanhModel(clean.xTrain[0]!, 2, b, [teacher[3]!, teacher[4]!]),
      5,
    );
    const curve = varProCurve(clean.xTrain, clean.yTrain, b, [1, 2, 3]);
    expect(curve[1]).toBeLessThan(1e-12);
    expect(curve[0]).toBeGreaterThan(1e-6);
    expect(curve[2]).toBeGreaterThan(1e-6);
  });
});
