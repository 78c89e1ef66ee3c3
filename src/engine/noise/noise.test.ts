import { beforeAll, describe, expect, it } from 'vitest';
import { NODE_BACKENDS, useNodeBackend } from '../../../tests/unit/backend';
import { generateDataset, type Dataset } from '../data/datasets';
import { Rng } from '../math/random';
import { buildProblem } from '../problems/build';
import { weightedLoss, type Problem } from '../problems/problem';
import { tf, type Tensor2D } from '../tf';
import {
  ellipseAxes,
  gramOf,
  projectedNoiseCovariance,
  stepCovarianceInPlane,
  withoutReplacementFactor,
  type Symmetric2,
} from './covariance';
import { splitSquaredLossNoise } from './label-noise-split';
import { planeNoise } from './noise';
import { projectedPerExampleGradients } from './projected-gradients';
import { teacherTargets } from './teacher';

function randomVector(n: number, seed: number, scale = 1): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: n }, () => scale * rng.normal());
}

function linearDesign(points: number, features: number, noise: number): Dataset {
  return generateDataset({
    kind: 'linear-design',
    points,
    features,
    noise,
    testFraction: 0,
    seed: 5,
  });
}

/** Per-example gradients [m, P] by tf.grad: K = m tiled rows of θ with identity example weights. */
function perExampleGradientsByTfGrad(problem: Problem, theta: Float32Array): Float64Array {
  const m = problem.size.train;
  const p = theta.length;
  const g = tf.tidy(() => {
    const tiled = tf.tile(tf.tensor2d(theta, [1, p]), [m, 1]);
    const eye = tf.eye(m) as Tensor2D;
    return tf.grad((th: tf.Tensor) => tf.sum(weightedLoss(problem, th as Tensor2D, eye)))(tiled);
  });
  const out = Float64Array.from(g.dataSync());
  g.dispose();
  return out;
}

/** Dᵀ C D from full per-example gradients [m, P], with the P×P matrix C formed explicitly (float64). */
function bruteForceProjected(
  grads: Float64Array,
  m: number,
  d1: ArrayLike<number>,
  d2: ArrayLike<number>,
  batchSize: number,
): Symmetric2 {
  const p = grads.length / m;
  const mean = new Float64Array(p);
  for (let i = 0; i < m; i++) for (let a = 0; a < p; a++) mean[a]! += grads[i * p + a]! / m;
  const c = new Float64Array(p * p);
  for (let i = 0; i < m; i++)
    for (let a = 0; a < p; a++)
      for (let b = 0; b < p; b++) c[a * p + b]! += (grads[i * p + a]! * grads[i * p + b]!) / m;
  for (let a = 0; a < p; a++)
    for (let b = 0; b < p; b++) c[a * p + b] = (c[a * p + b]! - mean[a]! * mean[b]!) / batchSize;
  const quad = (u: ArrayLike<number>, v: ArrayLike<number>) => {
    let s = 0;
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) s += u[a]! * c[a * p + b]! * v[b]!;
    return s;
  };
  return { xx: quad(d1, d1), xy: quad(d1, d2), yy: quad(d2, d2) };
}

function expectClose(actual: Symmetric2, expected: Symmetric2, relative: number): void {
  const scale = Math.max(Math.abs(expected.xx), Math.abs(expected.yy), 1e-30);
  for (const key of ['xx', 'xy', 'yy'] as const)
    expect(Math.abs(actual[key] - expected[key]) / scale).toBeLessThan(relative);
}

