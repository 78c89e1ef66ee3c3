import { describe, expect, it } from 'vitest';
import { leastSquares } from './linalg';
import { minNormSolution } from './min-norm';
import { Rng } from './random';

function randomMatrix(rng: Rng, n: number, d: number): Float64Array {
  return Float64Array.from({ length: n * d }, () => rng.normal());
}

function times(a: Float64Array, n: number, d: number, x: ArrayLike<number>): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) out[i] = out[i]! + a[i * d + k]! * x[k]!;
  return out;
}

describe('minNormSolution (A⁺b)', () => {
  it('solves hand cases: [1 1]x = 2 → (1, 1); the first two axes → (3, 4, 0)', () => {
    expect(Array.from(minNormSolution([1, 1], 1, 2, [2]).solution)).toEqual([1, 1]);
    const x = minNormSolution([1, 0, 0, 0, 1, 0], 2, 3, [3, 4]).solution;
    expect(x[0]).toBeCloseTo(3, 14);
    expect(x[1]).toBeCloseTo(4, 14);
    expect(x[2]).toBe(0);
    // [1 2] x = 5: x = (1, 2) (the normal direction scaled to meet the line).
    const y = minNormSolution([1, 2], 1, 2, [5]).solution;
    expect(y[0]).toBeCloseTo(1, 14);
    expect(y[1]).toBeCloseTo(2, 14);
  });

  it('on a random 6 × 20 design: A x = b and x ⟂ null(A) (x is in the row space)', () => {
    const rng = new Rng(3);
    const [n, d] = [6, 20];
    const a = randomMatrix(rng, n, d);
    const b = Float64Array.from({ length: n }, () => rng.normal());
    const { solution: x, residual, rank } = minNormSolution(a, n, d, b);
    expect(rank).toBe(n);
    const ax = times(a, n, d, x);
    for (let i = 0; i < n; i++) expect(Math.abs(ax[i]! - b[i]!)).toBeLessThan(1e-12);
    for (const r of residual) expect(Math.abs(r)).toBeLessThan(1e-12);
    // A null-space vector v = r − Aᵀc (c the least-squares fit of r by the rows): x·v = 0.
    for (let trial = 0; trial < 3; trial++) {
      const r = Float64Array.from({ length: d }, () => rng.normal());
      const at = new Float64Array(d * n);
      for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) at[k * n + i] = a[i * d + k]!;
      const c = leastSquares(at, d, n, r).solution;
      const v = r.map((ri, k) => ri - times(at, d, n, c)[k]!);
      const av = times(a, n, d, v);
      for (const e of av) expect(Math.abs(e)).toBeLessThan(1e-12);
      const xv = x.reduce((s, xi, k) => s + xi * v[k]!, 0);
      expect(Math.abs(xv)).toBeLessThan(1e-12);
    }
  });

  it('satisfies the normal equations Aᵀ(Ax − b) = 0 for an over-determined, inconsistent b', () => {
    const rng = new Rng(8);
    const [n, d] = [12, 4];
    const a = randomMatrix(rng, n, d);
    const b = Float64Array.from({ length: n }, () => rng.normal());
    const { residual, rank } = minNormSolution(a, n, d, b);
    expect(rank).toBe(d);
    for (let k = 0; k < d; k++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += a[i * d + k]! * residual[i]!;
      expect(Math.abs(s)).toBeLessThan(1e-10);
    }
  });

  it('handles a rank-deficient design (a repeated row) and an inconsistent b', () => {
    // Rows (1, 0, 0) twice with targets 1 and 3: the least-squares fit is x₀ = 2, the rest 0.
    const { solution, residual, rank } = minNormSolution([1, 0, 0, 1, 0, 0], 2, 3, [1, 3]);
    expect(rank).toBe(1);
    expect(solution[0]).toBeCloseTo(2, 12);
    expect(solution[1]).toBe(0);
    expect(solution[2]).toBe(0);
    expect(residual[0]).toBeCloseTo(-1, 12);
    expect(residual[1]).toBeCloseTo(1, 12);
  });
});
