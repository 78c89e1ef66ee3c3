/**
 * Statistics of seed ensembles (SCIENCE.md §7, Zancato & Chiuso): the discrete-time stationary
 * variance of SGD on a quadratic with additive noise, the covariance ellipse of a 2-D cloud and a
 * least-squares line. All in float64.
 */

/**
 * Variance of the mean of a mini-batch of B examples whose per-example noise has population
 * variance σ² (mean 0) over m examples: σ²/B with replacement (`m` omitted or ∞), and
 * (σ²/B)·(m − B)/(m − 1) for a batch drawn without replacement (the finite-population factor).
 */
export function batchNoiseVariance(sigma2: number, batchSize: number, m = Infinity): number {
  const fpc = Number.isFinite(m) ? (m - batchSize) / (m - 1) : 1;
  return (sigma2 / batchSize) * fpc;
}

/**
 * Stationary variance of θ_{t+1} = θ_t − η(λθ_t − n_t) with independent noise n_t of variance v
 * (SGD on L = ½λθ² with additive gradient noise): the AR(1) θ_{t+1} = aθ_t + ηn_t, a = 1 − ηλ,
 * has Var θ = η²v/(1 − a²) = ηv/(λ(2 − ηλ)). With v = σ²/B this is ησ²/(B·λ(2 − ηλ)), which for
 * small ηλ is (η/B)·σ²/(2λ): linear in the temperature η/B. Infinite when |1 − ηλ| ≥ 1.
 */
export function stationaryVariance(lr: number, lambda: number, noiseVariance: number): number {
  const a = 1 - lr * lambda;
  if (Math.abs(a) >= 1) return Infinity;
  return (lr * noiseVariance) / (lambda * (2 - lr * lambda));
}

/**
 * The same stationary variance when the batches are drawn without replacement within epochs of E
 * = m/B batches (B dividing m), as the trainer's sampler does, and the pool's noise sums to 0: the
 * E batch means of one epoch are exchangeable with variance v and pairwise covariance −v/(E − 1)
 * (they sum to 0); different epochs are independent. With θ_t = η Σ_{s≥0} aˢ n_{t−1−s},
 * Var θ_t = η² [v Σ aˢ²ˢ − v/(E − 1) Σ_{s≠s' in one epoch} aˢ⁺ˢ'], which depends on where t falls in
 * its epoch; this returns its average over the E positions (what an ensemble averaged over a long
 * window measures). It approaches `stationaryVariance(lr, λ, v)` when E·ηλ ≫ 1.
 *
 * @param v variance of one batch mean (`batchNoiseVariance` with m)
 * @param batchesPerEpoch E ≥ 2
 */
export function epochStationaryVariance(
  lr: number,
  lambda: number,
  v: number,
  batchesPerEpoch: number,
): number {
  const a = 1 - lr * lambda;
  if (Math.abs(a) >= 1) return Infinity;
  const e = batchesPerEpoch;
  if (!(e >= 2) || !Number.isInteger(e))
    throw new RangeError(`batchesPerEpoch must be an integer ≥ 2, got ${e}`);
  const diagonal = 1 / (1 - a * a);
  /** Σ_{s≠s'} a^(s+s') over lags L..L+n−1 = (Σ aˢ)² − Σ a²ˢ. */
  const offDiagonal = (first: number, n: number): number => {
    const s1 = (a ** first * (1 - a ** n)) / (1 - a);
    const s2 = (a ** (2 * first) * (1 - a ** (2 * n))) / (1 - a * a);
    return s1 * s1 - s2;
  };
  // The full epochs behind the current one: lags r+1+jE .. r+(j+1)E, a geometric series in a^(2E).
  const fullBlock = offDiagonal(0, e) / (1 - a ** (2 * e));
  let sum = 0;
  for (let r = 0; r < e; r++) {
    const pairs = offDiagonal(0, r + 1) + a ** (2 * (r + 1)) * fullBlock;
    sum += diagonal - pairs / (e - 1);
  }
  return lr * lr * v * (sum / e);
}

/** The covariance ellipse of a 2-D cloud: its principal standard deviations and the major axis. */
export interface Ellipse {
  /** √ of the larger and smaller eigenvalue of the 2×2 covariance (1-σ semi-axes). */
  major: number;
  minor: number;
  /** Angle of the major axis from the first plane axis, radians in (−π/2, π/2]. */
  angle: number;
}

/** The ellipse of the covariance [[caa, cab], [cab, cbb]] (closed-form 2×2 eigen-decomposition). */
export function covarianceEllipse(caa: number, cab: number, cbb: number): Ellipse {
  const mean = (caa + cbb) / 2;
  const radius = Math.hypot((caa - cbb) / 2, cab);
  const l1 = mean + radius;
  const l2 = Math.max(0, mean - radius);
  const angle = radius === 0 ? 0 : 0.5 * Math.atan2(2 * cab, caa - cbb);
  return { major: Math.sqrt(Math.max(0, l1)), minor: Math.sqrt(l2), angle };
}

/** A least-squares line y ≈ intercept + slope·x. */
export interface LineFit {
  slope: number;
  intercept: number;
  /** Coefficient of determination 1 − SS_res/SS_tot (1 when SS_tot = 0 and the fit is exact). */
  r2: number;
}

/**
 * Ordinary least squares of y on x (both [n], n ≥ 2, x not all equal); non-finite pairs are left
 * out. Returns null when fewer than two usable points or all x equal.
 */
export function fitLine(x: readonly number[], y: readonly number[]): LineFit | null {
  const xs: number[] = [];
  const ys: number[] = [];
  x.forEach((xi, i) => {
    const yi = y[i]!;
    if (Number.isFinite(xi) && Number.isFinite(yi)) {
      xs.push(xi);
      ys.push(yi);
    }
  });
  const n = xs.length;
  if (n < 2) return null;
  const mx = xs.reduce((s, v) => s + v, 0) / n;
  const my = ys.reduce((s, v) => s + v, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i]! - mx) ** 2;
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    syy += (ys[i]! - my) ** 2;
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let ssRes = 0;
  for (let i = 0; i < n; i++) ssRes += (ys[i]! - intercept - slope * xs[i]!) ** 2;
  const r2 = syy === 0 ? (ssRes === 0 ? 1 : 0) : 1 - ssRes / syy;
  return { slope, intercept, r2 };
}

/**
 * Moments of one cloud of N points θ_j ∈ R^P (rows `rows` of a [K, P] matrix): the mean [P] and
 * the trace of the unbiased sample covariance, tr Ĉ = Σ_j ‖θ_j − θ̄‖²/(N − 1); also each member's
 * squared distance to the mean (for per-member averages). N ≥ 2.
 */
export function cloudTrace(
  theta: ArrayLike<number>,
  p: number,
  rows: readonly number[],
  squaredDistanceOut?: Float64Array,
): { mean: Float64Array; trace: number } {
  const n = rows.length;
  const mean = new Float64Array(p);
  for (const r of rows) for (let j = 0; j < p; j++) mean[j]! += theta[r * p + j]!;
  for (let j = 0; j < p; j++) mean[j]! /= n;
  let total = 0;
  rows.forEach((r, i) => {
    let d = 0;
    for (let j = 0; j < p; j++) d += (theta[r * p + j]! - mean[j]!) ** 2;
    if (squaredDistanceOut) squaredDistanceOut[i] = d;
    total += d;
  });
  return { mean, trace: n > 1 ? total / (n - 1) : Number.NaN };
}
