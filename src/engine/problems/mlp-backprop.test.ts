import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_BACKENDS, useNodeBackend } from '../../../tests/unit/backend';
import { generateDataset, type Dataset, type DatasetSpec } from '../data/datasets';
import { Rng } from '../math/random';
import { tf, type Tensor2D } from '../tf';
import type { ActivationName } from './activations';
import { MlpProblem } from './mlp';
import { fastTanh, MlpBackprop } from './mlp-backprop';
import { reluAwayFromKinks } from './relu-kinks.fixture';
import { weightedLoss } from './problem';
import { createSimdKernels } from './simd-kernels';

const spiral: DatasetSpec = {
  kind: 'spiral',
  points: 40,
  noise: 0.05,
  testFraction: 0.25,
  margin: 0.2,
  seed: 11,
};
const teacher: DatasetSpec = {
  kind: 'tanh-teacher',
  points: 24,
  noise: 0.1,
  testFraction: 0.25,
  teacherUnits: 3,
  teacherSlope: 2,
  seed: 5,
};

const spiral3: DatasetSpec = { ...spiral, kind: 'spiral3', points: 45 };
const spiral5: DatasetSpec = { ...spiral, kind: 'spiral5', points: 50, seed: 3 };

interface Case {
  label: string;
  hidden: number[];
  activation: ActivationName;
  data: DatasetSpec;
}

/** Every activation, all three losses, zero to four hidden layers, widths that need padding. */
const CASES: Case[] = [
  { label: 'tanh 2-5-4-1 (bce)', hidden: [5, 4], activation: 'tanh', data: spiral },
  { label: 'tanh 2-16-16-1 (bce)', hidden: [16, 16], activation: 'tanh', data: spiral },
  { label: 'sigmoid 2-4-3-3-2-1 (bce)', hidden: [4, 3, 3, 2], activation: 'sigmoid', data: spiral },
  { label: 'relu 2-8-20-1 (bce)', hidden: [8, 20], activation: 'relu', data: spiral },
  { label: 'tanh 1-6-1 (mse)', hidden: [6], activation: 'tanh', data: teacher },
  { label: 'sigmoid 1-7-1 (mse)', hidden: [7], activation: 'sigmoid', data: teacher },
  { label: 'relu 1-12-1 (mse)', hidden: [12], activation: 'relu', data: teacher },
  { label: 'logistic regression (bce)', hidden: [], activation: 'tanh', data: spiral },
  { label: 'linear regression (mse)', hidden: [], activation: 'tanh', data: teacher },
  { label: 'tanh 2-5-4-3 (softmax-ce)', hidden: [5, 4], activation: 'tanh', data: spiral3 },
  { label: 'sigmoid 2-6-5 (softmax-ce)', hidden: [6], activation: 'sigmoid', data: spiral5 },
  { label: 'relu 2-8-20-5 (softmax-ce)', hidden: [8, 20], activation: 'relu', data: spiral5 },
  { label: 'multinomial logistic 2-3 (softmax-ce)', hidden: [], activation: 'tanh', data: spiral3 },
];

function problemFor(c: Case, data: Dataset): MlpProblem {
  const loss =
    c.data.kind === 'tanh-teacher'
      ? 'mse'
      : c.data.kind === 'spiral3' || c.data.kind === 'spiral5'
        ? 'softmax-ce'
        : 'bce';
  return new MlpProblem({ hidden: c.hidden, activation: c.activation, loss }, data);
}

/** The problem's hand-derived gradient on the plain JS loops (SIMD off), beside its own. */
function plainJsBackprop(problem: MlpProblem, c: Case, data: Dataset): MlpBackprop {
  return new MlpBackprop(
    problem.widths,
    c.activation,
    problem.spec.loss,
    data.xTrain,
    data.yTrain,
    false,
  );
}

/** K rows of θ drawn from the problem's initialisation (scaled up to reach curved regions). */
function thetas(problem: MlpProblem, k: number): Float32Array {
  const p = problem.layout.size;
  const out = new Float32Array(k * p);
  for (let r = 0; r < k; r++)
    out.set(
      problem.init(new Rng(100 + r)).map((t) => 2 * t),
      r * p,
    );
  return out;
}

