import {
  accuracyFromClassLogits,
  accuracyFromLogits,
  lossFromOutputs,
  softmaxCrossEntropy,
} from '../problems/data-problem';
import type { MlpProblem } from '../problems/mlp';
import type { Split } from '../problems/problem';
import { tf, type Tensor, type Tensor1D, type Tensor2D } from '../tf';
import { METRIC_SPLIT, type LandscapeMetric, type PlaneEvaluator } from './metrics';
import type { Plane } from './plane';

/**
 * An activation written as A = α·f(β·x) + γ with a cheap f. tanh(x) = 2σ(2x) − 1 uses σ, which
 * is XNNPACK's vectorised kernel on wasm (tfjs's Tanh there is scalar std::tanh); α, β, γ are
 * folded into the next layer's weights, so each hidden layer costs one σ pass.
 */
interface ActivationForm {
  f: (x: Tensor) => Tensor;
  alpha: number;
  beta: number;
  gamma: number;
}

const FORMS: Record<MlpProblem['spec']['activation'], ActivationForm> = {
  tanh: { f: tf.sigmoid, alpha: 2, beta: 2, gamma: -1 },
  sigmoid: { f: tf.sigmoid, alpha: 1, beta: 1, gamma: 0 },
  relu: { f: tf.relu, alpha: 1, beta: 1, gamma: 0 },
};

/**
 * Binary cross-entropy on logits for evaluation only: softplus(z) − yz with
 * softplus(z) = relu(z) − log σ(|z|), exact and overflow-free (σ(|z|) ∈ [½, 1]); on wasm these
 * four vectorised passes cost less than tfjs's scalar Softplus kernel.
 */
function bceForward(z: Tensor2D, y: Tensor2D): Tensor2D {
  const softplus = tf.sub(tf.relu(z), tf.log(tf.sigmoid(tf.abs(z))));
  return tf.sub(softplus, tf.mul(y, z));
}

/** A layer's weights as affine functions of (a, b), pre-multiplied for the stacked product. */
interface StackedLayer {
  /** [in, out] each: k·Wc, k·D₁, k·D₂ (k folds the activation constants). */
  weights: [Tensor2D, Tensor2D, Tensor2D];
  /** [out] each: the bias's constant, a- and b-coefficients (with γ·1ᵀW folded in). */
  biases: [Tensor1D, Tensor1D, Tensor1D];
  /** Output layer with one output only: [in, 3] = columns k·wc, k·d₁, k·d₂, and the biases [3]. */
  outputWeights?: Tensor2D;
  outputBias?: Tensor1D;
  fanIn: number;
  fanOut: number;
  /** The output layer (no activation after it). */
  last: boolean;
}

/**
 * Loss landscapes of an MLP, exploiting that θ(a, b) = c + a d₁ + b d₂ is affine in (a, b):
 *
 * - Layer 0: β(X W₀(a,b) + b₀(a,b)) = Q₀ + a Q₁ + b Q₂ with Q_k [m, h₁] computed once per data
 *   split, so the first pre-activation of G grid points is one [G, 3] × [3, m·h₁] product.
 * - Layer l ≥ 1: with S the previous layer's f-output and W(a,b) = Wc + a D₁ + b D₂,
 *   S·W(a,b) = [S, aS, bS] · [Wc; D₁; D₂], so all G·m rows go through one large 2-D product
 *   [G·m, 3·in] × [3·in, out] — the shape XNNPACK's GEMM runs fast on wasm (tfjs's batched
 *   3-D matMul there is a scalar loop) and that GPUs like.
 * - tanh costs one σ per unit (see `ActivationForm`).
 * The results equal the generic evaluator's (tests compare them) up to float32 rounding.
 */
export class MlpPlaneEvaluator implements PlaneEvaluator {
  readonly floatsPerPoint: number;
  private readonly first: Record<Split, Tensor2D>;
  private readonly layers: StackedLayer[];
  private readonly form: ActivationForm;

