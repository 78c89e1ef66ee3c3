import type { Dataset } from '../data/datasets';
import { tf, type Tensor1D, type Tensor2D } from '../tf';
import type { Split } from './problem';

/** Loss functions of a data problem. */
export type LossName = 'bce' | 'mse';

/** The data tensors of a problem, uploaded once: inputs [m, d] and targets [1, m] per split. */
export class DataTensors {
  readonly x: Record<Split, Tensor2D>;
  readonly y: Record<Split, Tensor2D>;
  readonly size: Record<Split, number>;

  constructor(data: Dataset) {
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
  }

  dispose(): void {
    tf.dispose([this.x.train, this.x.test, this.y.train, this.y.test]);
  }
}

/**
 * Per-example loss from outputs z [K, m] and targets y [1, m]:
 * - 'bce': binary cross-entropy on logits, ℓ = softplus(z) − y z = −y log σ(z) − (1−y) log(1−σ(z)),
 *   the numerically stable form of torch's BCEWithLogitsLoss;
 * - 'mse': squared error ℓ = (z − y)² (torch's MSELoss with reduction 'none').
 */
export function lossFromOutputs(loss: LossName, z: Tensor2D, y: Tensor2D): Tensor2D {
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