/** Mini-batch-like weights [K, m]: row 0 uniform 1/m, the others random non-negative. */
function exampleWeights(k: number, m: number): Float32Array {
  const rng = new Rng(7);
  const w = new Float32Array(k * m);
  for (let r = 0; r < k; r++)
    for (let i = 0; i < m; i++) w[r * m + i] = r === 0 ? 1 / m : rng.uniformIn(0, 2 / m);
  return w;
}

function expectClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tol: number,
  label: string,
) {
  let scale = 1e-3;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]!));
  let worst = 0;
  let at = -1;
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs(actual[i]! - expected[i]!);
    if (!(d <= worst)) {
      worst = d;
      at = i;
    }
  }
  expect(
    worst / scale,
    `${label}: component ${at}, ${actual[at]} vs ${expected[at]}`,
  ).toBeLessThanOrEqual(tol);
}

describe('fastTanh and the SIMD kernels', () => {
  it('fastTanh is within 3e-7 of tanh on [−12, 12]', () => {
    let worst = 0;
    for (let x = -12; x <= 12; x += 1 / 1024)
      worst = Math.max(worst, Math.abs(fastTanh(x) - Math.tanh(x)));
    expect(worst).toBeLessThan(3e-7);
    expect(fastTanh(0)).toBe(0);
    expect(fastTanh(50)).toBe(1);
    expect(fastTanh(-50)).toBe(-1);
    expect(Number.isNaN(fastTanh(Number.NaN))).toBe(true);
  });

  it('the WebAssembly SIMD module instantiates in Node and its kernels compute their formulas', () => {
    const simd = createSimdKernels(65536);
    expect(simd).not.toBeNull();
    const f = new Float32Array(simd!.memory.buffer);
    // matMul: C [3, 20] = I + A [3, 2] · B [2, 20] (16- and 4-column blocks), I = C (starting
    // at 1), then I = a bias row broadcast (row stride 0), then Aᵀ through the strides.
    const A = [1, 2, -3, 0.5, 4, -1];
    const B = Array.from({ length: 40 }, (_, i) => (i % 7) - 3);
    const bias = Array.from({ length: 20 }, (_, j) => j / 10);
    f.set(A, 0);
    f.set(B, 16);
    f.fill(1, 64, 64 + 60);
    f.set(bias, 200);
    simd!.matMul(0, 8, 4, 64, 256, 3, 2, 20, 256, 80);
    for (let r = 0; r < 3; r++)
      for (let j = 0; j < 20; j++)
        expect(f[64 + r * 20 + j]).toBeCloseTo(
          1 + A[2 * r]! * B[j]! + A[2 * r + 1]! * B[20 + j]!,
          5,
        );
    simd!.matMul(0, 8, 4, 64, 256, 3, 2, 20, 800, 0);
    for (let r = 0; r < 3; r++)
      for (let j = 0; j < 20; j++)
        expect(f[64 + r * 20 + j]).toBeCloseTo(
          bias[j]! + A[2 * r]! * B[j]! + A[2 * r + 1]! * B[20 + j]!,
          5,
        );
    // I + Aᵀ [2, 3] · B' [3, 20] through the strides: C [2, 20].
    f.set(B.slice(0, 20), 16);
    f.set(B.slice(20, 40), 36);
    f.set(
      bias.map((_, j) => (j % 5) - 2),
      56,
    );
    const B3 = Array.from(f.subarray(16, 76));
    simd!.matMul(0, 4, 8, 64, 1024, 2, 3, 20, 800, 0);
    for (let r = 0; r < 2; r++)
      for (let j = 0; j < 20; j++) {
        let sum = bias[j]!;
        for (let t = 0; t < 3; t++) sum += A[2 * t + r]! * B3[20 * t + j]!;
        expect(f[256 + r * 20 + j]).toBeCloseTo(sum, 5);
      }
    // tanh, σ, relu and their backward kernels on 8 lanes.
    const x = [-20, -2, -0.3, 0, 1e-5, 0.7, 3, 20];
    f.set(x, 0);
    simd!.tanh(0, 8);
    x.forEach((v, i) => expect(Math.abs(f[i]! - Math.tanh(v))).toBeLessThan(3e-7));
    f.set([1, 2, 3, 4, 5, 6, 7, 8], 16);
    simd!.tanhBackward(64, 0, 8);
    for (let i = 0; i < 8; i++)
      expect(f[16 + i]).toBeCloseTo((i + 1) * (1 - Math.tanh(x[i]!) ** 2), 5);
    f.set(x, 0);
    simd!.sigmoid(0, 8);
    x.forEach((v, i) => expect(Math.abs(f[i]! - 1 / (1 + Math.exp(-v)))).toBeLessThan(2e-7));
    const sig = Array.from(f.subarray(0, 8));
    f.set([1, 2, 3, 4, 5, 6, 7, 8], 16);
    simd!.sigmoidBackward(64, 0, 8);
    for (let i = 0; i < 8; i++) expect(f[16 + i]).toBeCloseTo((i + 1) * sig[i]! * (1 - sig[i]!), 6);
    f.set(x, 0);
    simd!.relu(0, 8);
    x.forEach((v, i) => expect(f[i]).toBe(Math.fround(Math.max(v, 0))));
    f.set([1, 2, 3, 4, 5, 6, 7, 8], 16);
    simd!.reluBackward(64, 0, 8);
    x.forEach((v, i) => expect(f[16 + i]).toBe(v > 0 ? i + 1 : 0));
  });
});

