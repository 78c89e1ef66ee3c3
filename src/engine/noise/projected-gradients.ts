import type { Problem } from '../problems/problem';
import { tf, type Tensor2D } from '../tf';

/** What is differentiated per example: the loss ℓᵢ(θ), or the model output hᵢ(θ) (logit or prediction). */
export type PerExampleQuantity = 'loss' | 'output';

/**
 * Per-example directional derivatives on the view plane: for every training example i and every
 * direction d_j (j = 1..J, J = 2 for a plane),
 *   g_ij = d_j · ∇fᵢ(θ),   fᵢ = ℓᵢ (quantity 'loss') or hᵢ (quantity 'output'),
 * returned row-major [m, J] in float64 (the rows gᵢ = Dᵀ∇fᵢ are the per-example gradients already
 * projected: the P×P covariance is never formed, nor the [m, P] Jacobian).
 *
 * How: a Jacobian-vector product by double back-propagation (the "double-vjp" trick, as in
 * `hessianVectorProduct`). With weights u [J, m] and θ tiled into J rows,
 *   F(u) = Σ_j d_j · ∇_θ (Σᵢ u_ji fᵢ(θ))  ⇒  ∂F/∂u_ji = d_j · ∇fᵢ(θ),
 * because F is linear in u. Cost: about three passes over the data (forward, backward, the
 * backward's backward), O(m·P), for any number of examples; `tf.grad` is the oracle in the tests
 * (K = m tiled rows with identity weights: the full per-example gradients).
 *
 * @param theta θ [P]
 * @param directions d_1..d_J, each [P]
 */
export function projectedPerExampleGradients(
  problem: Problem,
  theta: Float32Array,
  directions: readonly Float32Array[],
  quantity: PerExampleQuantity = 'loss',
): Float64Array {
  const p = problem.layout.size;
  const m = problem.size.train;
  const j = directions.length;
  if (theta.length !== p) throw new RangeError(`θ has ${theta.length} entries, expected P = ${p}`);
  directions.forEach((d, i) => {
    if (d.length !== p)
      throw new RangeError(`direction ${i + 1} has ${d.length} entries, expected P = ${p}`);
  });
  if (j === 0 || m === 0) return new Float64Array(m * j);
  const perExample = perExampleFunction(problem, quantity);
  const jacobianT = tf.tidy(() => {
    const tiled = tf.tile(tf.tensor2d(theta, [1, p]), [j, 1]) as Tensor2D;
    const dirs = tf.tensor2d(concat(directions), [j, p]);
    const weights = tf.ones([j, m]) as Tensor2D;
    const directional = (u: tf.Tensor) => {
      const weighted = (th: tf.Tensor) => tf.sum(tf.mul(perExample(th as Tensor2D), u));
      return tf.sum(tf.mul(tf.grad(weighted)(tiled), dirs));
    };
    return tf.grad(directional)(weights);
  });
  try {
    const values = jacobianT.dataSync();
    const out = new Float64Array(m * j);
    for (let r = 0; r < j; r++) for (let i = 0; i < m; i++) out[i * j + r] = values[r * m + i]!;
    return out;
  } finally {
    jacobianT.dispose();
  }
}

/** fᵢ(θ) [K, m] on the training split with twice-differentiable ops. */
function perExampleFunction(
  problem: Problem,
  quantity: PerExampleQuantity,
): (theta: Tensor2D) => Tensor2D {
  if (quantity === 'loss') return (theta) => problem.perExampleLoss(theta, 'train', true);
  // Every data problem's `outputs` takes the same `twice` flag as `perExampleLoss`.
  const outputs = problem.outputs.bind(problem) as (
    theta: Tensor2D,
    split: 'train',
    twice: boolean,
  ) => Tensor2D;
  return (theta) => outputs(theta, 'train', true);
}

function concat(rows: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(rows.reduce((n, r) => n + r.length, 0));
  let offset = 0;
  for (const r of rows) {
    out.set(r, offset);
    offset += r.length;
  }
  return out;
}
