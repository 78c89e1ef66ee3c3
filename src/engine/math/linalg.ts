/**
 * Small dense linear algebra in float64 on plain arrays (no tensors, no imports). Matrices are
 * row-major `Float64Array`s with explicit shapes.
 */

/** Result of a least-squares solve min_x ‖A x − y‖². */
export interface LeastSquaresResult {
  /** Minimiser x, shape [n] (the minimum-norm one is not guaranteed when A is rank-deficient). */
  solution: Float64Array;
  /** Residual r = y − A x, shape [m]. */
  residual: Float64Array;
  /** Numerical rank found by the QR factorisation. */
  rank: number;
}

/**
 * Least squares by Householder QR with column pivoting: A [m, n] row-major, y [m].
 * Columns whose remaining norm falls below `rtol · ‖A‖_max-col` are treated as dependent and
 * their coefficients set to 0, so the residual is still the orthogonal projection residual
 * y − A A⁺ y (the fitted values are unique even when x is not).
 */
export function leastSquares(
  a: ArrayLike<number>,
  m: number,
  n: number,
  y: ArrayLike<number>,
  rtol = 1e-10,
): LeastSquaresResult {
  if (a.length !== m * n)
    throw new RangeError(`leastSquares: A has ${a.length} entries, expected ${m}×${n}`);
  if (y.length !== m)
    throw new RangeError(`leastSquares: y has ${y.length} entries, expected ${m}`);
  const r = Float64Array.from(a);
  const qty = Float64Array.from(y);
  const perm = new Int32Array(n);
  for (let j = 0; j < n; j++) perm[j] = j;
  const colNorm2 = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < m; i++) s += r[i * n + j]! * r[i * n + j]!;
    colNorm2[j] = s;
  }
  const maxNorm = Math.sqrt(Math.max(0, ...colNorm2));
  const steps = Math.min(m, n);
  let rank = 0;
  const v = new Float64Array(m);
  for (let k = 0; k < steps; k++) {
    // Pivot: the remaining column with the largest norm below row k.
    let best = k;
    let bestNorm = -1;
    for (let j = k; j < n; j++) {
      let s = 0;
      for (let i = k; i < m; i++) s += r[i * n + j]! * r[i * n + j]!;
      if (s > bestNorm) {
        bestNorm = s;
        best = j;
      }
    }
    if (Math.sqrt(bestNorm) <= rtol * maxNorm || bestNorm === 0) break;
    if (best !== k) {
      for (let i = 0; i < m; i++) {
        const t = r[i * n + k]!;
        r[i * n + k] = r[i * n + best]!;
        r[i * n + best] = t;
      }
      const tp = perm[k]!;
      perm[k] = perm[best]!;
      perm[best] = tp;
    }
    // Householder vector for column k.
    const alpha = -Math.sign(r[k * n + k]! || 1) * Math.sqrt(bestNorm);
    let vnorm2 = 0;
    for (let i = k; i < m; i++) {
      v[i] = r[i * n + k]!;
      if (i === k) v[i] = v[i]! - alpha;
      vnorm2 += v[i]! * v[i]!;
    }
    if (vnorm2 > 0) {
      for (let j = k; j < n; j++) {
        let dot = 0;
        for (let i = k; i < m; i++) dot += v[i]! * r[i * n + j]!;
        const f = (2 * dot) / vnorm2;
        for (let i = k; i < m; i++) r[i * n + j] = r[i * n + j]! - f * v[i]!;
      }
      let dot = 0;
      for (let i = k; i < m; i++) dot += v[i]! * qty[i]!;
      const f = (2 * dot) / vnorm2;
      for (let i = k; i < m; i++) qty[i] = qty[i]! - f * v[i]!;
    }
    rank++;
  }
  // Back substitution on the leading rank×rank triangle.
  const z = new Float64Array(n);
  for (let k = rank - 1; k >= 0; k--) {
    let s = qty[k]!;
    for (let j = k + 1; j < rank; j++) s -= r[k * n + j]! * z[j]!;
    z[k] = s / r[k * n + k]!;
  }
  const solution = new Float64Array(n);
  for (let j = 0; j < n; j++) solution[perm[j]!] = z[j]!;
  const residual = Float64Array.from(y);
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += a[i * n + j]! * solution[j]!;
    residual[i] = residual[i]! - s;
  }
  return { solution, residual, rank };
}

/** Euclidean norm of a vector. */
export function norm(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]! * x[i]!;
  return Math.sqrt(s);
}

/** Dot product of two vectors of equal length. */
export function dot(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length)
    throw new RangeError(`dot: lengths ${x.length} and ${y.length} differ`);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]! * y[i]!;
  return s;
}