describe('2×2 covariance helpers', () => {
  it('ellipseAxes: [[2, 1], [1, 2]] has λ = 3, 1 along (1, 1)/√2 and (−1, 1)/√2', () => {
    const e = ellipseAxes({ xx: 2, xy: 1, yy: 2 });
    expect(e.eigenvalues[0]).toBeCloseTo(3, 14);
    expect(e.eigenvalues[1]).toBeCloseTo(1, 14);
    expect(e.axes[0][0]).toBeCloseTo(Math.SQRT1_2, 14);
    expect(e.axes[0][1]).toBeCloseTo(Math.SQRT1_2, 14);
    expect(e.axes[1][0]).toBeCloseTo(-Math.SQRT1_2, 14);
    expect(e.angle).toBeCloseTo(Math.PI / 4, 14);
    expect(e.trace).toBe(4);
  });

  it('ellipseAxes: diagonal [[1, 0], [0, 5]] has its major axis along y', () => {
    const e = ellipseAxes({ xx: 1, xy: 0, yy: 5 });
    expect(e.eigenvalues).toEqual([5, 1]);
    expect(e.axes[0][0]).toBeCloseTo(0, 14);
    expect(Math.abs(e.axes[0][1])).toBeCloseTo(1, 14);
  });

  it('stepCovarianceInPlane: orthonormal D gives η²C; d₁ = 2e₁ halves the first coordinate', () => {
    const c = { xx: 4, xy: 1, yy: 2 };
    expectClose(
      stepCovarianceInPlane(c, { xx: 1, xy: 0, yy: 1 }, 0.1),
      { xx: 0.04, xy: 0.01, yy: 0.02 },
      1e-14,
    );
    // D = [2e₁, e₂]: DᵀD = diag(4, 1), M = diag(1/4, 1): M C M = [[4/16, 1/4], [1/4, 2]].
    expectClose(
      stepCovarianceInPlane(c, { xx: 4, xy: 0, yy: 1 }, 1),
      { xx: 0.25, xy: 0.25, yy: 2 },
      1e-14,
    );
    expect(() => stepCovarianceInPlane(c, { xx: 1, xy: 1, yy: 1 }, 1)).toThrow(
      /linearly dependent/,
    );
  });

  it('projectedNoiseCovariance is the covariance of i.i.d. mini-batch means (Monte Carlo)', () => {
    const m = 30;
    const batch = 4;
    const rng = new Rng(3);
    const g = Float64Array.from({ length: 2 * m }, (_, i) => rng.normal() * (i % 2 ? 1 : 3) + 0.5);
    const c = projectedNoiseCovariance(g, batch);
    const draws = 40_000;
    let sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0; // prettier-ignore
    for (let t = 0; t < draws; t++) {
      let bx = 0;
      let by = 0;
      for (let b = 0; b < batch; b++) {
        const i = rng.int(m);
        bx += g[2 * i]! / batch;
        by += g[2 * i + 1]! / batch;
      }
      sx += bx;
      sy += by;
      sxx += bx * bx;
      sxy += bx * by;
      syy += by * by; // prettier-ignore
    }
    const mx = sx / draws;
    const my = sy / draws;
    const empirical = {
      xx: sxx / draws - mx * mx,
      xy: sxy / draws - mx * my,
      yy: syy / draws - my * my,
    };
    // Standard error of a variance estimate ≈ √(2/n)·σ² (≈ 0.7 % here): allow 4 %.
    expectClose(empirical, c, 0.04);
  });

  it('withoutReplacementFactor: (m − B)/(m − 1), 0 for a full batch', () => {
    expect(withoutReplacementFactor(11, 1)).toBe(1);
    expect(withoutReplacementFactor(11, 6)).toBe(0.5);
    expect(withoutReplacementFactor(11, 11)).toBe(0);
  });
});

