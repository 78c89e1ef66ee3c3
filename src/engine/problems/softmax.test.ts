import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_BACKENDS, useNodeBackend } from '../../../tests/unit/backend';
import { generateDataset, type Dataset } from '../data/datasets';
import { Rng } from '../math/random';
import { tf, type Tensor2D } from '../tf';
import { buildProblem } from './build';
import { accuracyFromClassLogits, oneHotLabels, softmaxCrossEntropy } from './data-problem';
import { MlpProblem } from './mlp';
import { classProbabilities } from './probabilities';
import { meanLoss } from './problem';

const spiral3 = generateDataset({
  kind: 'spiral3',
  points: 36,
  noise: 0.05,
  testFraction: 0.25,
  margin: 0,
  seed: 2,
});
const spiral2 = generateDataset({
  kind: 'spiral',
  points: 20,
  noise: 0.05,
  testFraction: 0,
  margin: 0,
  seed: 2,
});

describe.each(NODE_BACKENDS)('softmax cross-entropy (%s)', (backend) => {
  beforeAll(() => useNodeBackend(backend));
  const built: MlpProblem[] = [];
  afterAll(() => built.forEach((p) => p.dispose()));

  it('equals log Σ e^z − z_y on hand-made logits, in both forms', () => {
    // Example 0: z = (1, 2, 3), y = 2: log(e + e² + e³) − 3 = 0.40760596.
    // Example 1: z = (0, 0, 0), y = 0: log 3 = 1.0986123.
    // Example 2: z = (s, 0, −s), y = 1: s + log(1 + e⁻ˢ + e⁻²ˢ) − 0 ≈ s, with s = 100 for the
    // max-shifted form (e¹⁰⁰ would overflow float32) and 60 for the mean-shifted `twice` form.
    const labels = Float32Array.from([2, 0, 1]);
    for (const twice of [false, true]) {
      const big = twice ? 60 : 100;
      const loss = tf.tidy(() =>
        softmaxCrossEntropy(
          tf.tensor2d([1, 2, 3, 0, 0, 0, big, 0, -big], [1, 9]),
          tf.tensor2d(oneHotLabels(labels, 3), [1, 9]),
          3,
          twice,
        ).dataSync(),
      );
      expect(loss[0]).toBeCloseTo(0.40760596, 6);
      expect(loss[1]).toBeCloseTo(1.0986123, 6);
      expect(loss[2]).toBeCloseTo(big, 4);
    }
  });

  it('accuracy is the fraction whose largest logit is the label (ties: the first class)', () => {
    // Argmax per example: 2, 0 (tie between 0 and 1), 1, 1 against labels 2, 1, 1, 0 → 2 of 4.
    // Row 2 shifts every logit: argmax 0, 0, 0, 0 → only the example labelled 0 is right: 1/4.
    const z = tf.tensor2d(
      [
        [0.1, 0.2, 0.9, 5, 5, -1, 0, 3, 1, -2, 4, 0],
        [9, 0.2, 0.9, 5, 5, -1, 9, 3, 1, 9, 4, 0],
      ],
      [2, 12],
    );
    const y = tf.tensor2d([[2, 1, 1, 0]], [1, 4]);
    const acc = tf.tidy(() => accuracyFromClassLogits(z, y, 3).dataSync());
    expect(Array.from(acc)).toEqual([0.5, 0.25]);
    tf.dispose([z, y]);
  });

  it('one-hot labels, and a label outside 0 … C − 1 is named', () => {
    expect(Array.from(oneHotLabels(Float32Array.from([1, 0, 2]), 3))).toEqual([
      0, 1, 0, 1, 0, 0, 0, 0, 1,
    ]);
    expect(() => oneHotLabels(Float32Array.from([0, 3]), 3)).toThrow(
      'label 1 is 3, not a class index 0 … 2',
    );
  });

  it('the MLP has C outputs, and its ∇L (tf.grad) equals finite differences', () => {
    const problem = new MlpProblem(
      { hidden: [5], activation: 'tanh', loss: 'softmax-ce' },
      spiral3,
    );
    built.push(problem);
    // 2·5 + 5 + 5·3 + 3 = 33 parameters; outputs [1, m·3].
    expect(problem.layout.size).toBe(33);
    expect(problem.widths).toEqual([2, 5, 3]);
    expect(problem.classes).toBe(3);
    const p = problem.layout.size;
    const theta = problem.init(new Rng(4)).map((t) => 2 * t);
    const out = tf.tidy(() => problem.outputs(tf.tensor2d(theta, [1, p]), 'train').shape);
    expect(out).toEqual([1, 27 * 3]);
    const grad = tf.tidy(() =>
      tf
        .grad((th: tf.Tensor) => tf.sum(meanLoss(problem, th as Tensor2D, 'train')))(
          tf.tensor2d(theta, [1, p]),
        )
        .dataSync(),
    );
    // Central differences, Richardson-extrapolated, all 4p points as one batch of rows.
    const h = 2 ** -6;
    const offsets = [h, -h, 2 * h, -2 * h];
    const rows = new Float32Array(4 * p * p);
    for (let i = 0; i < p; i++)
      offsets.forEach((o, j) => {
        rows.set(theta, (4 * i + j) * p);
        rows[(4 * i + j) * p + i] = theta[i]! + o;
      });
    const loss = tf.tidy(() =>
      meanLoss(problem, tf.tensor2d(rows, [4 * p, p]), 'train').dataSync(),
    );
    let worst = 0;
    let scale = 1e-3;
    for (let i = 0; i < p; i++) {
      const step = (j: number) => rows[(4 * i + j) * p + i]! - theta[i]!;
      const d1 = (loss[4 * i]! - loss[4 * i + 1]!) / (step(0) - step(1));
      const d2 = (loss[4 * i + 2]! - loss[4 * i + 3]!) / (step(2) - step(3));
      const fd = (4 * d1 - d2) / 3;
      worst = Math.max(worst, Math.abs(fd - grad[i]!));
      scale = Math.max(scale, Math.abs(grad[i]!));
    }
    expect(worst / scale).toBeLessThan(2e-3);
  });

  it("'logistic' on 3 classes is multinomial logistic regression: W [2, 3], b [3]", () => {
    const problem = buildProblem({ kind: 'logistic' }, spiral3) as MlpProblem;
    built.push(problem);
    expect(problem.spec.loss).toBe('softmax-ce');
    expect(problem.layout.entries.map((e) => e.shape)).toEqual([[2, 3], [3]]);
    // θ = 0: every class has probability 1/3, the loss is log 3 on every split.
    const loss = tf.tidy(() => meanLoss(problem, tf.zeros([1, 9]) as Tensor2D, 'test').dataSync());
    expect(loss[0]).toBeCloseTo(Math.log(3), 6);
    const binary = buildProblem({ kind: 'logistic' }, spiral2) as MlpProblem;
    built.push(binary);
    expect(binary.spec.loss).toBe('bce');
    expect(binary.layout.size).toBe(3);
    const mlp = buildProblem(
      { kind: 'mlp', hidden: [4], activation: 'relu' },
      spiral3,
    ) as MlpProblem;
    built.push(mlp);
    expect(mlp.spec.loss).toBe('softmax-ce');
    expect(mlp.layout.size).toBe(2 * 4 + 4 + 4 * 3 + 3);
  });

  it('refuses a loss that does not fit the classes, naming both', () => {
    expect(
      () => new MlpProblem({ hidden: [4], activation: 'tanh', loss: 'softmax-ce' }, spiral2),
    ).toThrow(
      'softmax cross-entropy needs a classification set of 3 or more classes, this one has 2',
    );
    expect(() => new MlpProblem({ hidden: [4], activation: 'tanh', loss: 'bce' }, spiral3)).toThrow(
      "binary cross-entropy needs a classification set of 2 classes, this one has 3: use 'softmax-ce'",
    );
    const regression: Dataset = { ...spiral2, task: 'regression' };
    expect(() => buildProblem({ kind: 'logistic' }, regression)).toThrow(
      "problem 'logistic' needs a classification data set",
    );
  });

  it('class probabilities: softmax of the C logits per input (σ of the logit for 2 classes)', () => {
    const problem = new MlpProblem(
      { hidden: [3], activation: 'tanh', loss: 'softmax-ce' },
      spiral3,
    );
    built.push(problem);
    const theta = tf.tensor2d(problem.init(new Rng(8)), [1, problem.layout.size]);
    const x = tf.tensor2d([0, 0, 0.5, -0.5], [2, 2]);
    const [probabilities, logits] = tf.tidy(() => [
      classProbabilities(problem, theta, x).dataSync(),
      problem.predict(theta, x).dataSync(),
    ]);
    expect(probabilities.length).toBe(6);
    for (let i = 0; i < 2; i++) {
      const z = Array.from(logits.subarray(3 * i, 3 * i + 3));
      const sum = z.reduce((s, v) => s + Math.exp(v), 0);
      z.forEach((v, c) => expect(probabilities[3 * i + c]).toBeCloseTo(Math.exp(v) / sum, 6));
    }
    const binary = buildProblem({ kind: 'logistic' }, spiral2);
    built.push(binary as MlpProblem);
    const w = tf.tensor2d([[1, -2, 0.5]]);
    // σ(1·0.5 − 2·(−0.5) + 0.5) = σ(2) for the second input, σ(0.5) for the first.
    const p = tf.tidy(() => classProbabilities(binary, w, x).dataSync());
    expect(p[0]).toBeCloseTo(1 / (1 + Math.exp(-0.5)), 6);
    expect(p[1]).toBeCloseTo(1 / (1 + Math.exp(-2)), 6);
    tf.dispose([theta, x, w]);
  });

  it('leaks no tensors over repeated losses, gradients and accuracies', () => {
    const problem = new MlpProblem(
      { hidden: [6], activation: 'sigmoid', loss: 'softmax-ce' },
      spiral3,
    );
    built.push(problem);
    const theta = tf.tensor2d(problem.init(new Rng(1)), [1, problem.layout.size]);
    const before = tf.memory().numTensors;
    for (let k = 0; k < 10; k++) {
      tf.tidy(() => {
        meanLoss(problem, theta, 'train', k % 2 === 0);
        problem.accuracy(theta, 'test');
        tf.grad((th: tf.Tensor) => tf.sum(meanLoss(problem, th as Tensor2D, 'train')))(theta);
      });
    }
    expect(tf.memory().numTensors).toBe(before);
    theta.dispose();
  });
});

