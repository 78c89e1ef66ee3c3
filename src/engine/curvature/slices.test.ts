/**
 * Slices and the interpolation against independent numbers: the closed form ½λs² of a quadratic
 * along a unit eigenvector, the ordinary loss function evaluated one point at a time on an MLP,
 * and the two endpoints of the interpolation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_BACKENDS, useNodeBackend } from '../../../tests/unit/backend';
import { generateDataset } from '../data/datasets';
import { Rng } from '../math/random';
import { buildProblem } from '../problems/build';
import { meanLoss, type Problem } from '../problems/problem';
import { SurfaceProblem } from '../problems/surfaces';
import { tf } from '../tf';
import {
  evaluateRows,
  lossInterpolation,
  lossSlice,
  slicePoints,
  symmetricCoordinates,
} from './slices';

/** MLP 2-6-5-1 tanh on 60 points of two spirals (P = 59). */
function smallMlp(): Problem {
  return buildProblem(
    { kind: 'mlp', hidden: [6, 5], activation: 'tanh' },
    generateDataset({
      kind: 'spiral',
      points: 60,
      noise: 0.05,
      testFraction: 0.25,
      margin: 0.2,
      seed: 5,
    }),
  );
}

/** The loss and accuracy at one θ with the ordinary (one-row) loss function. */
async function pointMetrics(
  problem: Problem,
  theta: Float32Array,
): Promise<{ trainLoss: number; testLoss: number; trainAccuracy: number; testAccuracy: number }> {
  const P = theta.length;
  const values = tf.tidy(() => {
    const th = tf.tensor2d(theta, [1, P]);
    return [
      meanLoss(problem, th, 'train'),
      meanLoss(problem, th, 'test'),
      problem.accuracy!(th, 'train'),
      problem.accuracy!(th, 'test'),
    ];
  });
  const [trainLoss, testLoss, trainAccuracy, testAccuracy] = await Promise.all(
    values.map(async (t) => (await t.data())[0]!),
  );
  tf.dispose(values);
  return {
    trainLoss: trainLoss!,
    testLoss: testLoss!,
    trainAccuracy: trainAccuracy!,
    testAccuracy: testAccuracy!,
  };
}

describe('slice coordinates', () => {
  it('are symmetric about 0 with s = 0 exactly in the middle', () => {
    const s = symmetricCoordinates(41, 0.3);
    expect(s.length).toBe(41);
    expect(s[0]).toBeCloseTo(-0.3, 7);
    expect(s[40]).toBeCloseTo(0.3, 7);
    expect(s[20]).toBe(0);
    for (let i = 0; i < 41; i++) expect(s[i]! + s[40 - i]!).toBeCloseTo(0, 6);
    expect(() => symmetricCoordinates(1, 1)).toThrow(/points must be a whole number ≥ 2/);
    expect(() => symmetricCoordinates(5, 0)).toThrow(/half-width must be finite and > 0/);
  });

  it('rows are θ + s·d', () => {
    const rows = slicePoints(Float32Array.from([1, 2]), [0.5, -1], [-2, 0, 3]);
    expect(Array.from(rows)).toEqual([0, 4, 1, 2, 2.5, -1]);
  });
});

