import { classCount, type Dataset } from '../data/datasets';
import type { Rng } from '../math/random';
import { tf, type Tensor, type Tensor2D, type Tensor3D } from '../tf';
import { activate, type ActivationName } from './activations';
import {
  accuracyFromClassLogits,
  accuracyFromLogits,
  DataTensors,
  lossFromOutputs,
  softmaxCrossEntropy,
  type LossName,
} from './data-problem';
import { MlpHostSnapshot } from './host-snapshot';
import { MlpBackprop } from './mlp-backprop';
import { makeLayout, type ParameterLayout } from './layout';
import type { Problem, Split } from './problem';

/** A fully connected network d → h₁ → … → h_L → 1 (or → C logits for C ≥ 3 classes). */
export interface MlpSpec {
  /** Hidden layer widths, 0–4 layers (0 layers = logistic/linear regression). */
  hidden: readonly number[];
  activation: ActivationName;
  /**
   * 'bce' on one logit for binary classification, 'softmax-ce' on C logits for a data set of
   * C ≥ 3 classes (0 hidden layers: multinomial logistic regression), 'mse' for regression.
   */
  loss: LossName;
}

/**
 * Parameter layout of an MLP with input dimension d: for each layer l = 0..L in order, the kernel
 * W_l of shape [fanIn, fanOut] (row-major; unit j = column j, `unitAxis` 1) then its bias b_l of
 * shape [fanOut]. The last layer has fanOut = `outputs`: 1 (one logit or prediction), or C logits
 * (class c = column c) for softmax cross-entropy.
 */
export function mlpLayout(
  inputDim: number,
  hidden: readonly number[],
  outputs = 1,
): ParameterLayout {
  const widths = [inputDim, ...hidden, outputs];
  const entries = [];
  for (let l = 0; l + 1 < widths.length; l++) {
    entries.push({
      name: `W${l}`,
      shape: [widths[l]!, widths[l + 1]!],
      kind: 'weight' as const,
      unitAxis: 1,
    });
    entries.push({ name: `b${l}`, shape: [widths[l + 1]!], kind: 'bias' as const });
  }
  return makeLayout(entries);
}

/**
 * MLP on a data set, batched over K parameter vectors:
 * a₀ = X, a_{l+1} = act(a_l W_l + b_l) for hidden layers, output z = a_L W_L + b_L (a logit for
 * 'bce', C logits for 'softmax-ce'). With zero hidden layers and 'bce' this is logistic
 * regression; with 'softmax-ce', multinomial logistic regression. Outputs are [K, m] with one
 * output, [K, m·C] with C (example i's logits at i·C … i·C + C − 1).
 */
export class MlpProblem implements Problem {
  readonly name: string;
  readonly layout: ParameterLayout;
  readonly task: 'classification' | 'regression';
  readonly size: Readonly<Record<Split, number>>;
  /** The data tensors (read by the landscape evaluator). */
  readonly data: DataTensors;
  /** Layer widths [d, h₁, …, h_L, 1] (or C last for 'softmax-ce'). */
  readonly widths: number[];
  /** Classes C: 2 for 'bce' (one logit), C ≥ 3 for 'softmax-ce' (C logits), 0 for 'mse'. */
  readonly classes: number;
  /** Outputs per example: 1, or C for 'softmax-ce'. */
  readonly outputsPerExample: number;
  /** The hand-derived backward pass on the host (the trainer's path on the CPU backends). */
  readonly hostGradient: MlpBackprop;
  /** Snapshot metrics on the host with the same passes (the trainer's, with `hostGradient`). */
  readonly hostSnapshot: MlpHostSnapshot;

