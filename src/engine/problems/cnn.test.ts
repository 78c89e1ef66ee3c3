import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_BACKENDS, useNodeBackend } from '../../../tests/unit/backend';
import { hessianVectorProduct } from '../curvature/hvp';
import type { Dataset } from '../data/datasets';
import { digitsDataset, loadDigitsImages } from '../data/digits';
import { normalizeDirection, randomDirection } from '../landscape/directions';
import { Rng } from '../math/random';
import { tf, type Tensor2D } from '../tf';
import type { ActivationName } from './activations';
import { buildProblem } from './build';
import { CnnProblem, type CnnSecondLayer } from './cnn';
import { meanLoss } from './problem';

/**
 * An independent float64 forward pass of the CNN in plain loops, written from the README's
 * description (not from cnn.ts): conv 3×3 same → act → 2×2 mean pool → conv 3×3 same → act →
 * 2×2 mean pool → dense → softmax cross-entropy. Returns the mean loss and the logits [m, C].
 */
function referenceCnn(
  theta: ArrayLike<number>,
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  side: number,
  c1: number,
  c2: number,
  classes: number,
  activation: ActivationName,
): { loss: number; logits: number[][] } {
  const act = (v: number) =>
    activation === 'tanh'
      ? Math.tanh(v)
      : activation === 'relu'
        ? Math.max(0, v)
        : 1 / (1 + Math.exp(-v));
  // Offsets: K1 [3,3,1,c1], b1 [c1], K2 [3,3,c1,c2], b2 [c2], W3 [(s/4)²·c2, C], b3 [C].
  const oK1 = 0;
  const oB1 = oK1 + 9 * c1;
  const oK2 = oB1 + c1;
  const oB2 = oK2 + 9 * c1 * c2;
  const oW3 = oB2 + c2;
  const s2 = side / 2;
  const s4 = side / 4;
  const features = s4 * s4 * c2;
  const oB3 = oW3 + features * classes;
  const m = y.length;
  let total = 0;
  const logits: number[][] = [];
  for (let i = 0; i < m; i++) {
    const pixel = (r: number, c: number) =>
      r < 0 || c < 0 || r >= side || c >= side ? 0 : x[i * side * side + r * side + c]!;
    // conv 1 + activation: a1[r][c][j]
    const a1: number[][][] = [];
    for (let r = 0; r < side; r++) {
      a1.push([]);
      for (let c = 0; c < side; c++) {
        const row: number[] = [];
        for (let j = 0; j < c1; j++) {
          let v = theta[oB1 + j]!;
          for (let kh = 0; kh < 3; kh++)
            for (let kw = 0; kw < 3; kw++)
              v += pixel(r + kh - 1, c + kw - 1) * theta[oK1 + (kh * 3 + kw) * c1 + j]!;
          row.push(act(v));
        }
        a1[r]!.push(row);
      }
    }
    const pool = (a: number[][][], n: number, ch: number) => {
      const out: number[][][] = [];
      for (let r = 0; r < n / 2; r++) {
        out.push([]);
        for (let c = 0; c < n / 2; c++) {
          const v: number[] = [];
          for (let j = 0; j < ch; j++)
            v.push(
              (a[2 * r]![2 * c]![j]! +
                a[2 * r]![2 * c + 1]![j]! +
                a[2 * r + 1]![2 * c]![j]! +
                a[2 * r + 1]![2 * c + 1]![j]!) /
                4,
            );
          out[r]!.push(v);
        }
      }
      return out;
    };
    const p1 = pool(a1, side, c1);
    const a2: number[][][] = [];
    for (let r = 0; r < s2; r++) {
      a2.push([]);
      for (let c = 0; c < s2; c++) {
        const row: number[] = [];
        for (let q = 0; q < c2; q++) {
          let v = theta[oB2 + q]!;
          for (let kh = 0; kh < 3; kh++)
            for (let kw = 0; kw < 3; kw++) {
              const rr = r + kh - 1;
              const cc = c + kw - 1;
              if (rr < 0 || cc < 0 || rr >= s2 || cc >= s2) continue;
              for (let j = 0; j < c1; j++)
                v += p1[rr]![cc]![j]! * theta[oK2 + ((kh * 3 + kw) * c1 + j) * c2 + q]!;
            }
          row.push(act(v));
        }
        a2[r]!.push(row);
      }
    }
    const p2 = pool(a2, s2, c2);
    const z: number[] = [];
    for (let o = 0; o < classes; o++) {
      let v = theta[oB3 + o]!;
      for (let r = 0; r < s4; r++)
        for (let c = 0; c < s4; c++)
          for (let q = 0; q < c2; q++)
            v += p2[r]![c]![q]! * theta[oW3 + ((r * s4 + c) * c2 + q) * classes + o]!;
      z.push(v);
    }
    const top = Math.max(...z);
    const lse = top + Math.log(z.reduce((sum, v) => sum + Math.exp(v - top), 0));
    total += lse - z[y[i]!]!;
    logits.push(z);
  }
  return { loss: total / m, logits };
}