describe.each(NODE_BACKENDS)('slices and interpolation (%s)', (backend) => {
  beforeAll(() => useNodeBackend(backend));
  let mlp: Problem;
  beforeAll(() => {
    mlp = smallMlp();
  });
  afterAll(() => mlp.dispose());

  it('on ½θᵀAθ the slice along a unit eigenvector is ½λs² (and the mixed direction is ½ sᵀAs)', async () => {
    const kappa = 9;
    const problem = new SurfaceProblem({ surface: 'quadratic', kappa });
    const centre = new Float32Array(2);
    const s = symmetricCoordinates(21, 2);
    const along = async (d: number[]) =>
      (await lossSlice(problem, centre, d, s, ['trainLoss'])).trainLoss!;
    const x = await along([1, 0]);
    const y = await along([0, 1]);
    const diagonal = await along([Math.SQRT1_2, Math.SQRT1_2]);
    for (let g = 0; g < s.length; g++) {
      const sg = s[g]!;
      expect(x[g]).toBeCloseTo(0.5 * sg * sg, 5);
      expect(y[g]).toBeCloseTo(0.5 * kappa * sg * sg, 4);
      // v = (1, 1)/√2: vᵀAv = (1 + κ)/2.
      expect(diagonal[g]).toBeCloseTo(0.25 * (1 + kappa) * sg * sg, 4);
    }
    // Off the minimum: L(θ + s e_y) = ½(x₀² + κ(y₀ + s)²).
    const off = (await lossSlice(problem, Float32Array.from([1, -0.5]), [0, 1], s, ['trainLoss']))
      .trainLoss!;
    for (let g = 0; g < s.length; g++)
      expect(off[g]).toBeCloseTo(0.5 * (1 + kappa * (s[g]! - 0.5) ** 2), 4);
    problem.dispose();
  });

  it('an MLP slice equals the ordinary loss and accuracy computed point by point', async () => {
    const P = mlp.layout.size;
    const rng = new Rng(3);
    const theta = mlp.init(rng);
    const direction = rng.normals(P);
    const s = symmetricCoordinates(7, 0.5);
    const before = tf.memory().numTensors;
    const metrics = ['trainLoss', 'testLoss', 'trainAccuracy', 'testAccuracy'] as const;
    // A chunk of 3 rows: the chunks' seams are covered too.
    const slice = await lossSlice(mlp, theta, direction, s, metrics, { chunkSize: 3 });
    expect(tf.memory().numTensors).toBe(before);
    const rows = slicePoints(theta, direction, s);
    for (let g = 0; g < s.length; g++) {
      const point = await pointMetrics(mlp, rows.slice(g * P, (g + 1) * P));
      expect(slice.trainLoss![g]).toBeCloseTo(point.trainLoss, 5);
      expect(slice.testLoss![g]).toBeCloseTo(point.testLoss, 5);
      expect(slice.trainAccuracy![g]).toBeCloseTo(point.trainAccuracy, 6);
      expect(slice.testAccuracy![g]).toBeCloseTo(point.testAccuracy, 6);
    }
    // The middle point is θ itself.
    const atTheta = await pointMetrics(mlp, theta);
    expect(slice.trainLoss![3]).toBeCloseTo(atTheta.trainLoss, 6);
    // The losses along a random direction through a random θ are not all alike.
    expect(Math.max(...slice.trainLoss!) - Math.min(...slice.trainLoss!)).toBeGreaterThan(0.01);
  });

  it('the interpolation is θ_a at t = 0 and θ_b at t = 1, and linear in between', async () => {
    const rng = new Rng(8);
    const a = mlp.init(rng);
    const b = mlp.init(rng);
    const ts = Float32Array.from([-1, -0.5, 0, 0.25, 1, 2]);
    const metrics = ['trainLoss', 'testLoss', 'trainAccuracy', 'testAccuracy'] as const;
    const line = await lossInterpolation(mlp, a, b, ts, metrics);
    const [atA, atB] = [await pointMetrics(mlp, a), await pointMetrics(mlp, b)];
    for (const metric of metrics) {
      // Same rows, same program shape per row: equal to float32 rounding of a batched reduction.
      expect(line[metric]![2]).toBeCloseTo(atA[metric], 6);
      expect(line[metric]![4]).toBeCloseTo(atB[metric], 6);
    }
    const P = a.length;
    const mid = Float32Array.from(a, (x, i) => 0.75 * x + 0.25 * b[i]!);
    expect(line.trainLoss![3]).toBeCloseTo((await pointMetrics(mlp, mid)).trainLoss, 5);
    const beyond = Float32Array.from(a, (x, i) => -1 * x + 2 * b[i]!);
    expect(line.trainLoss![5]).toBeCloseTo((await pointMetrics(mlp, beyond)).trainLoss, 5);
    expect(P).toBe(59);
  });

  it('stops before the next chunk when cancelled, with the signal’s reason', async () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    controller.abort(reason);
    const rows = new Float32Array(4 * mlp.layout.size);
    await expect(
      evaluateRows(mlp, rows, ['trainLoss'], { signal: controller.signal }),
    ).rejects.toBe(reason);
    await expect(evaluateRows(mlp, new Float32Array(5), ['trainLoss'])).rejects.toThrow(
      /not whole rows of P = 59/,
    );
  });
});
