import { classCount, type Dataset } from '../data/datasets';
import { tf, type Tensor1D, type Tensor2D, type Tensor3D } from '../tf';
import { expTwice } from './activations';
import type { Split } from './problem';

/**
 * Loss functions of a data problem: 'bce' (one logit, binary labels), 'mse' (regression) and
 * 'softmax-ce' (C ≥ 3 logits per example, labels are class indices).
 */
export type LossName = 'bce' | 'mse' | 'softmax-ce';

/**
 * The data tensors of a problem, uploaded once: inputs [m, d] and targets [1, m] per split, and
 * for a multi-class set (C ≥ 3 classes) the one-hot labels [1, m·C] (example i's row at i·C).
 */
export class DataTensors {
  readonly x: Record<Split, Tensor2D>;
  readonly y: Record<Split, Tensor2D>;
  readonly size: Record<Split, number>;
  /** Classes C of a classification set (2 = binary), 0 for regression. */
  readonly classes: number;
  /** One-hot labels [1, m·C] per split when C ≥ 3, else null. */
  readonly oneHot: Record<Split, Tensor2D> | null;

  constructor(data: Dataset) {
    this.classes = classCount(data);
    const d = data.inputDim;
    this.size = { train: data.yTrain.length, test: data.yTest.length };
    this.x = {
      train: tf.tensor2d(data.xTrain, [this.size.train, d]),
      test: tf.tensor2d(data.xTest, [this.size.test, d]),
    };
    this.y = {
      train: tf.tensor2d(data.yTrain, [1, this.size.train]),
      test: tf.tensor2d(data.yTest, [1, this.size.test]),
    };
    const c = this.classes;
    this.oneHot =
      c > 2
        ? {
            train: tf.tensor2d(oneHotLabels(data.yTrain, c), [1, this.size.train * c]),
            test: tf.tensor2d(oneHotLabels(data.yTest, c), [1, this.size.test * c]),
          }
        : null;
  }

  dispose(): void {
    tf.dispose([this.x.train, this.x.test, this.y.train, this.y.test]);
    if (this.oneHot) tf.dispose([this.oneHot.train, this.oneHot.test]);
  }
}

/** One-hot rows [m·C] of class indices y [m] (a label outside 0 … C − 1 is an error). */
export function oneHotLabels(y: Float32Array, classes: number): Float32Array {
  const out = new Float32Array(y.length * classes);
  y.forEach((label, i) => {
    if (!Number.isInteger(label) || label < 0 || label >= classes)
      throw new RangeError(`label ${i} is ${label}, not a class index 0 … ${classes - 1}`);
    out[i * classes + label] = 1;
  });
  return out;
}

/**
 * Softmax cross-entropy per example from logits z [K, m·C] (example i's C logits at i·C … i·C +
 * C − 1) and one-hot labels [1, m·C]: ℓᵢ = log Σ_c e^{z_ic} − z_{i,yᵢ} = −log softmax(zᵢ)_{yᵢ}
 * (torch's CrossEntropyLoss with reduction 'none'), shape [K, m].
 * @param twice differentiable twice: log Σ e^{z} is taken as z̄ + log Σ e^{z − z̄} with z̄ the
 *   mean logit (tf.logSumExp subtracts the max, whose gradient uses Equal, which tf.grad cannot
 *   differentiate) and exp is `expTwice` (tfjs's Exp gradient reads its saved output, so a second
 *   tf.grad misses that path); exact unless the logits of one example spread by more than ~88
 */
export function softmaxCrossEntropy(
  z: Tensor2D,
  oneHot: Tensor2D,
  classes: number,
  twice = false,
): Tensor2D {
  return tf.tidy(() => {
    const k = z.shape[0];
    const m = z.shape[1] / classes;
    const logits = tf.reshape(z, [k, m, classes]) as Tensor3D;
    const picked = tf.sum(tf.reshape(tf.mul(z, oneHot), [k, m, classes]), 2);
    if (!twice) return tf.sub(tf.logSumExp(logits, 2), picked) as Tensor2D;
    const mean = tf.mean(logits, 2, true);
    const shifted = tf.log(tf.sum(expTwice(tf.sub(logits, mean)), 2));
    return tf.sub(tf.add(tf.reshape(mean, [k, m]), shifted), picked) as Tensor2D;
  });
}

/**
 * Accuracy per row [K] of logits z [K, m·C] against class indices y [1, m]: the fraction of
 * examples whose largest logit is the label's (argmax; ties go to the first class, as tf.argMax).
 */
export function accuracyFromClassLogits(z: Tensor2D, y: Tensor2D, classes: number): Tensor1D {
  return tf.tidy(() => {
    const k = z.shape[0];
    const m = z.shape[1] / classes;
    const predicted = tf.cast(tf.argMax(tf.reshape(z, [k, m, classes]), 2), 'float32');
    return tf.mean(tf.cast(tf.equal(predicted, y), 'float32'), 1) as Tensor1D;
  });
}

/**
 * Per-example loss from outputs z [K, m] and targets y [1, m]:
 * - 'bce': binary cross-entropy on logits, ℓ = softplus(z) − y z = −y log σ(z) − (1−y) log(1−σ(z)),
 *   the numerically stable form of torch's BCEWithLogitsLoss;
 * - 'mse': squared error ℓ = (z − y)² (torch's MSELoss with reduction 'none').
 */
export function lossFromOutputs(loss: 'bce' | 'mse', z: Tensor2D, y: Tensor2D): Tensor2D {
  if (loss === 'bce') return tf.sub(tf.softplus(z), tf.mul(y, z));
  return tf.squaredDifference(z, y);
}

/** Accuracy per row [K] of logits z [K, m] against labels y [1, m] in {0, 1}. */
export function accuracyFromLogits(z: Tensor2D, y: Tensor2D): Tensor1D {
  return tf.tidy(() => {
    const predicted = tf.cast(tf.greater(z, 0), 'float32');
    return tf.mean(tf.cast(tf.equal(predicted, y), 'float32'), 1) as Tensor1D;
  });
}
