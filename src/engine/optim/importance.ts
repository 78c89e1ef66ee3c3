import type { Rng } from '../math/random';

/**
 * How a run draws its mini-batches:
 * - 'uniform': without replacement within an epoch (the default; `MiniBatchSampler`);
 * - 'importance': the scheme of Zancato & Chiuso (SCIENCE.md §7): B examples drawn i.i.d. with
 *   p(xᵢ) ∝ exp(−ℓᵢ(θ_k)/U_c), the per-example losses at the current θ_k, U_c = `temperature`.
 *   High-loss examples ("dynamic outliers") are drawn less often; U_c → ∞ is uniform sampling.
 */
export type SamplingSpec = { kind: 'uniform' } | { kind: 'importance'; temperature: number };

/**
 * pᵢ = exp(−ℓᵢ/U_c) / Σⱼ exp(−ℓⱼ/U_c) for losses ℓ [m], written into `out` [m] (float64), computed
 * as a softmax with the smallest loss subtracted (no overflow for any U_c > 0). U_c = ∞ gives 1/m.
 * A non-finite loss gets p = 0 (a diverged example is never drawn); if no loss is finite the
 * probabilities are uniform.
 */
export function importanceProbabilities(
  losses: ArrayLike<number>,
  temperature: number,
  out: Float64Array = new Float64Array(losses.length),
): Float64Array {
  const m = losses.length;
  if (!(temperature > 0)) throw new RangeError(`temperature U_c must be > 0, got ${temperature}`);
  let lowest = Infinity;
  for (let i = 0; i < m; i++) {
    const l = losses[i]!;
    if (Number.isFinite(l) && l < lowest) lowest = l;
  }
  if (!Number.isFinite(lowest)) return out.fill(1 / m);
  let total = 0;
  for (let i = 0; i < m; i++) {
    const l = losses[i]!;
    const e = Number.isFinite(l) ? Math.exp(-(l - lowest) / temperature) : 0;
    out[i] = e;
    total += e;
  }
  for (let i = 0; i < m; i++) out[i] = out[i]! / total;
  return out;
}

/**
 * Draws B indices i.i.d. from p (inverse CDF with binary search, O(m + B log m)) and writes the
 * example weights of the batch into `weights` [m]: wᵢ = (times i was drawn)/B, so Σᵢ wᵢℓᵢ is the
 * batch mean and E[wᵢ] = pᵢ. `cdf` [m] is scratch.
 */
export function drawImportanceBatch(
  probabilities: Float64Array,
  batchSize: number,
  rng: Rng,
  weights: Float32Array,
  cdf: Float64Array,
): void {
  const m = probabilities.length;
  let running = 0;
  for (let i = 0; i < m; i++) {
    running += probabilities[i]!;
    cdf[i] = running;
  }
  weights.fill(0);
  const share = 1 / batchSize;
  for (let b = 0; b < batchSize; b++) {
    const u = rng.uniform() * running;
    let lo = 0;
    let hi = m - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    // The first i with cdf[i] > u: a zero-probability i ties with i − 1's CDF and is never chosen.
    weights[lo]! += share;
  }
}

/**
 * The loss the importance sampler's mini-batch gradient is unbiased for, with p frozen at θ_k:
 *   L_p(θ) = Σᵢ pᵢ(θ_k) ℓᵢ(θ),
 * ("the landscape the sampler sees", SCIENCE.md §7): E[∇G] = ∇L_p(θ_k), not ∇L(θ_k). With U_c → ∞
 * it is the training loss L. Returns L_p for losses [m] at some θ.
 */
export function sampledLoss(probabilities: ArrayLike<number>, losses: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < losses.length; i++)
    if (probabilities[i]! > 0) s += probabilities[i]! * losses[i]!;
  return s;
}