/** The first `n` images of the digits training split as their own data set (train = test). */
function digitsSubset(n: number): Dataset {
  const all = digitsDataset({ kind: 'digits', points: 200, testFraction: 0.2, seed: 3 });
  const x = all.xTrain.slice(0, n * 64);
  const y = all.yTrain.slice(0, n);
  return { ...all, xTrain: x, yTrain: y, xTest: x, yTest: y };
}

/** A random θ at the initialisation's scale ×3 (so the activations leave their linear part). */
function randomTheta(problem: CnnProblem, seed: number): Float32Array {
  return problem.init(new Rng(seed)).map((v) => 3 * v);
}

describe.each(NODE_BACKENDS)('CNN problem (%s)', (backend) => {
  let subset: Dataset;
  const built: CnnProblem[] = [];
  const make = (
    activation: ActivationName,
    secondLayer?: CnnSecondLayer,
    channels: [number, number] = [4, 8],
    data: Dataset = subset,
  ) => {
    const p = new CnnProblem({ channels, activation, secondLayer }, data);
    built.push(p);
    return p;
  };
  beforeAll(async () => {
    await useNodeBackend(backend);
    await loadDigitsImages();
    subset = digitsSubset(12);
  });
  afterAll(() => built.forEach((p) => p.dispose()));

  it('has the documented layout: K1 [3,3,1,4] b1 K2 [3,3,4,8] b2 W3 [32,10] b3 (P = 666)', () => {
    const p = make('relu');
    expect(p.layout.entries.map((e) => [e.name, e.shape, e.offset, e.unitAxis])).toEqual([
      ['K1', [3, 3, 1, 4], 0, 3],
      ['b1', [4], 36, undefined],
      ['K2', [3, 3, 4, 8], 40, 3],
      ['b2', [8], 328, undefined],
      ['W3', [32, 10], 336, 1],
      ['b3', [10], 656, undefined],
    ]);
    expect(p.layout.size).toBe(666);
  });

  it('computes a hand-worked 4×4 case exactly (kernel orientation, padding, pooling, biases)', () => {
    // c₁ = c₂ = 1, relu (every pre-activation is ≥ 0, so it is the identity), 3 classes.
    // K1: only tap (kh, kw) = (0, 0) is 1, so conv1(r, c) = x(r − 1, c − 1); b1 = 0.
    // K2: only tap (0, 0) is 1, so conv2(r, c) = p1(r − 1, c − 1) + b2, b2 = 0.5.
    // Image A (all 2s): conv1 = 0 on row 0 and column 0, else 2 → p1 = [[0.5, 1], [1, 2]];
    //   conv2 = 0.5 + [[0, 0], [0, 0.5]] → mean 0.625.
    // Image B (1 at (0, 0)): conv1 = 1 at (1, 1) only → p1 = [[0.25, 0], [0, 0]];
    //   conv2 = 0.5 + [[0, 0], [0, 0.25]] → mean 0.5625.
    // Dense W3 = [1, −1, 2], b3 = [0, 0.5, −1]: z = f·W3 + b3.
    const xA = new Array<number>(16).fill(2);
    const xB = new Array<number>(16).fill(0);
    xB[0] = 1;
    const data: Dataset = {
      task: 'classification',
      classes: 3,
      inputDim: 16,
      xTrain: Float32Array.from([...xA, ...xB]),
      yTrain: Float32Array.from([0, 2]),
      xTest: Float32Array.from(xB),
      yTest: Float32Array.from([1]),
    };
    const p = make('relu', 'im2col', [1, 1], data);
    const theta = new Float32Array(p.layout.size); // 9 + 1 + 9 + 1 + 3 + 3 = 26
    expect(theta.length).toBe(26);
    theta[0] = 1; // K1 tap (0, 0)
    theta[10] = 1; // K2 tap (0, 0)
    theta[19] = 0.5; // b2
    theta.set([1, -1, 2, 0, 0.5, -1], 20);
    const expected = [0.625, -0.125, 0.25, 0.5625, -0.0625, 0.125];
    const lse = (z: number[]) => Math.log(z.reduce((s, v) => s + Math.exp(v), 0));
    const lossA = lse(expected.slice(0, 3)) - 0.625;
    const lossB = lse(expected.slice(3)) - 0.125;
    for (const second of ['im2col', 'depthwise'] as const) {
      const q = second === 'im2col' ? p : make('relu', second, [1, 1], data);
      const [z, loss, testZ, acc] = tf.tidy(() => {
        const th = tf.tensor2d(theta, [1, 26]);
        return [
          q.outputs(th, 'train').dataSync(),
          q.perExampleLoss(th, 'train').dataSync(),
          q.outputs(th, 'test').dataSync(),
          q.accuracy(th, 'train').dataSync(),
        ];
      });
      expected.forEach((v, i) => expect(z[i]).toBeCloseTo(v, 6));
      expect(loss[0]).toBeCloseTo(lossA, 6);
      expect(loss[1]).toBeCloseTo(lossB, 6);
      expect(Array.from(testZ)).toEqual(Array.from(z.slice(3)));
      // Predictions: argmax 0 (label 0, right) and 0 (label 2, wrong) → accuracy 1/2.
      expect(acc[0]).toBeCloseTo(0.5, 7);
    }
  });

  it.each(['tanh', 'sigmoid'] as const)(
    'matches the float64 loop reference and its gradient equals central differences (%s)',
    (activation) => {
      const p = make(activation);
      for (const seed of activation === 'tanh' ? [1, 2] : [3]) {
        const theta = randomTheta(p, seed);
        const ref = (t: ArrayLike<number>) =>
          referenceCnn(t, subset.xTrain, subset.yTrain, 8, 4, 8, 10, activation);
        const [loss, grad, logits] = tf.tidy(() => {
          const th = tf.tensor2d(theta, [1, p.layout.size]);
          const g = tf.grad((t: tf.Tensor) => tf.sum(meanLoss(p, t as Tensor2D, 'train')))(th);
          return [
            meanLoss(p, th, 'train').dataSync()[0]!,
            g.dataSync(),
            p.outputs(th, 'train').dataSync(),
          ];
        });
        const r = ref(theta);
        expect(loss).toBeCloseTo(r.loss, 5);
        r.logits.flat().forEach((v, i) => expect(Math.abs(logits[i]! - v)).toBeLessThan(2e-5));
        // Central differences of the float64 reference, h = 1e-5 (truncation error ~h²).
        const h = 1e-5;
        const t64 = Float64Array.from(theta);
        let worst = 0;
        let largest = 0;
        for (let j = 0; j < p.layout.size; j++) {
          const saved = t64[j]!;
          t64[j] = saved + h;
          const up = ref(t64).loss;
          t64[j] = saved - h;
          const down = ref(t64).loss;
          t64[j] = saved;
          const fd = (up - down) / (2 * h);
          worst = Math.max(worst, Math.abs(grad[j]! - fd));
          largest = Math.max(largest, Math.abs(fd));
        }
        expect(largest).toBeGreaterThan(0.05); // a gradient worth checking
        expect(worst).toBeLessThan(2e-5 + 1e-4 * largest);
      }
    },
  );

  it('relu: gradient equals central differences at a random θ (no kink within h)', () => {
    const p = make('relu', 'im2col');
    const theta = randomTheta(p, 7);
    const ref = (t: ArrayLike<number>) =>
      referenceCnn(t, subset.xTrain, subset.yTrain, 8, 4, 8, 10, 'relu').loss;
    const grad = tf.tidy(() =>
      tf
        .grad((t: tf.Tensor) => tf.sum(meanLoss(p, t as Tensor2D, 'train')))(
          tf.tensor2d(theta, [1, p.layout.size]),
        )
        .dataSync(),
    );
    const h = 1e-6;
    const t64 = Float64Array.from(theta);
    for (let j = 0; j < p.layout.size; j++) {
      const saved = t64[j]!;
      t64[j] = saved + h;
      const up = ref(t64);
      t64[j] = saved - h;
      const down = ref(t64);
      t64[j] = saved;
      expect(Math.abs(grad[j]! - (up - down) / (2 * h))).toBeLessThan(5e-5);
    }
  });

  it('K batched rows equal K separate runs, for both ways of batching conv 2', () => {
    const im2col = make('tanh', 'im2col');
    const depthwise = make('tanh', 'depthwise');
    const k = 5;
    const p = im2col.layout.size;
    const theta = new Float32Array(k * p);
    for (let r = 0; r < k; r++) theta.set(randomTheta(im2col, 10 + r), r * p);
    const [batched, batchedDw, batchedAcc] = tf.tidy(() => {
      const th = tf.tensor2d(theta, [k, p]);
      return [
        im2col.perExampleLoss(th, 'train').dataSync(),
        depthwise.perExampleLoss(th, 'train').dataSync(),
        im2col.accuracy(th, 'test').dataSync(),
      ];
    });
    const m = subset.yTrain.length;
    for (let r = 0; r < k; r++) {
      const row = theta.subarray(r * p, (r + 1) * p);
      const [single, acc] = tf.tidy(() => {
        const th = tf.tensor2d(row, [1, p]);
        return [im2col.perExampleLoss(th, 'train').dataSync(), im2col.accuracy(th, 'test')];
      }) as [Float32Array, tf.Tensor];
      const reference = referenceCnn(row, subset.xTrain, subset.yTrain, 8, 4, 8, 10, 'tanh');
      let mean = 0;
      for (let i = 0; i < m; i++) {
        expect(batched[r * m + i]).toBeCloseTo(single[i]!, 5);
        expect(batchedDw[r * m + i]).toBeCloseTo(single[i]!, 5);
        mean += batched[r * m + i]! / m;
      }
      expect(mean).toBeCloseTo(reference.loss, 5);
      expect(batchedAcc[r]).toBe(acc.dataSync()[0]);
      acc.dispose();
    }
  });

  it('Hessian-vector products (double tf.grad) equal central differences of the gradient', () => {
    const p = make('tanh', 'depthwise'); // `twice` switches conv 2 to im2col
    const theta = randomTheta(p, 21);
    const v = new Rng(22).normals(p.layout.size);
    const P = p.layout.size;
    const gradAt = (t: Float32Array) =>
      tf.tidy(() =>
        tf
          .grad((th: tf.Tensor) => tf.sum(meanLoss(p, th as Tensor2D, 'train', true)))(
            tf.tensor2d(t, [1, P]),
          )
          .dataSync(),
      );
    const hv = tf.tidy(() =>
      hessianVectorProduct(p, tf.tensor2d(theta, [1, P]), tf.tensor2d(v, [1, P])).dataSync(),
    );
    const eps = 1e-2;
    const up = gradAt(theta.map((t, i) => t + eps * v[i]!));
    const down = gradAt(theta.map((t, i) => t - eps * v[i]!));
    let largest = 0;
    let worst = 0;
    for (let j = 0; j < P; j++) {
      const fd = (up[j]! - down[j]!) / (2 * eps);
      largest = Math.max(largest, Math.abs(fd));
      worst = Math.max(worst, Math.abs(hv[j]! - fd));
    }
    expect(largest).toBeGreaterThan(0.05);
    expect(worst).toBeLessThan(2e-3 * largest);
  });

  it("filter normalisation gives each output channel (and logit) θ's norm; biases zero", () => {
    const p = make('relu');
    const theta = p.init(new Rng(5));
    const d = normalizeDirection(randomDirection(new Rng(6), p.layout.size), theta, p.layout);
    const norm = (v: Float32Array, indices: number[]) =>
      Math.sqrt(indices.reduce((s, i) => s + v[i]! * v[i]!, 0));
    for (const name of ['K1', 'K2'] as const) {
      const e = p.layout.entries.find((x) => x.name === name)!;
      const [, , cin, cout] = e.shape as [number, number, number, number];
      for (let co = 0; co < cout; co++) {
        const idx: number[] = [];
        for (let kh = 0; kh < 3; kh++)
          for (let kw = 0; kw < 3; kw++)
            for (let ci = 0; ci < cin; ci++)
              idx.push(e.offset + ((kh * 3 + kw) * cin + ci) * cout + co);
        expect(idx.length).toBe(9 * cin);
        expect(norm(d, idx)).toBeCloseTo(norm(theta, idx), 5);
      }
    }
    const w3 = p.layout.entries[4]!;
    for (let o = 0; o < 10; o++) {
      const idx = Array.from({ length: 32 }, (_, f) => w3.offset + f * 10 + o);
      expect(norm(d, idx)).toBeCloseTo(norm(theta, idx), 5);
    }
    for (const e of p.layout.entries.filter((x) => x.kind === 'bias'))
      for (let i = 0; i < e.shape[0]!; i++) expect(d[e.offset + i]).toBe(0);
    // A different channel's norm differs: the rule is per channel, not per tensor.
    const k1 = p.layout.entries[0]!;
    const channel = (co: number) => Array.from({ length: 9 }, (_, t) => k1.offset + t * 4 + co);
    expect(Math.abs(norm(d, channel(0)) - norm(d, channel(1)))).toBeGreaterThan(1e-3);
  });

  it('leaves the tensor count flat across repeated losses, accuracies, gradients and Hv', () => {
    const p = make('tanh');
    const P = p.layout.size;
    const theta = tf.tensor2d(randomTheta(p, 30), [1, P]);
    const round = () => {
      tf.tidy(() => {
        meanLoss(p, theta, 'test').dataSync();
        p.accuracy(theta, 'train').dataSync();
        p.predict(theta, tf.zeros([3, 64])).dataSync();
        tf.grad((t: tf.Tensor) => tf.sum(meanLoss(p, t as Tensor2D, 'train')))(theta).dataSync();
        hessianVectorProduct(p, theta, tf.onesLike(theta)).dataSync();
      });
    };
    round();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) round();
    expect(tf.memory().numTensors).toBe(before);
    theta.dispose();
  });

  it('builds from a spec and refuses data that are not square images, naming what is allowed', () => {
    const built1 = buildProblem({ kind: 'cnn', channels: [2, 3], activation: 'relu' }, subset);
    expect(built1.name).toBe('cnn');
    expect(built1.layout.size).toBe(9 * 2 + 2 + 9 * 2 * 3 + 3 + 4 * 3 * 10 + 10);
    built1.dispose();
    const flat: Dataset = { ...subset, inputDim: 2, xTrain: new Float32Array(24) };
    expect(() => make('relu', 'im2col', [4, 8], flat)).toThrow(/square images.*'digits'/);
  });
});