  constructor(
    private readonly problem: MlpProblem,
    plane: Plane,
  ) {
    const { widths } = problem;
    const layout = problem.layout;
    this.form = FORMS[problem.spec.activation];
    const { alpha, beta, gamma } = this.form;
    const vectors = [plane.centre, plane.d1, plane.d2];
    const slice = (v: Float32Array, entry: number): Float32Array => {
      const e = layout.entries[entry]!;
      return v.subarray(e.offset, e.offset + e.shape.reduce((x, y) => x * y, 1));
    };
    const layerCount = widths.length - 1;
    // Layer 0: Q_k = β(X W_k + b_k) for k = centre, d₁, d₂, per split, as [3, m·h₁].
    const h1 = widths[1]!;
    this.first = tf.tidy(() => {
      const make = (split: Split): Tensor2D => {
        // An empty split (no test set) gets an empty [3, 0] block and runs no op (tf.zeros is
        // not a kernel); its metrics are refused before they get here.
        if (problem.size[split] === 0) return tf.zeros([3, 0]);
        const x = problem.data.x[split];
        const rows = vectors.map((v) => {
          const w = tf.tensor2d(slice(v, 0), [widths[0]!, h1]);
          const b = tf.tensor2d(slice(v, 1), [1, h1]);
          const scale = layerCount > 1 ? beta : 1;
          return tf.reshape(tf.mul(scale, tf.add(tf.matMul(x, w), b)), [1, -1]);
        });
        return tf.concat(rows, 0) as Tensor2D;
      };
      return { train: make('train'), test: make('test') };
    });
    // Layers 1..L: k = αβ for hidden layers, α for the output layer; bias β(b + γ1ᵀW) or b + γ1ᵀW.
    this.layers = [];
    for (let l = 1; l < layerCount; l++) {
      const fanIn = widths[l]!;
      const fanOut = widths[l + 1]!;
      const last = l + 1 === layerCount;
      const k = last ? alpha : alpha * beta;
      const s = last ? 1 : beta;
      const weights = new Float32Array(3 * fanIn * fanOut);
      const bias = new Float32Array(3 * fanOut);
      vectors.forEach((v, part) => {
        const w = slice(v, 2 * l);
        const b = slice(v, 2 * l + 1);
        for (let i = 0; i < fanIn * fanOut; i++) weights[part * fanIn * fanOut + i] = k * w[i]!;
        for (let o = 0; o < fanOut; o++) {
          let colSum = 0;
          for (let i = 0; i < fanIn; i++) colSum += w[i * fanOut + o]!;
          bias[part * fanOut + o] = s * (b[o]! + gamma * colSum);
        }
      });
      const size = fanIn * fanOut;
      const layer: StackedLayer = {
        weights: [0, 1, 2].map((part) =>
          tf.tensor2d(weights.subarray(part * size, (part + 1) * size), [fanIn, fanOut]),
        ) as [Tensor2D, Tensor2D, Tensor2D],
        biases: [0, 1, 2].map((part) =>
          tf.tensor1d(bias.subarray(part * fanOut, (part + 1) * fanOut)),
        ) as [Tensor1D, Tensor1D, Tensor1D],
        fanIn,
        fanOut,
        last,
      };
      if (last && fanOut === 1) {
        const columns = new Float32Array(fanIn * 3);
        for (let i = 0; i < fanIn; i++)
          for (let part = 0; part < 3; part++) columns[i * 3 + part] = weights[part * size + i]!;
        layer.outputWeights = tf.tensor2d(columns, [fanIn, 3]);
        layer.outputBias = tf.tensor1d(bias);
      }
      this.layers.push(layer);
    }
    const m = Math.max(problem.size.train, problem.size.test);
    this.floatsPerPoint = 10 * m * Math.max(...widths.slice(1));
  }

