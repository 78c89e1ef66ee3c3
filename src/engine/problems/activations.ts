import { tf, type Tensor } from '../tf';

/** Hidden-unit non-linearities offered by the models. */
export type ActivationName = 'tanh' | 'relu' | 'sigmoid';

/**
 * An element-wise function whose gradient is computed from the saved *input*, so that it can be
 * differentiated twice. tfjs-core's own Tanh/Sigmoid/Exp gradients read the saved *output*,
 * whose clone is recorded on the tape before the op itself; a second `tf.grad` then finds no
 * path and throws. Recomputing f'(x) in the backward pass costs a little and makes
 * Hessian-vector products work.
 */
function twiceDifferentiable(
  f: (x: Tensor) => Tensor,
  derivative: (x: Tensor) => Tensor,
): (x: Tensor) => Tensor {
  const forward = (x: Tensor, save: tf.GradSaveFunc) => {
    save([x]);
    return {
      value: f(x),
      gradFunc: (dy: Tensor, saved: Tensor[]) => tf.mul(dy, derivative(saved[0]!)),
    };
  };
  const op = tf.customGrad(forward as unknown as Parameters<typeof tf.customGrad>[0]);
  return (x: Tensor) => op(x);
}

/** tanh, twice differentiable: d/dx tanh(x) = 1 − tanh²(x). */
export const tanhTwice = twiceDifferentiable(tf.tanh, (x) => tf.sub(1, tf.square(tf.tanh(x))));

/** Logistic sigmoid, twice differentiable: d/dx σ(x) = σ(x)(1 − σ(x)). */
export const sigmoidTwice = twiceDifferentiable(tf.sigmoid, (x) => {
  const s = tf.sigmoid(x);
  return tf.mul(s, tf.sub(1, s));
});

/** exp, twice differentiable. */
export const expTwice = twiceDifferentiable(tf.exp, tf.exp);

/**
 * tanh(x) = 2σ(2x) − 1, for first-order use. On the wasm backend tfjs's Tanh kernel is scalar
 * `std::tanh` (≈ 15 ns per element here) while Sigmoid is XNNPACK's vectorised kernel, so this
 * form is about 5× faster there; elsewhere it costs three cheap element-wise ops more. Its
 * absolute error is ≈ 1e-7 (float32 rounding of σ), which is what tanh itself guarantees in
 * float32 for |x| ≳ 1e-3; tfjs differentiates it through Sigmoid's own gradient.
 */
export function tanhFast(x: Tensor): Tensor {
  return tf.sub(tf.mul(2, tf.sigmoid(tf.mul(2, x))), 1);
}

/**
 * Applies an activation. With `twice` the version safe for double back-propagation is used
 * (needed for Hessian-vector products); otherwise the fastest first-order form.
 */
export function activate(name: ActivationName, x: Tensor, twice: boolean): Tensor {
  switch (name) {
    case 'tanh':
      return twice ? tanhTwice(x) : tanhFast(x);
    case 'sigmoid':
      return twice ? sigmoidTwice(x) : tf.sigmoid(x);
    case 'relu':
      return tf.relu(x);
    default:
      throw new RangeError(`unknown activation '${String(name)}': one of tanh, sigmoid, relu`);
  }
}
