import { tf, type Tensor2D } from '../tf';
import type { Problem } from './problem';

/**
 * Class probabilities of K classifiers at n inputs, from `problem.predict`:
 * - binary (one logit z): P(y = 1) = σ(z), shape [K, n];
 * - C ≥ 3 classes (C logits): softmax over each input's logits, shape [K, n·C] (input i's C
 *   probabilities at i·C … i·C + C − 1, summing to 1).
 * @param theta [K, P]; @param x inputs [n, d]
 */
export function classProbabilities(problem: Problem, theta: Tensor2D, x: Tensor2D): Tensor2D {
  if (!problem.predict) throw new Error(`problem '${problem.name}' has no input space`);
  const classes = problem.classes ?? 2;
  return tf.tidy(() => {
    const z = problem.predict!(theta, x);
    if (classes <= 2) return tf.sigmoid(z);
    const k = theta.shape[0];
    const n = x.shape[0];
    return tf.reshape(tf.softmax(tf.reshape(z, [k, n, classes])), [k, n * classes]) as Tensor2D;
  });
}
