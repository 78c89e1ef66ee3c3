import { tf, type Tensor } from '../tf';

/** Hidden-unit non-linearities offered by the models. */
export type ActivationName = 'tanh' | 'relu' | 'sigmoid';

/**
 * tanh whose gradient is computed from the saved *input*, so that it can be differentiated twice.
 * tfjs-core's own Tanh/Sigmoid/Exp gradients read the saved *output*, whose clone is recorded on
 * the tape before the op itself; a second `tf.grad` then finds no path and throws. Recomputing
 * tanh(x) in the backward pass costs one extra tanh and makes Hessian-vector products work.
 *   d/dx tanh(x) = 1 − tanh²(x)
 */
export const tanhTwice = tf.customGrad((x: Tensor, save: tf.GradSaveFunc) => {
  save([x]);
  return {
    value: tf.tanh(x),
    gradFunc: (dy: Tensor, saved: Tensor[]) => {
      const t = tf.tanh(saved[0]!);
      return tf.mul(dy, tf.sub(1, tf.square(t)));
    },
  };
}) as (x: Tensor) => Tensor;

/** Logistic sigmoid, twice differentiable (see `tanhTwice`). d/dx σ(x) = σ(x)(1 − σ(x)). */
export const sigmoidTwice = tf.customGrad((x: Tensor, save: tf.GradSaveFunc) => {
  save([x]);
  return {
    value: tf.sigmoid(x),
    gradFunc: (dy: Tensor, saved: Tensor[]) => {
      const s = tf.sigmoid(saved[0]!);
      return tf.mul(dy, tf.mul(s, tf.sub(1, s)));
    },
  };
}) as (x: Tensor) => Tensor;

/** exp, twice differentiable (see `tanhTwice`). */
export const expTwice = tf.customGrad((x: Tensor, save: tf.GradSaveFunc) => {
  save([x]);
  return {
    value: tf.exp(x),
    gradFunc: (dy: Tensor, saved: Tensor[]) => tf.mul(dy, tf.exp(saved[0]!)),
  };
}) as (x: Tensor) => Tensor;

/**
 * Applies an activation. With `twice` the version safe for double back-propagation is used
 * (needed for Hessian-vector products); otherwise tfjs's fused kernels.
 */
export function activate(name: ActivationName, x: Tensor, twice: boolean): Tensor {
  switch (name) {
    case 'tanh':
      return twice ? tanhTwice(x) : tf.tanh(x);
    case 'sigmoid':
      return twice ? sigmoidTwice(x) : tf.sigmoid(x);
    case 'relu':
      return tf.relu(x);
  }
}