describe('multi-class configs', () => {
  it('accept the spirals and custom labels 0 … 31, and name what is wrong', async () => {
    const { parseConfig, ConfigError } = await import('../../config/parse');
    const { configClasses } = await import('../../config/schema');
    const three = parseConfig({ problem: { kind: 'logistic' }, data: { kind: 'spiral3' } });
    expect(configClasses(three.data)).toBe(3);
    expect(configClasses(parseConfig({ data: { kind: 'spiral5' } }).data)).toBe(5);
    expect(configClasses(parseConfig({}).data)).toBe(2);
    const custom = {
      kind: 'custom',
      task: 'classification',
      x: [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ],
      y: [0, 1, 3, 2],
    } as const;
    expect(configClasses(parseConfig({ data: custom }).data)).toBe(4);
    const message = (input: unknown) => {
      try {
        parseConfig(input);
        return '';
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
    };
    expect(message({ data: { ...custom, y: [0, 1, 2.5, 0] } })).toContain(
      'data.y[2]: class labels must be whole numbers from 0 to 31 (0 and 1 for two classes) (got 2.5)',
    );
    expect(message({ data: { ...custom, y: [0, 1, 32, 0] } })).toContain('data.y[2]: class labels');
    expect(
      message({ problem: { kind: 'logistic' }, data: { kind: 'spiral5' }, implicitBias: {} }),
    ).toContain(
      "implicitBias: is for binary classification (the hard-margin SVM direction of two classes); data 'spiral5' has 5 classes",
    );
  });
});
