/**
 * The curve loss of Garipov et al. (2018) as one batched program: for K sampled t the points
 * φ(t_k) = c₀(t_k) w₀ + c₁(t_k) w₁ + c₂(t_k) w₂ are the rows of a [K, P] tensor, evaluated as K
 * "runs" of the problem at once, and the Monte-Carlo estimate of E_{t~U(0,1)} L(φ(t)) is their mean.
 */
import { meanLoss, weightedLoss, type Problem, type Split } from '../problems/problem';
import { tf, type Scalar, type Tensor2D } from '../tf';

/** The three fixed-or-trained points of a curve, each a [1, P] tensor. */
export interface CurveEnds {
  w0: Tensor2D;
  w2: Tensor2D;
}

/**
 * The points φ(t_k) as rows of a [K, P] tensor: coefficients [K, 3] (`coefficientRows`) times the
 * stacked [3, P] matrix (w₀; w₁; w₂): one matrix product.
 */
export function curveRows(ends: CurveEnds, w1: Tensor2D, coefficients: Tensor2D): Tensor2D {
  return tf.matMul(coefficients, tf.concat([ends.w0, w1, ends.w2], 0)) as Tensor2D;
}

/**
 * (1/K) Σ_k L(φ(t_k)) with L the mean loss on `split`, or the weighted training loss with example
 * weights [1, m] (a mini-batch) when `weights` is given. A scalar; call inside `tf.tidy` or a
 * gradient function. Its gradient with respect to w₁ is (1/K) Σ_k c₁(t_k) ∇L(φ(t_k)).
 */
export function curveLoss(
  problem: Problem,
  ends: CurveEnds,
  w1: Tensor2D,
  coefficients: Tensor2D,
  split: Split = 'train',
  weights?: Tensor2D,
): Scalar {
  const rows = curveRows(ends, w1, coefficients);
  const losses = weights ? weightedLoss(problem, rows, weights) : meanLoss(problem, rows, split);
  return tf.mean(losses) as Scalar;
}
