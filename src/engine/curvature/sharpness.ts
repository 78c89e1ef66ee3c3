/**
 * Keskar ε-sharpness (Keskar et al. 2017, "On large-batch training…", metric 2.1), over the full
 * space: with the box C_ε = {δ : |δᵢ| ≤ ε(|θᵢ| + 1)},
 *   φ(θ, ε) = 100 · (max_{δ ∈ C_ε} L(θ + δ) − L(θ)) / (1 + L(θ)).
 * The maximum is sought by projected sign-gradient ascent (steps of a shrinking fraction of each
 * coordinate's half-width, then clipping to the box) from `restarts` starts at once (δ = 0 and
 * uniform random points of the box; one batched program per step), keeping the best point seen.
 * Keskar et al. used L-BFGS-B; any ascent gives a lower bound of the true maximum, and on a
 * convex loss (a quadratic) the maximum is at a vertex, which sign steps reach exactly.
 */
import { Rng } from '../math/random';
import { meanLoss, type Problem } from '../problems/problem';
import { tf, type Tensor1D, type Tensor2D } from '../tf';
import type { CurvatureLoss } from './operator';

export interface SharpnessOptions {
  /** ε of the box (default 1e-3; Keskar et al. report 1e-3 and 5e-4). */
  epsilon?: number;
  /** Ascent steps (default 20). */
  iterations?: number;
  /** Starts ascended at once (default 4: δ = 0 and three random points of the box). */
  restarts?: number;
  seed?: number;
  loss?: CurvatureLoss;
  onIteration?: (iteration: number, iterations: number) => void | Promise<void>;
}

export interface Sharpness {
  /** φ in percent. */
  sharpness: number;
  epsilon: number;
  /** L(θ). */
  loss: number;
  /** The largest L(θ + δ) found. */
  maxLoss: number;
  /** The maximising δ [P]. */
  delta: Float64Array;
}

export async function keskarSharpness(
  problem: Problem,
  theta: Float32Array,
  options: SharpnessOptions = {},
): Promise<Sharpness> {
  const epsilon = options.epsilon ?? 1e-3;
  const iterations = options.iterations ?? 20;
  const restarts = options.restarts ?? 4;
  if (!(epsilon > 0 && epsilon < 1))
    throw new RangeError(`sharpness: epsilon must be in (0, 1) (got ${epsilon})`);
  if (!Number.isInteger(iterations) || iterations < 1)
    throw new RangeError(`sharpness: iterations must be a whole number ≥ 1 (got ${iterations})`);
  if (!Number.isInteger(restarts) || restarts < 1)
    throw new RangeError(`sharpness: restarts must be a whole number ≥ 1 (got ${restarts})`);
  const P = problem.layout.size;
  const split = options.loss?.split ?? 'train';
  const weights = options.loss?.weights;
  const rowLoss = (th: Tensor2D): Tensor1D => {
    if (!weights) return meanLoss(problem, th, split);
    const w = tf.tensor2d(weights, [1, weights.length]);
    return tf.sum(tf.mul(problem.perExampleLoss(th, 'train'), w), 1) as Tensor1D;
  };
  const halfWidth = Float64Array.from(theta, (t) => epsilon * (Math.abs(t) + 1));
  const rng = new Rng(options.seed ?? 1);
  const deltas = Array.from({ length: restarts }, (_, r) =>
    Float64Array.from(halfWidth, (h) => (r === 0 ? 0 : h * (2 * rng.uniform() - 1))),
  );
  const base = tf.tidy(() => rowLoss(tf.tensor2d(theta, [1, P])));
  const baseLoss = (await base.data())[0]!;
  base.dispose();
  let maxLoss = baseLoss;
  let best = new Float64Array(P);
  const evaluate = async (withGradient: boolean) => {
    const flat = new Float32Array(restarts * P);
    deltas.forEach((d, r) => {
      for (let i = 0; i < P; i++) flat[r * P + i] = theta[i]! + d[i]!;
    });
    const values = tf.tidy(() => rowLoss(tf.tensor2d(flat, [restarts, P])));
    const gradient = withGradient
      ? tf.tidy(() =>
          tf.grad((th: tf.Tensor) => tf.sum(rowLoss(th as Tensor2D)))(
            tf.tensor2d(flat, [restarts, P]),
          ),
        )
      : null;
    const losses = await values.data();
    values.dispose();
    const grads = gradient ? await gradient.data() : null;
    gradient?.dispose();
    for (let r = 0; r < restarts; r++) {
      if (losses[r]! > maxLoss) {
        maxLoss = losses[r]!;
        best = Float64Array.from(deltas[r]!);
      }
    }
    return grads;
  };
  for (let t = 0; t < iterations; t++) {
    const grads = (await evaluate(true))!;
    const step = Math.max(0.05, 0.5 * 0.85 ** t);
    deltas.forEach((d, r) => {
      for (let i = 0; i < P; i++) {
        const g = grads[r * P + i]!;
        const h = halfWidth[i]!;
        const moved = d[i]! + step * h * Math.sign(g);
        d[i] = Math.min(h, Math.max(-h, moved));
      }
    });
    await options.onIteration?.(t + 1, iterations);
  }
  await evaluate(false);
  return {
    sharpness: (100 * (maxLoss - baseLoss)) / (1 + baseLoss),
    epsilon,
    loss: baseLoss,
    maxLoss,
    delta: best,
  };
}
