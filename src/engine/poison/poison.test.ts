import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../../tests/unit/backend';
import { generateDataset, type Dataset, type DatasetSpec } from '../data/datasets';
import { deriveSeed } from '../math/random';
import type { RunHyper } from '../optim/optimizers';
import { MlpProblem } from '../problems/mlp';
import { meanLoss } from '../problems/problem';
import { tf, type Tensor2D } from '../tf';
import { trainToEnd } from '../train/trainer';
import { poisonInputs, poisonSet, poisonSize, randomLabels, withPoison } from './poison';
import { poisonAccuracyOf, trainBadMinima } from './train-bad';

const XOR: DatasetSpec = {
  kind: 'xor',
  points: 200,
  noise: 0.05,
  testFraction: 0.5,
  margin: 0.1,
  seed: 3,
};

/** Full-batch SGD with learning rate `lr`, no momentum or decay. */
function sgd(lr: number, batchSize: number): RunHyper {
  return {
    optimizer: 'sgd',
    lr,
    momentum: 0,
    beta1: 0.9,
    beta2: 0.999,
    eps: 1e-8,
    alpha: 0.99,
    weightDecay: 0,
    momentumDecay: 0.004,
    batchSize,
    schedule: { kind: 'constant', warmupSteps: 0, stepSize: 100, gamma: 0.5, minLrFactor: 0 },
    samRho: 0,
  };
}

/** A 2-D classification set with explicit points (no test points). */
function points(x: number[][], y: number[]): Dataset {
  return {
    task: 'classification',
    inputDim: 2,
    xTrain: Float32Array.from(x.flat()),
    yTrain: Float32Array.from(y),
    xTest: Float32Array.from([0, 0]),
    yTest: Float32Array.from([1]),
  };
}

const logistic = (data: Dataset) =>
  new MlpProblem({ hidden: [], activation: 'tanh', loss: 'bce' }, data, 'logistic');

