/**
 * The mini-batch gradient-noise covariance on the view plane (SCIENCE.md §7, Zancato & Chiuso):
 * with per-example gradients ∇ℓᵢ and mini-batches of B examples drawn i.i.d. from p (uniform:
 * pᵢ = 1/m), the mini-batch gradient ∇G = (1/B) Σ_{i∈batch} ∇ℓᵢ has
 *   E[∇G] = Σᵢ pᵢ ∇ℓᵢ = ∇L,   Var[∇G] = C = (1/B) (Σᵢ pᵢ ∇ℓᵢ∇ℓᵢᵀ − ∇L∇Lᵀ),
 * and on the plane D = [d₁ d₂] the 2×2 matrix DᵀCD is the covariance of the projected rows
 * gᵢ = Dᵀ∇ℓᵢ: the P×P matrix is never formed.
 *
 * Drawing without replacement within an epoch (the trainer's uniform sampler) multiplies C by the
 * finite-population factor (m − B)/(m − 1) (`withoutReplacementFactor`).
 */

/** A symmetric 2×2 matrix [[xx, xy], [xy, yy]]. */
export interface Symmetric2 {
  xx: number;
  xy: number;
  yy: number;
}

/** Eigen-decomposition of a symmetric 2×2 matrix: the axes of its ellipse. */
export interface EllipseAxes {
  /** Eigenvalues, largest first (λ₁ ≥ λ₂). */
  eigenvalues: [number, number];
  /** Unit eigenvectors [x, y] for λ₁ and λ₂ (orthogonal; λ₁'s has x ≥ 0, or y > 0 when x = 0). */
  axes: [[number, number], [number, number]];
  /** Angle of the major axis from the first plane axis, radians in (−π/2, π/2]. */
  angle: number;
  /** Trace λ₁ + λ₂. */
  trace: number;
}

/**
 * C = (1/B)(Σᵢ pᵢ gᵢgᵢᵀ − ḡḡᵀ), ḡ = Σᵢ pᵢ gᵢ, for projected gradients g [m, 2] row-major.
 * Computed in float64 with the mean removed first (no cancellation).
 * @param batchSize B ≥ 1
 * @param probabilities pᵢ [m] summing to 1, or omitted for uniform 1/m
 */
export function projectedNoiseCovariance(
  g: Float64Array,
  batchSize: number,
  probabilities?: ArrayLike<number>,
): Symmetric2 {
  const m = g.length / 2;
  if (!Number.isInteger(m)) throw new RangeError('projected gradients must be [m, 2]');
  if (!(batchSize >= 1)) throw new RangeError(`batch size must be ≥ 1, got ${batchSize}`);
  if (probabilities && probabilities.length !== m)
    throw new RangeError(`${probabilities.length} probabilities for ${m} examples`);
  if (m === 0) return { xx: 0, xy: 0, yy: 0 };
  const weight = (i: number) => (probabilities ? probabilities[i]! : 1 / m);
  let mx = 0;
  let my = 0;
  for (let i = 0; i < m; i++) {
    mx += weight(i) * g[2 * i]!;
    my += weight(i) * g[2 * i + 1]!;
  }
  let xx = 0;
  let xy = 0;
  let yy = 0;
  for (let i = 0; i < m; i++) {
    const w = weight(i);
    const dx = g[2 * i]! - mx;
    const dy = g[2 * i + 1]! - my;
    xx += w * dx * dx;
    xy += w * dx * dy;
    yy += w * dy * dy;
  }
  return { xx: xx / batchSize, xy: xy / batchSize, yy: yy / batchSize };
}

/** (m − B)/(m − 1): the variance factor of drawing B of m examples without replacement (1 for m = 1). */
export function withoutReplacementFactor(m: number, batchSize: number): number {
  if (m <= 1 || batchSize >= m) return m <= 1 ? 1 : 0;
  return (m - batchSize) / (m - 1);
}

/** Eigenvalues and unit eigenvectors of a symmetric 2×2 matrix (closed form). */
export function ellipseAxes(c: Symmetric2): EllipseAxes {
  const mean = (c.xx + c.yy) / 2;
  const half = (c.xx - c.yy) / 2;
  const radius = Math.hypot(half, c.xy);
  const angle = radius === 0 ? 0 : 0.5 * Math.atan2(2 * c.xy, c.xx - c.yy);
  let u: [number, number] = [Math.cos(angle), Math.sin(angle)];
  if (u[0] < 0 || (u[0] === 0 && u[1] < 0)) u = [-u[0], -u[1]];
  return {
    eigenvalues: [mean + radius, mean - radius],
    axes: [u, [-u[1], u[0]]],
    angle: Math.atan2(u[1], u[0]),
    trace: c.xx + c.yy,
  };
}

/** a·C for a scalar a. */
export function scaleSymmetric2(c: Symmetric2, a: number): Symmetric2 {
  return { xx: a * c.xx, xy: a * c.xy, yy: a * c.yy };
}

/** A + B. */
export function addSymmetric2(a: Symmetric2, b: Symmetric2): Symmetric2 {
  return { xx: a.xx + b.xx, xy: a.xy + b.xy, yy: a.yy + b.yy };
}

/**
 * The covariance of a gradient step's projection in plane coordinates. The plane coordinates of a
 * displacement δ are the least-squares coefficients c = (DᵀD)⁻¹Dᵀδ; an SGD step δ = −η∇G therefore
 * moves the marker with covariance η² M (DᵀCD) M, M = (DᵀD)⁻¹ (G the Gram matrix DᵀD). This is the
 * ellipse drawn at a run's marker (exact for SGD; for other optimisers a guide to the raw noise).
 * @param gradientCovariance DᵀCD
 * @param gram DᵀD = [[d₁·d₁, d₁·d₂], [d₁·d₂, d₂·d₂]] (must be invertible)
 * @param lr η
 */
export function stepCovarianceInPlane(
  gradientCovariance: Symmetric2,
  gram: Symmetric2,
  lr: number,
): Symmetric2 {
  const det = gram.xx * gram.yy - gram.xy * gram.xy;
  if (!(det > 0))
    throw new RangeError('the plane directions are linearly dependent (DᵀD singular)');
  const inv = { xx: gram.yy / det, xy: -gram.xy / det, yy: gram.xx / det };
  const c = gradientCovariance;
  // M C: rows of the product of two symmetric matrices.
  const a11 = inv.xx * c.xx + inv.xy * c.xy;
  const a12 = inv.xx * c.xy + inv.xy * c.yy;
  const a21 = inv.xy * c.xx + inv.yy * c.xy;
  const a22 = inv.xy * c.xy + inv.yy * c.yy;
  // (M C) M
  const xx = a11 * inv.xx + a12 * inv.xy;
  const xy = a11 * inv.xy + a12 * inv.yy;
  const yy = a21 * inv.xy + a22 * inv.yy;
  const lr2 = lr * lr;
  return { xx: lr2 * xx, xy: lr2 * xy, yy: lr2 * yy };
}

/** The Gram matrix DᵀD of two directions, in float64. */
export function gramOf(d1: ArrayLike<number>, d2: ArrayLike<number>): Symmetric2 {
  let xx = 0;
  let xy = 0;
  let yy = 0;
  for (let i = 0; i < d1.length; i++) {
    xx += d1[i]! * d1[i]!;
    xy += d1[i]! * d2[i]!;
    yy += d2[i]! * d2[i]!;
  }
  return { xx, xy, yy };
}
