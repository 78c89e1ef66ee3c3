import { describe, expect, it } from 'vitest';
import { dot, leastSquares, norm } from './linalg';

describe('leastSquares', () => {
  it('solves a square system exactly', () => {
    // [[2, 1], [1, 3]] x = [3, 5] → x = [0.8, 1.4]
    const { solution, residual, rank } = leastSquares([2, 1, 1, 3], 2, 2, [3, 5]);
    expect(solution[0]).toBeCloseTo(0.8, 12);
    expect(solution[1]).toBeCloseTo(1.4, 12);
    expect(norm(residual)).toBeLessThan(1e-12);
    expect(rank).toBe(2);
  });

  it('fits a line by least squares (closed form of simple regression)', () => {
    const xs = [0, 1, 2, 3, 4];
    const ys = [1.1, 2.9, 5.2, 7.1, 8.8];
    const a = xs.flatMap((x) => [1, x]);
    const { solution, residual } = leastSquares(a, 5, 2, ys);
    const mx = 2;
    const my = ys.reduce((s, y) => s + y, 0) / 5;
    const slope =
      xs.reduce((s, x, i) => s + (x - mx) * (ys[i]! - my), 0) /
      xs.reduce((s, x) => s + (x - mx) ** 2, 0);
    expect(solution[1]).toBeCloseTo(slope, 12);
    expect(solution[0]).toBeCloseTo(my - slope * mx, 12);
    // The residual is orthogonal to the columns.
    expect(dot(residual, [1, 1, 1, 1, 1])).toBeCloseTo(0, 12);
    expect(dot(residual, xs)).toBeCloseTo(0, 12);
  });

  it('handles dependent columns: rank 1, residual still the projection residual', () => {
    // Columns [1, 1, 1] and [2, 2, 2]: the fit is the mean.
    const { residual, rank } = leastSquares([1, 2, 1, 2, 1, 2], 3, 2, [1, 2, 6]);
    expect(rank).toBe(1);
    expect(Array.from(residual).map((r) => +r.toFixed(12))).toEqual([-2, -1, 3]);
  });

  it('rejects mismatched shapes', () => {
    expect(() => leastSquares([1, 2, 3], 2, 2, [1, 2])).toThrow(/expected 2×2/);
  });
});