describe.each(NODE_BACKENDS)('projected gradient noise (%s)', (backend) => {
  beforeAll(() => useNodeBackend(backend));

  it('linear regression: Dᵀ∇ℓᵢ = 2(aᵢ·θ − yᵢ)Dᵀaᵢ (closed form, float64)', () => {
    const data = linearDesign(12, 5, 0.3);
    const problem = buildProblem({ kind: 'linear-regression' }, data);
    const theta = randomVector(5, 1);
    const [d1, d2] = [randomVector(5, 2), randomVector(5, 3)];
    const g = projectedPerExampleGradients(problem, theta, [d1, d2]);
    const expected = new Float64Array(24);
    for (let i = 0; i < 12; i++) {
      let r = -data.yTrain[i]!;
      let a1 = 0;
      let a2 = 0;
      for (let j = 0; j < 5; j++) {
        const a = data.xTrain[i * 5 + j]!;
        r += a * theta[j]!;
        a1 += a * d1[j]!;
        a2 += a * d2[j]!;
      }
      expected[2 * i] = 2 * r * a1;
      expected[2 * i + 1] = 2 * r * a2;
    }
    const scale = Math.max(...expected.map(Math.abs));
    for (let i = 0; i < 24; i++) expect(Math.abs(g[i]! - expected[i]!) / scale).toBeLessThan(2e-6);
    problem.dispose();
  });

  it('MLP 2-5-4-1 tanh: DᵀCD equals the brute-force P×P covariance of tf.grad per-example gradients', () => {
    const data = generateDataset({
      kind: 'moons',
      points: 40,
      noise: 0.1,
      testFraction: 0.25,
      margin: 0,
      seed: 7,
    });
    const problem = buildProblem({ kind: 'mlp', hidden: [5, 4], activation: 'tanh' }, data);
    const p = problem.layout.size;
    const theta = problem.init(new Rng(4));
    const [d1, d2] = [randomVector(p, 5, 0.3), randomVector(p, 6, 0.3)];
    const m = problem.size.train;
    const brute = bruteForceProjected(perExampleGradientsByTfGrad(problem, theta), m, d1, d2, 8);
    const noise = planeNoise(problem, theta, d1, d2, { batchSize: 8, lr: 0.1 });
    expectClose(noise.total.gradient, brute, 1e-4);
    expect(noise.total.gradient.xx).toBeGreaterThan(0);
    expect(noise.total.gradientAxes.trace).toBeCloseTo(brute.xx + brute.yy, 5);
    problem.dispose();
  });

  it('logistic regression and tanh regression: projected per-example gradients equal tf.grad’s', () => {
    const cls = generateDataset({
      kind: 'gaussians',
      points: 24,
      noise: 0.1,
      testFraction: 0,
      margin: 0,
      seed: 2,
    });
    const reg = generateDataset({
      kind: 'tanh-teacher', points: 20, noise: 0.2, testFraction: 0, teacherUnits: 3, teacherSlope: 2, seed: 3,
    }); // prettier-ignore
    for (const problem of [
      buildProblem({ kind: 'logistic' }, cls),
      buildProblem({ kind: 'tanh-regression', units: 4 }, reg),
    ]) {
      const p = problem.layout.size;
      const m = problem.size.train;
      const theta = problem.init(new Rng(8));
      const [d1, d2] = [randomVector(p, 9), randomVector(p, 10)];
      const full = perExampleGradientsByTfGrad(problem, theta);
      const g = projectedPerExampleGradients(problem, theta, [d1, d2]);
      let scale = 0;
      const expected = new Float64Array(2 * m);
      for (let i = 0; i < m; i++)
        for (let a = 0; a < p; a++) {
          expected[2 * i]! += full[i * p + a]! * d1[a]!;
          expected[2 * i + 1]! += full[i * p + a]! * d2[a]!;
        }
      for (const v of expected) scale = Math.max(scale, Math.abs(v));
      for (let i = 0; i < 2 * m; i++)
        expect(Math.abs(g[i]! - expected[i]!) / scale, problem.name).toBeLessThan(1e-5);
      problem.dispose();
    }
  });

  it('label-noise split: intrinsic + exploration = E_ε[C] exactly; linear regression at θ* is pure intrinsic', () => {
    const m = 10;
    const sigma = 0.4;
    const batchSize = 3;
    const data = linearDesign(m, 4, sigma);
    const clean = teacherTargets(data, 'linear-design');
    const problem = buildProblem({ kind: 'linear-regression' }, data);
    const theta = randomVector(4, 11, 0.5);
    const [d1, d2] = [randomVector(4, 12), randomVector(4, 13)];
    const noise = planeNoise(problem, theta, d1, d2, {
      batchSize,
      lr: 1,
      labelNoise: { labels: data.yTrain, cleanTargets: clean, sigma },
    });
    const split = noise.split!;
    // The split's total at the observed labels is the general (loss-gradient) covariance.
    expectClose(split.expectedTotal.gradient, {
      xx: split.intrinsic.gradient.xx + split.exploration.gradient.xx,
      xy: split.intrinsic.gradient.xy + split.exploration.gradient.xy,
      yy: split.intrinsic.gradient.yy + split.exploration.gradient.yy,
    }, 1e-15); // prettier-ignore
    // Exact expectation over label noise: ε = ±σ√m eⱼ (2m designs) has E[ε] = 0, E[εεᵀ] = σ²I,
    // and C is quadratic in ε, so the mean of C over the designs is E_ε[C].
    const h = new Float64Array(m);
    const gh = new Float64Array(2 * m);
    for (let i = 0; i < m; i++)
      for (let j = 0; j < 4; j++) {
        const a = data.xTrain[i * 4 + j]!;
        h[i]! += a * theta[j]!;
        gh[2 * i]! += a * d1[j]!;
        gh[2 * i + 1]! += a * d2[j]!;
      }
    const mean = { xx: 0, xy: 0, yy: 0 };
    for (let j = 0; j < m; j++)
      for (const sign of [-1, 1]) {
        const labels = Float64Array.from(clean);
        labels[j]! += sign * sigma * Math.sqrt(m);
        const c = splitSquaredLossNoise({
          outputs: h,
          labels,
          cleanTargets: clean,
          sigma,
          outputGradients: gh,
          batchSize,
        }).total;
        mean.xx += c.xx / (2 * m);
        mean.xy += c.xy / (2 * m);
        mean.yy += c.yy / (2 * m);
      }
    expectClose(split.expectedTotal.gradient, mean, 1e-5);
    // Closed-form intrinsic term: (4σ²/B)(1/m)(1 − 1/m) Σ (Dᵀaᵢ)(Dᵀaᵢ)ᵀ.
    const f = ((4 * sigma * sigma) / (batchSize * m)) * (1 - 1 / m);
    let xx = 0, xy = 0, yy = 0; // prettier-ignore
    for (let i = 0; i < m; i++) {
      xx += gh[2 * i]! * gh[2 * i]!;
      xy += gh[2 * i]! * gh[2 * i + 1]!;
      yy += gh[2 * i + 1]! * gh[2 * i + 1]!;
    }
    expectClose(split.intrinsic.gradient, { xx: f * xx, xy: f * xy, yy: f * yy }, 1e-5);
    // At the teacher θ* the model fits the clean targets: no exploration noise left.
    const atTeacher = planeNoise(problem, data.teacher!, d1, d2, {
      batchSize,
      lr: 1,
      labelNoise: { labels: data.yTrain, cleanTargets: clean, sigma },
    });
    expect(atTeacher.split!.exploration.gradientAxes.trace).toBeLessThan(
      1e-9 * split.intrinsic.gradientAxes.trace,
    );
    expectClose(atTeacher.split!.intrinsic.gradient, split.intrinsic.gradient, 1e-5);
    // The realised total equals the covariance of the loss gradients at the observed labels.
    expectClose(
      splitSquaredLossNoise({
        outputs: h,
        labels: data.yTrain,
        cleanTargets: clean,
        sigma,
        outputGradients: gh,
        batchSize,
      }).total,
      noise.total.gradient,
      1e-5,
    );
    problem.dispose();
  });

  it('planeNoise with probabilities p weighs the examples by p', () => {
    const data = linearDesign(6, 3, 0.1);
    const problem = buildProblem({ kind: 'linear-regression' }, data);
    const theta = randomVector(3, 1);
    const [d1, d2] = [randomVector(3, 2), randomVector(3, 3)];
    const g = projectedPerExampleGradients(problem, theta, [d1, d2]);
    // p concentrated on examples 0 and 1 (½ each): C = (1/B)·¼(g₀ − g₁)(g₀ − g₁)ᵀ.
    const p = [0.5, 0.5, 0, 0, 0, 0];
    const c = planeNoise(problem, theta, d1, d2, { batchSize: 2, lr: 1, probabilities: p }).total
      .gradient;
    const dx = g[0]! - g[2]!;
    const dy = g[1]! - g[3]!;
    expectClose(c, { xx: (dx * dx) / 8, xy: (dx * dy) / 8, yy: (dy * dy) / 8 }, 1e-12);
    expect(gramOf([1, 2], [3, 4])).toEqual({ xx: 5, xy: 11, yy: 25 });
    problem.dispose();
  });

  it('no tensor leaks across repeated noise computations', () => {
    const data = generateDataset({
      kind: 'tanh-teacher',
      points: 16,
      noise: 0.2,
      testFraction: 0,
      teacherUnits: 2,
      teacherSlope: 1.5,
      seed: 1,
    });
    const problem = buildProblem({ kind: 'tanh-regression', units: 3 }, data);
    const p = problem.layout.size;
    const theta = problem.init(new Rng(1));
    const options = {
      batchSize: 4,
      lr: 0.1,
      labelNoise: {
        labels: data.yTrain,
        cleanTargets: teacherTargets(data, 'tanh-teacher'),
        sigma: 0.2,
      },
    };
    planeNoise(problem, theta, randomVector(p, 1), randomVector(p, 2), options);
    const before = tf.memory().numTensors;
    for (let r = 0; r < 3; r++)
      planeNoise(problem, theta, randomVector(p, 1), randomVector(p, 2), options);
    expect(tf.memory().numTensors).toBe(before);
    problem.dispose();
  });
});
