/**
 * Eigen-decomposition of a small real symmetric matrix by the cyclic Jacobi method, in float64.
 * Used on the small projected (Rayleigh–Ritz) matrices of the block Krylov solver in krylov.ts
 * (≤ 32×32) and on the exact reference path of the trajectory PCA, where it is exact to rounding
 * and needs no library. O(n³) per sweep: not for large n.
 */

/** Eigenvalues in descending order and the matching unit eigenvectors (column k of `vectors`). */
export interface SymmetricEigen {
  values: Float64Array;
  /** Row-major [n, n]: vectors[i * n + k] is component i of eigenvector k. */
  vectors: Float64Array;
}

/**
 * Eigen-decomposition of the symmetric matrix `a` (row-major [n, n]; only symmetry is assumed,
 * the input is not modified). Sweeps until the off-diagonal mass is below `tol` relative to the
 * Frobenius norm.
 */
export function symmetricEigen(
  a: ArrayLike<number>,
  n: number,
  tol = 1e-14,
  maxSweeps = 100,
): SymmetricEigen {
  if (a.length !== n * n)
    throw new RangeError(`symmetricEigen: ${a.length} entries for a ${n}×${n} matrix`);
  const m = Float64Array.from(a);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let frob = 0;
  for (let i = 0; i < n * n; i++) frob += m[i]! * m[i]!;
  const threshold = tol * tol * Math.max(frob, Number.MIN_VALUE);
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++)
      for (let q = p + 1; q < n; q++) off += 2 * m[p * n + q]! * m[p * n + q]!;
    if (off <= threshold) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q]!;
        if (apq === 0) continue;
        const app = m[p * n + p]!;
        const aqq = m[q * n + q]!;
        // Rotation angle that zeroes a[p][q] (Golub & Van Loan, Algorithm 8.4.1).
        const tau = (aqq - app) / (2 * apq);
        const t = Math.sign(tau || 1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = m[k * n + p]!;
          const mkq = m[k * n + q]!;
          m[k * n + p] = c * mkp - s * mkq;
          m[k * n + q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p * n + k]!;
          const mqk = m[q * n + k]!;
          m[p * n + k] = c * mpk - s * mqk;
          m[q * n + k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!;
          const vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (i, j) => m[j * n + j]! - m[i * n + i]!,
  );
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((src, k) => {
    values[k] = m[src * n + src]!;
    for (let i = 0; i < n; i++) vectors[i * n + k] = v[i * n + src]!;
  });
  return { values, vectors };
}