describe.each(NODE_BACKENDS)('hand-derived MLP gradients (%s)', (backend) => {
  beforeAll(() => useNodeBackend(backend));
  const built: MlpProblem[] = [];
  afterAll(() => built.forEach((p) => p.dispose()));

  it.each(CASES.map((c) => [c.label, c] as const))(
    '%s: value and gradient equal tf.grad of the weighted loss (SIMD and JavaScript loops)',
    (_label, c) => {
      const data = generateDataset(c.data);
      const problem = problemFor(c, data);
      built.push(problem);
      const k = 3;
      const p = problem.layout.size;
      const m = problem.size.train;
      const theta = thetas(problem, k);
      const weights = exampleWeights(k, m);
      const [lossTf, gradTf] = tf.tidy(() => {
        const w = tf.tensor2d(weights, [k, m]);
        const { value, grad } = tf.valueAndGrad((th: tf.Tensor) =>
          weightedLoss(problem, th as Tensor2D, w),
        )(tf.tensor2d(theta, [k, p]));
        return [value.dataSync(), grad.dataSync()];
      });
      expect(problem.hostGradient.usesSimd).toBe(true);
      const js = plainJsBackprop(problem, c, data);
      for (const host of [problem.hostGradient, js]) {
        const loss = new Float32Array(k);
        const grad = new Float32Array(k * p);
        host.valueAndGrad(theta, k, weights, loss, grad);
        expectClose(loss, lossTf!, 2e-6, `${c.label} loss (simd ${host.usesSimd})`);
        expectClose(grad, gradTf!, 2e-5, `${c.label} gradient (simd ${host.usesSimd})`);
        // null weights = the mean loss.
        const mean = new Float32Array(1);
        const meanGrad = new Float32Array(p);
        host.valueAndGrad(theta.subarray(0, p), 1, null, mean, meanGrad);
        expect(mean[0]).toBeCloseTo(loss[0]!, 6);
        expectClose(meanGrad, grad.subarray(0, p), 1e-6, `${c.label} mean gradient`);
      }
    },
  );
});

