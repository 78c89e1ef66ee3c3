import type { Plane } from '../landscape/plane';
import type { Problem } from '../problems/problem';
import { tf, type Tensor2D } from '../tf';

/** Grid points evaluated per tensor program. */
const CHUNK = 256;

/** The training loss and the loss an importance sampler sees, on one plane grid. */
export interface SampledLandscape {
  /** Points per axis n; values are row-major over b then a: index j·n + i is (a_i, b_j). */
  n: number;
  /** L(θ) = (1/m) Σᵢ ℓᵢ(θ) [n²]. */
  trainLoss: Float32Array;
  /** L_p(θ) = Σᵢ pᵢ ℓᵢ(θ) [n²], p frozen. */
  sampledLoss: Float32Array;
}

/**
 * "The landscape the sampler sees" (SCIENCE.md §7): an importance sampler with probabilities p,
 * frozen at the θ_k where they were computed, draws mini-batches whose mean gradient is ∇L_p with
 *   L_p(θ) = Σᵢ pᵢ ℓᵢ(θ),
 * evaluated here on the grid θ(a_i, b_j) = c + a_i d₁ + b_j d₂ beside the training loss L. With
 * p ∝ exp(−ℓᵢ(θ_k)/U_c) the high-loss examples that make the high local minima weigh less, so
 * L_p is smoother around θ_k; as U_c → ∞, L_p → L.
 *
 * @param a grid coordinates along d₁ [n]; @param b along d₂ [n]
 * @param probabilities p [m] (sums to 1)
 */
export function sampledLandscape(
  problem: Problem,
  plane: Plane,
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  probabilities: ArrayLike<number>,
): SampledLandscape {
  const n = a.length;
  const m = problem.size.train;
  const p = problem.layout.size;
  if (b.length !== n) throw new RangeError(`grid axes differ: ${n} and ${b.length} points`);
  if (probabilities.length !== m)
    throw new RangeError(`${probabilities.length} probabilities for ${m} examples`);
  const total = n * n;
  const trainLoss = new Float32Array(total);
  const sampledLoss = new Float32Array(total);
  const weights = tf.tensor2d(
    Float32Array.from({ length: 2 * m }, (_, k) => (k < m ? probabilities[k]! : 1 / m)),
    [2, m],
  );
  try {
    for (let start = 0; start < total; start += CHUNK) {
      const count = Math.min(CHUNK, total - start);
      const rows = new Float32Array(count * p);
      for (let g = 0; g < count; g++) {
        const i = (start + g) % n;
        const j = Math.floor((start + g) / n);
        const ai = a[i]!;
        const bj = b[j]!;
        for (let q = 0; q < p; q++)
          rows[g * p + q] = plane.centre[q]! + ai * plane.d1[q]! + bj * plane.d2[q]!;
      }
      const values = tf.tidy(() => {
        const losses = problem.perExampleLoss(tf.tensor2d(rows, [count, p]) as Tensor2D, 'train');
        // [count, m] × [m, 2] → [count, 2]: (L_p, L) per point.
        return tf.matMul(losses, weights, false, true);
      });
      const data = values.dataSync();
      values.dispose();
      for (let g = 0; g < count; g++) {
        sampledLoss[start + g] = data[2 * g]!;
        trainLoss[start + g] = data[2 * g + 1]!;
      }
    }
  } finally {
    weights.dispose();
  }
  return { n, trainLoss, sampledLoss };
}