  /** Outputs z [G, m] (logits or predictions; [G, m·C] for C-class softmax) at the G points. */
  private outputs(a: Tensor1D, b: Tensor1D, split: Split): Tensor2D {
    const g = a.shape[0];
    const m = this.problem.size[split];
    const coef = tf.stack([tf.onesLike(a), a, b], 1) as Tensor2D; // [G, 3]
    const pre0 = tf.matMul(coef, this.first[split]); // [G, m·h₁]
    // Logistic regression: h₁ = 1 (or C for multinomial) is the output.
    if (this.layers.length === 0) return pre0 as Tensor2D;
    let s: Tensor = this.form.f(pre0);
    const aCol = tf.reshape(a, [g, 1]);
    const bCol = tf.reshape(b, [g, 1]);
    for (const layer of this.layers) {
      const rows = tf.reshape(s, [g * m, layer.fanIn]) as Tensor2D;
      if (layer.last && layer.fanOut === 1) {
        // Output unit: one [G·m, in] × [in, 3] product (columns k·wc, k·d₁, k·d₂, biases fused),
        // then z = Z·(1, a, b) per grid point.
        const z: Tensor = tf.fused.matMul({
          a: rows,
          b: layer.outputWeights!,
          bias: layer.outputBias!,
        });
        s = tf.sum(tf.mul(tf.reshape(z, [g, m, 3]), tf.reshape(coef, [g, 1, 3])), 2);
        continue;
      }
      // pre = (S·k·Wc + bc) + a (S·k·D₁ + b₁) + b (S·k·D₂ + b₂): three [G·m, in] × [in, out]
      // products with their biases fused (XNNPACK's fully-connected op on wasm).
      const [z0, z1, z2] = layer.weights.map((w, part) =>
        tf.reshape(tf.fused.matMul({ a: rows, b: w, bias: layer.biases[part]! }), [
          g,
          m * layer.fanOut,
        ]),
      );
      const pre = tf.add(tf.add(z0!, tf.mul(aCol, z1!)), tf.mul(bCol, z2!));
      // The output layer of C logits has no activation (k = α, bias b + γ1ᵀW fold it in).
      s = layer.last ? pre : this.form.f(pre);
    }
    return tf.reshape(s, [g, m * this.problem.outputsPerExample]) as Tensor2D;
  }

  evaluate(a: Tensor1D, b: Tensor1D, metrics: readonly LandscapeMetric[]): Tensor1D[] {
    const cache = new Map<Split, Tensor2D>();
    const outputs = (split: Split): Tensor2D => {
      let z = cache.get(split);
      if (!z) {
        z = this.outputs(a, b, split);
        cache.set(split, z);
      }
      return z;
    };
    return metrics.map((metric) => {
      const split = METRIC_SPLIT[metric];
      const y = this.problem.data.y[split];
      if (metric === 'trainLoss' || metric === 'testLoss') {
        const z = outputs(split);
        const { loss: lossName } = this.problem.spec;
        const loss =
          lossName === 'softmax-ce'
            ? softmaxCrossEntropy(z, this.problem.data.oneHot![split], this.problem.classes)
            : lossName === 'bce'
              ? bceForward(z, y)
              : lossFromOutputs('mse', z, y);
        return tf.mean(loss, 1) as Tensor1D;
      }
      if (this.problem.task !== 'classification')
        throw new Error(`${metric} needs a classification problem`);
      if (this.problem.spec.loss === 'softmax-ce')
        return accuracyFromClassLogits(outputs(split), y, this.problem.classes);
      return accuracyFromLogits(outputs(split), y);
    });
  }

  dispose(): void {
    tf.dispose([
      this.first.train,
      this.first.test,
      ...this.layers.flatMap((l) => [
        ...l.weights,
        ...l.biases,
        ...(l.outputWeights ? [l.outputWeights, l.outputBias!] : []),
      ]),
    ]);
  }
}
