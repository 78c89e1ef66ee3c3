/**
 * The minimum-norm least-squares solution x = A⁺b in float64 (no imports beyond `linalg`).
 *
 * For A [n, d] (usually under-determined, n < d), every least-squares solution differs from A⁺b by
 * a null-space vector, and A⁺b is the one in the row space: x = Aᵀy with y any least-squares
 * solution of (A Aᵀ) y = b. (A Aᵀ y is then the projection of b onto range(A), so A x = P b, and
 * the row-space solution of that system is unique.) The small n × n system is solved by
 * Householder QR with column pivoting, so a rank-deficient A is handled too.
 *
 * This is where gradient descent (and heavy-ball momentum) started at θ₀ = 0 on ‖Aθ − b‖² ends:
 * every gradient Aᵀ(Aθ − b) lies in the row space (Srebro et al.; SCIENCE.md §8).
 */
import { leastSquares } from './linalg';

export interface MinNormResult {
  /** x = A⁺b, shape [d]. */
  solution: Float64Array;
  /** Residual b − A x, shape [n] (0 when b ∈ range(A), e.g. n ≤ d with full row rank). */
  residual: Float64Array;
  /** Numerical rank of A Aᵀ. */
  rank: number;
}

/** A⁺b for A row-major [n, d], b [n]. */
export function minNormSolution(
  a: ArrayLike<number>,
  n: number,
  d: number,
  b: ArrayLike<number>,
): MinNormResult {
  if (a.length !== n * d)
    throw new RangeError(`minNormSolution: A has ${a.length} entries, expected ${n}×${d}`);
  if (b.length !== n)
    throw new RangeError(`minNormSolution: b has ${b.length} entries, expected ${n}`);
  // G = A Aᵀ [n, n].
  const g = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += a[i * d + k]! * a[j * d + k]!;
      g[i * n + j] = s;
      g[j * n + i] = s;
    }
  }
  const { solution: y, rank } = leastSquares(g, n, n, b, 1e-12);
  const x = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const yi = y[i]!;
    if (yi === 0) continue;
    for (let k = 0; k < d; k++) x[k] = x[k]! + yi * a[i * d + k]!;
  }
  const residual = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < d; k++) s += a[i * d + k]! * x[k]!;
    residual[i] = b[i]! - s;
  }
  return { solution: x, residual, rank };
}