describe('poison set', () => {
  it('has round(ρ·m) points', () => {
    expect(poisonSize(100, 1.5)).toBe(150);
    expect(poisonSize(100, 0.004)).toBe(1);
    expect(poisonSize(160, 2)).toBe(320);
    expect(() => poisonSize(100, 0)).toThrow(/ρ must be > 0/);
    expect(() => poisonSize(100, 9)).toThrow(/≤ 8/);
  });

  it('draws labels 0/1 with probability ½: counts within a binomial bound, pinned for the seed', () => {
    const n = 400;
    const y = randomLabels(n, 7);
    expect(y.every((v) => v === 0 || v === 1)).toBe(true);
    const ones = y.reduce((a, b) => a + b, 0);
    // Binomial(400, ½): mean 200, σ = 10; 4σ bounds it for any seed with probability 1 − 6e-5.
    expect(Math.abs(ones - n / 2)).toBeLessThanOrEqual(4 * Math.sqrt(n / 4));
    expect(ones).toBe(229); // pinned: xoshiro128** from seed 7's 'poison-labels' stream
    expect(Array.from(y.slice(0, 12))).toEqual([1, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
    // Over 12 seeds the mean fraction of ones is ½ within 3σ (σ = √(1/(4·4800))).
    let total = 0;
    for (let s = 1; s <= 12; s++) total += randomLabels(n, s).reduce((a, b) => a + b, 0);
    expect(Math.abs(total / (12 * n) - 0.5)).toBeLessThan(3 * Math.sqrt(1 / (4 * 12 * n)));
  });

  it('is reproducible by seed, and another seed gives another set', () => {
    const data = generateDataset(XOR);
    const a = poisonSet(XOR, data, 1.5, 7);
    const b = poisonSet(XOR, data, 1.5, 7);
    const c = poisonSet(XOR, data, 1.5, 8);
    expect(a.y.length).toBe(150);
    expect(a.x.length).toBe(300);
    expect(a.y.reduce((s, v) => s + v, 0)).toBe(86);
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(Array.from(a.y)).toEqual(Array.from(b.y));
    expect(Array.from(a.x)).not.toEqual(Array.from(c.x));
    expect(Array.from(a.y)).not.toEqual(Array.from(c.y));
  });

  it("draws inputs from the data set's own generator, not the training points", () => {
    const data = generateDataset(XOR);
    const x = poisonInputs(XOR, data, 150, 7);
    const fresh = generateDataset({
      ...XOR,
      points: 150,
      testFraction: 0,
      seed: deriveSeed(7, 'poison-inputs'),
    } as DatasetSpec);
    expect(Array.from(x)).toEqual(Array.from(fresh.xTrain));
    // XOR inputs lie in [−1, 1]² up to the jitter, and none coincides with a training point.
    const train = new Set<string>();
    for (let i = 0; i < data.yTrain.length; i++)
      train.add(`${data.xTrain[2 * i]},${data.xTrain[2 * i + 1]}`);
    for (let i = 0; i < 150; i++) {
      expect(Math.abs(x[2 * i]!)).toBeLessThan(1.3);
      expect(train.has(`${x[2 * i]},${x[2 * i + 1]}`)).toBe(false);
    }
  });

  it('resamples the training inputs of user-supplied points', () => {
    const data = points(
      [
        [0.1, 0.2],
        [0.3, 0.4],
        [0.5, 0.6],
      ],
      [0, 1, 0],
    );
    const spec: DatasetSpec = {
      kind: 'custom',
      task: 'classification',
      x: [],
      y: [],
      testFraction: 0,
      seed: 1,
    };
    const p = poisonSet(spec, data, 2, 5);
    expect(p.y.length).toBe(6);
    const rows = new Set(['0.1,0.2', '0.3,0.4', '0.5,0.6'].map((r) => r));
    for (let i = 0; i < 6; i++) {
      const row = `${p.x[2 * i]!.toFixed(1)},${p.x[2 * i + 1]!.toFixed(1)}`;
      expect(rows.has(row)).toBe(true);
    }
  });

  it('refuses regression data', () => {
    const data = { ...points([[0, 0]], [0.5]), task: 'regression' as const };
    expect(() => poisonSet(XOR, data, 1, 1)).toThrow(/classification/);
  });
});

describe('train ∪ poison', () => {
  beforeAll(() => useNodeBackend('wasm'));

  it("has the weighted mean of the parts' losses, (m·L_clean + n·L_poison)/(m + n) (hand computed)", async () => {
    // Logistic regression z = w·x + b with w = (2, −1), b = 0.5.
    // Clean: (1, 0) → 1 (z = 2.5), (0, 1) → 0 (z = −0.5); poison: (1, 1) → 0 (z = 1.5).
    const clean = points(
      [
        [1, 0],
        [0, 1],
      ],
      [1, 0],
    );
    const union = withPoison(clean, {
      x: Float32Array.from([1, 1]),
      y: Float32Array.from([0]),
      inputDim: 2,
    });
    expect(Array.from(union.yTrain)).toEqual([1, 0, 0]);
    expect(union.xTest).toBe(clean.xTest);
    const softplus = (z: number) => Math.log1p(Math.exp(z));
    const l1 = softplus(2.5) - 2.5; // 0.078889
    const l2 = softplus(-0.5); // 0.474077
    const l3 = softplus(1.5); // 1.701413
    const cleanProblem = logistic(clean);
    const unionProblem = logistic(union);
    const theta = tf.tensor2d([2, -1, 0.5], [1, 3]) as Tensor2D;
    const [lc, lu] = await Promise.all([
      meanLoss(cleanProblem, theta, 'train').data(),
      meanLoss(unionProblem, theta, 'train').data(),
    ]);
    expect(lc[0]).toBeCloseTo(0.276483, 5);
    expect(lc[0]).toBeCloseTo((l1 + l2) / 2, 5);
    expect(lu[0]).toBeCloseTo(0.75146, 5);
    expect(lu[0]).toBeCloseTo((2 * ((l1 + l2) / 2) + 1 * l3) / 3, 5);
    tf.dispose(theta);
    cleanProblem.dispose();
    unionProblem.dispose();
  });

  it('turns union and clean accuracy into poison accuracy by counting points', () => {
    // m = 100 clean, n = 150 poison: 200 of 250 correct, 100 of them clean → 100/150 poison.
    expect(poisonAccuracyOf(0.8, 1, 100, 150)).toBeCloseTo(100 / 150, 12);
    expect(poisonAccuracyOf(0.5, 0.5, 2, 2)).toBe(0.5);
  });
});

describe('training to a bad minimum', () => {
  beforeAll(() => useNodeBackend('wasm'));

  // Clean: (1, 0) → 1, (−1, 0) → 0; poison: (0, 1) → 1, which a logistic model can fit too.
  const clean = points(
    [
      [1, 0],
      [-1, 0],
    ],
    [1, 0],
  );
  const poison = { x: Float32Array.from([0, 1]), y: Float32Array.from([1]), inputDim: 2 };

  it('stops each start at the first check where the clean set is 100 % right (and the poison fit reached)', async () => {
    const cleanProblem = logistic(clean);
    const union = logistic(withPoison(clean, poison));
    // Start A: w = (−1, 0), b = 0 (clean accuracy 0); start B: w = (−3, 0), b = 0 (further away).
    const starts = Float32Array.from([-1, 0, 0, -3, 0, 0]);
    const runs = [sgd(0.5, 3), sgd(0.5, 3)];
    const before = tf.memory().numTensors;
    const bad = await trainBadMinima({
      clean: cleanProblem,
      poisoned: union,
      runs,
      starts,
      steps: 400,
      checkEvery: 5,
      poisonFit: 0,
      batchSeeds: [1, 2],
      divergenceFactor: 1e6,
    });
    expect(tf.memory().numTensors).toBe(before);
    // Reference: the same training recorded every 5 steps; clean accuracy by hand from θ:
    // both clean points right ⇔ w₁ + b > 0 and −w₁ + b < 0 ⇔ w₁ > |b|.
    const reference = await trainToEnd({
      problem: union,
      runs,
      theta0: starts,
      steps: 400,
      recordEvery: 5,
      batchSeeds: [1, 2],
      divergenceFactor: 1e6,
    });
    for (const r of [0, 1]) {
      const first = reference.find((s) => s.theta[3 * r]! > Math.abs(s.theta[3 * r + 2]!))!;
      expect(first.step).toBeGreaterThan(0);
      expect(bad[r]!.step).toBe(first.step);
      expect(bad[r]!.reached).toBe(true);
      expect(bad[r]!.cleanAccuracy).toBe(1);
      expect(Array.from(bad[r]!.theta)).toEqual(Array.from(first.theta.slice(3 * r, 3 * r + 3)));
      expect(bad[r]!.steps).toEqual(
        reference.filter((s) => s.step <= first.step).map((s) => s.step),
      );
      expect(bad[r]!.path.length).toBe(3 * bad[r]!.steps.length);
    }
    // The start further away needs more steps.
    expect(bad[1]!.step).toBeGreaterThan(bad[0]!.step);
    cleanProblem.dispose();
    union.dispose();
  });

  it('spends the step budget when the poison cannot be fitted, and reports it', async () => {
    // The poison point is the clean point (1, 0) with the other label: fitting both is impossible.
    const contradiction = { x: Float32Array.from([1, 0]), y: Float32Array.from([0]), inputDim: 2 };
    const cleanProblem = logistic(clean);
    const union = logistic(withPoison(clean, contradiction));
    const checks: number[] = [];
    const before = tf.memory().numTensors;
    const [bad] = await trainBadMinima({
      clean: cleanProblem,
      poisoned: union,
      runs: [sgd(0.5, 3)],
      starts: Float32Array.from([1, 0, 0]),
      steps: 60,
      checkEvery: 20,
      poisonFit: 1,
      batchSeeds: [1],
      divergenceFactor: 1e6,
      onCheck: (c) => checks.push(c.step),
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(checks).toEqual([0, 20, 40, 60]);
    expect(bad!.reached).toBe(false);
    expect(bad!.step).toBe(60);
    expect(bad!.poisonAccuracy).toBe(0);
    cleanProblem.dispose();
    union.dispose();
  });

  it('stops when cancelled, leaving no tensors', async () => {
    const cleanProblem = logistic(clean);
    const union = logistic(withPoison(clean, poison));
    const controller = new AbortController();
    const before = tf.memory().numTensors;
    const run = trainBadMinima({
      clean: cleanProblem,
      poisoned: union,
      runs: [sgd(0.01, 3)],
      starts: Float32Array.from([-5, 0, 0]),
      steps: 100_000,
      checkEvery: 10,
      poisonFit: 1,
      batchSeeds: [1],
      divergenceFactor: 1e6,
      onCheck: (c) => {
        if (c.step >= 30) controller.abort(new Error('stop'));
      },
      signal: controller.signal,
    });
    await expect(run).rejects.toThrow('stop');
    expect(tf.memory().numTensors).toBe(before);
    cleanProblem.dispose();
    union.dispose();
  });
});