describe('hand-derived MLP gradients against finite differences', () => {
  beforeAll(() => useNodeBackend('wasm'));

  /**
   * ∂L/∂θᵢ by central differences of the hand-derived loss itself, Richardson-extrapolated:
   * (4 D(h) − D(2h)) / 3 with D(h) = (L(θ + h eᵢ) − L(θ − h eᵢ)) / (actual step).
   */
  function finiteDifferences(
    host: MlpBackprop,
    theta: Float32Array,
    weights: Float32Array,
  ): Float64Array {
    const p = theta.length;
    const h = 2 ** -7;
    const offsets = [h, -h, 2 * h, -2 * h];
    const rows = new Float32Array(4 * p * p);
    const m = weights.length;
    const w = new Float32Array(4 * p * m);
    for (let i = 0; i < p; i++)
      offsets.forEach((o, j) => {
        const row = rows.subarray((4 * i + j) * p, (4 * i + j + 1) * p);
        row.set(theta);
        row[i] = theta[i]! + o;
        w.set(weights, (4 * i + j) * m);
      });
    const loss = new Float32Array(4 * p);
    host.valueAndGrad(rows, 4 * p, w, loss, new Float32Array(4 * p * p));
    const g = new Float64Array(p);
    for (let i = 0; i < p; i++) {
      const step = (j: number) => rows[(4 * i + j) * p + i]! - theta[i]!;
      const d1 = (loss[4 * i]! - loss[4 * i + 1]!) / (step(0) - step(1));
      const d2 = (loss[4 * i + 2]! - loss[4 * i + 3]!) / (step(2) - step(3));
      g[i] = (4 * d1 - d2) / 3;
    }
    return g;
  }

  it.each(CASES.filter((c) => c.activation !== 'relu').map((c) => [c.label, c] as const))(
    '%s',
    (_label, c) => {
      const data = generateDataset(c.data);
      const problem = problemFor(c, data);
      const host = problem.hostGradient;
      const p = problem.layout.size;
      const theta = thetas(problem, 1);
      const weights = exampleWeights(2, problem.size.train).subarray(problem.size.train);
      const grad = new Float32Array(p);
      host.valueAndGrad(theta, 1, weights, new Float32Array(1), grad);
      expectClose(grad, finiteDifferences(host, theta, weights), 1e-3, c.label);
      problem.dispose();
    },
  );

  it('ReLU 2-8-1 away from its kinks', () => {
    // The first seed whose pre-activations all stay ≥ 0.05 from 0, so that no ±2h perturbation
    // crosses a kink (as in gradients.test.ts).
    const { problem, theta } = reluAwayFromKinks();
    expect(theta).not.toBeNull();
    const m = problem.size.train;
    const weights = new Float32Array(m).fill(1 / m);
    const grad = new Float32Array(problem.layout.size);
    problem.hostGradient.valueAndGrad(theta!, 1, weights, new Float32Array(1), grad);
    expectClose(grad, finiteDifferences(problem.hostGradient, theta!, weights), 1e-3, 'relu');
    problem.dispose();
  });
});

describe.each(NODE_BACKENDS)('hand-derived MLP Hessian-vector products (%s)', (backend) => {
  beforeAll(() => useNodeBackend(backend));

  it.each(CASES.map((c) => [c.label, c] as const))(
    '%s: equal double back-propagation and the finite difference of the hand-derived gradient',
    (_label, c) => {
      const data = generateDataset(c.data);
      const problem = problemFor(c, data);
      const k = 2;
      const p = problem.layout.size;
      const m = problem.size.train;
      const theta = thetas(problem, k);
      const v = Float32Array.from(new Rng(99).normals(k * p));
      const weights = exampleWeights(k, m);
      const reference = tf.tidy(() => {
        const w = tf.tensor2d(weights, [k, m]);
        const loss = (th: tf.Tensor) =>
          tf.sum(tf.mul(problem.perExampleLoss(th as Tensor2D, 'train', true), w), 1);
        const gradient = tf.grad(loss);
        const vt = tf.tensor2d(v, [k, p]);
        return tf
          .grad((th: tf.Tensor) => tf.sum(tf.mul(gradient(th), vt)))(tf.tensor2d(theta, [k, p]))
          .dataSync();
      });
      const js = plainJsBackprop(problem, c, data);
      for (const host of [problem.hostGradient, js]) {
        const hv = new Float32Array(k * p);
        host.hessianVectorProducts(theta, v, k, weights, hv);
        expectClose(hv, reference, 2e-5, `${c.label} Hv (simd ${host.usesSimd})`);
      }
      // (∇L(θ + εv) − ∇L(θ − εv)) / 2ε of row 0, Richardson-extrapolated, skipped for ReLU
      // (its kinks), whose Hv double back-propagation pins.
      if (c.activation !== 'relu' || c.hidden.length === 0) {
        const row = theta.subarray(0, p);
        const dir = v.subarray(0, p);
        const w0 = weights.subarray(0, m);
        const gradAt = (s: number) => {
          const g = new Float32Array(p);
          problem.hostGradient.valueAndGrad(
            row.map((t, i) => t + s * dir[i]!),
            1,
            w0,
            new Float32Array(1),
            g,
          );
          return g;
        };
        const e = 2 ** -8;
        const [gp, gm, gp2, gm2] = [gradAt(e), gradAt(-e), gradAt(2 * e), gradAt(-2 * e)];
        const fd = gp.map(
          (_, i) => ((4 * (gp[i]! - gm[i]!)) / (2 * e) - (gp2[i]! - gm2[i]!) / (4 * e)) / 3,
        );
        const hv = new Float32Array(p);
        problem.hostGradient.hessianVectorProducts(row, dir, 1, w0, hv);
        expectClose(hv, fd, 5e-3, `${c.label} Hv vs finite differences`);
      }
      problem.dispose();
    },
  );
});
