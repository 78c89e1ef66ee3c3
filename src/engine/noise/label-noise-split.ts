import { addSymmetric2, projectedNoiseCovariance, type Symmetric2 } from './covariance';

/** What the split needs at θ, on the training split (all [m] unless noted). */
export interface SquaredLossNoiseInputs {
  /** Model outputs hᵢ = h_θ(xᵢ). */
  outputs: ArrayLike<number>;
  /** Observed labels yᵢ = h_θ*(xᵢ) + εᵢ. */
  labels: ArrayLike<number>;
  /** Noise-free targets h_θ*(xᵢ) (the teacher's outputs). */
  cleanTargets: ArrayLike<number>;
  /** Label-noise standard deviation σ (Var[εᵢ] = σ²). */
  sigma: number;
  /** Projected output gradients Dᵀ∇hᵢ, [m, 2] row-major. */
  outputGradients: Float64Array;
  /** Mini-batch size B. */
  batchSize: number;
}

/** The gradient-noise covariance of squared loss and its split by source, all 2×2 on the plane. */
export interface SquaredLossNoiseSplit {
  /** C at the observed labels (the realised noise the optimiser feels). */
  total: Symmetric2;
  /** Label-noise term (4σ²/B)·(1/m)(1 − 1/m)·Σᵢ (Dᵀ∇hᵢ)(Dᵀ∇hᵢ)ᵀ. */
  intrinsic: Symmetric2;
  /** Misfit term: C of the noise-free labels, (1/B)((4/m)Σᵢ Δᵢ²(Dᵀ∇hᵢ)(Dᵀ∇hᵢ)ᵀ − ∇L*∇L*ᵀ). */
  exploration: Symmetric2;
  /** intrinsic + exploration = E_ε[total], the expectation over the label noise. */
  expectedTotal: Symmetric2;
}

/**
 * The split of Zancato & Chiuso (SCIENCE.md §7) for squared loss ℓᵢ = (hᵢ − yᵢ)² with noisy labels
 * yᵢ = h_θ*(xᵢ) + εᵢ, εᵢ i.i.d., mean 0, variance σ². With eᵢ = yᵢ − hᵢ = Δᵢ + εᵢ,
 * Δᵢ = h_θ*(xᵢ) − h_θ(xᵢ), the per-example gradient is ∇ℓᵢ = −2eᵢ∇hᵢ and the noise covariance
 * C = (1/B)((1/m)Σᵢ∇ℓᵢ∇ℓᵢᵀ − ∇L∇Lᵀ). Its expectation over the label noise splits exactly into
 *   E_ε[C] = (1/B)[ (4σ²/m)(1 − 1/m) Σᵢ∇hᵢ∇hᵢᵀ ]                        intrinsic
 *          + (1/B)[ (4/m) Σᵢ Δᵢ²∇hᵢ∇hᵢᵀ − ∇L*∇L*ᵀ ]                    exploration
 * with ∇L* = −(2/m)Σᵢ Δᵢ∇hᵢ the gradient with noise-free labels. The deck writes the two sums
 * σ²Σ∇hᵢ∇hᵢᵀ and ΣΔᵢ²∇hᵢ∇hᵢᵀ "up to proportionality"; the factors here (the 1 − 1/m and the mean
 * term, both from ∇L∇Lᵀ) make the two terms add up to E_ε[C] exactly. The exploration term is the
 * noise covariance the same model would feel on noise-free labels, so it is positive
 * semi-definite, and it vanishes where the model fits the teacher (Δ = 0).
 *
 * Uniform sampling only (the importance sampler's p depends on the labels).
 */
export function splitSquaredLossNoise(inputs: SquaredLossNoiseInputs): SquaredLossNoiseSplit {
  const { outputs, labels, cleanTargets, sigma, outputGradients: gh, batchSize } = inputs;
  const m = outputs.length;
  if (labels.length !== m || cleanTargets.length !== m || gh.length !== 2 * m)
    throw new RangeError(
      `split inputs disagree on m: outputs ${m}, labels ${labels.length}, clean targets ${cleanTargets.length}, gradients ${gh.length / 2}`,
    );
  if (!(sigma >= 0)) throw new RangeError(`σ must be ≥ 0, got ${sigma}`);
  const observed = new Float64Array(2 * m);
  const clean = new Float64Array(2 * m);
  let xx = 0;
  let xy = 0;
  let yy = 0;
  for (let i = 0; i < m; i++) {
    const gx = gh[2 * i]!;
    const gy = gh[2 * i + 1]!;
    const rObserved = 2 * (outputs[i]! - labels[i]!);
    const rClean = 2 * (outputs[i]! - cleanTargets[i]!);
    observed[2 * i] = rObserved * gx;
    observed[2 * i + 1] = rObserved * gy;
    clean[2 * i] = rClean * gx;
    clean[2 * i + 1] = rClean * gy;
    xx += gx * gx;
    xy += gx * gy;
    yy += gy * gy;
  }
  const scale = m > 0 ? ((4 * sigma * sigma) / (batchSize * m)) * (1 - 1 / m) : 0;
  const intrinsic = { xx: scale * xx, xy: scale * xy, yy: scale * yy };
  const exploration = projectedNoiseCovariance(clean, batchSize);
  return {
    total: projectedNoiseCovariance(observed, batchSize),
    intrinsic,
    exploration,
    expectedTotal: addSymmetric2(intrinsic, exploration),
  };
}
