import { meanLoss, type Problem, type Split } from '../problems/problem';
import { tf, type Tensor2D } from '../tf';

/**
 * Hessian-vector products H(θ_k) v_k for K rows at once, by double back-propagation
 * (Pearlmutter 1994): Hv = ∇_θ (∇_θ L(θ) · v), with θ and v of shape [K, P]; returns [K, P].
 * The problem is evaluated with its twice-differentiable ops.
 */
export function hessianVectorProduct(
  problem: Problem,
  theta: Tensor2D,
  v: Tensor2D,
  split: Split = 'train',
): Tensor2D {
  return tf.tidy(() => {
    const gradient = tf.grad((th: tf.Tensor) => meanLoss(problem, th as Tensor2D, split, true));
    const directional = (th: tf.Tensor) => tf.sum(tf.mul(gradient(th), v));
    return tf.grad(directional)(theta) as Tensor2D;
  });
}