  constructor(
    readonly spec: MlpSpec,
    dataset: Dataset,
    name = spec.hidden.length === 0 ? 'logistic' : 'mlp',
  ) {
    this.name = name;
    const dataClasses = classCount(dataset);
    if (spec.loss === 'softmax-ce' && dataClasses < 3)
      throw new RangeError(
        `softmax cross-entropy needs a classification set of 3 or more classes, this one has ${dataClasses}`,
      );
    if (spec.loss === 'bce' && dataClasses !== 2)
      throw new RangeError(
        `binary cross-entropy needs a classification set of 2 classes, this one has ${dataClasses}: use 'softmax-ce'`,
      );
    this.classes = spec.loss === 'mse' ? 0 : dataClasses;
    this.outputsPerExample = spec.loss === 'softmax-ce' ? dataClasses : 1;
    this.layout = mlpLayout(dataset.inputDim, spec.hidden, this.outputsPerExample);
    this.task = spec.loss === 'mse' ? 'regression' : 'classification';
    this.data = new DataTensors(dataset);
    this.size = this.data.size;
    this.widths = [dataset.inputDim, ...spec.hidden, this.outputsPerExample];
    this.hostGradient = new MlpBackprop(
      this.widths,
      spec.activation,
      spec.loss,
      dataset.xTrain,
      dataset.yTrain,
    );
    this.hostSnapshot = new MlpHostSnapshot(this.hostGradient, dataset);
  }

  outputs(theta: Tensor2D, split: Split, twice = false): Tensor2D {
    return this.predict(theta, this.data.x[split], twice);
  }

  /**
   * Outputs [K, n] (or [K, n·C] for 'softmax-ce') of the K models at arbitrary inputs x [n, d]
   * (decision boundaries, curves).
   */
  predict(theta: Tensor2D, x: Tensor2D, twice = false): Tensor2D {
    return tf.tidy(() => {
      const k = theta.shape[0];
      let a: Tensor = tf.reshape(x, [1, x.shape[0], x.shape[1]]);
      const entries = this.layout.entries;
      const layers = this.widths.length - 1;
      for (let l = 0; l < layers; l++) {
        const wEntry = entries[2 * l]!;
        const bEntry = entries[2 * l + 1]!;
        const fanIn = this.widths[l]!;
        const fanOut = this.widths[l + 1]!;
        const w = tf.reshape(tf.slice(theta, [0, wEntry.offset], [k, fanIn * fanOut]), [
          k,
          fanIn,
          fanOut,
        ]);
        const b = tf.reshape(tf.slice(theta, [0, bEntry.offset], [k, fanOut]), [k, 1, fanOut]);
        const pre = tf.add(tf.matMul(a as Tensor3D, w as Tensor3D), b);
        a = l + 1 < layers ? activate(this.spec.activation, pre, twice) : pre;
      }
      return tf.reshape(a, [k, x.shape[0] * this.outputsPerExample]) as Tensor2D;
    });
  }

  perExampleLoss(theta: Tensor2D, split: Split, twice = false): Tensor2D {
    return tf.tidy(() => {
      const z = this.outputs(theta, split, twice);
      if (this.spec.loss === 'softmax-ce')
        return softmaxCrossEntropy(z, this.data.oneHot![split], this.classes, twice);
      return lossFromOutputs(this.spec.loss, z, this.data.y[split]);
    });
  }

  accuracy(theta: Tensor2D, split: Split) {
    return tf.tidy(() => {
      const z = this.outputs(theta, split);
      if (this.spec.loss === 'softmax-ce')
        return accuracyFromClassLogits(z, this.data.y[split], this.classes);
      return accuracyFromLogits(z, this.data.y[split]);
    });
  }

  /**
   * torch.nn.Linear's default initialisation: every weight and bias of a layer with fan-in n
   * drawn from U(−1/√n, 1/√n).
   */
  init(rng: Rng): Float32Array {
    const theta = new Float32Array(this.layout.size);
    for (let l = 0; l + 1 < this.widths.length; l++) {
      const bound = 1 / Math.sqrt(this.widths[l]!);
      for (const entry of [this.layout.entries[2 * l]!, this.layout.entries[2 * l + 1]!]) {
        const n = entry.shape.reduce((a, b) => a * b, 1);
        for (let i = 0; i < n; i++) theta[entry.offset + i] = rng.uniformIn(-bound, bound);
      }
    }
    return theta;
  }

  dispose(): void {
    this.data.dispose();
  }
}
