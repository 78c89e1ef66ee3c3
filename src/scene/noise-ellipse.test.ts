import { describe, expect, it } from 'vitest';
import { displayMagnification, ellipsePoints, principalAxes } from './noise-ellipse';

describe('noise ellipse geometry', () => {
  it('principal axes of [[2, 1], [1, 2]]: λ = 3, 1 along (1, 1)/√2', () => {
    const { l1, l2, u } = principalAxes({ xx: 2, xy: 1, yy: 2 });
    expect(l1).toBeCloseTo(3, 14);
    expect(l2).toBeCloseTo(1, 14);
    expect(u[0]).toBeCloseTo(Math.SQRT1_2, 14);
    expect(u[1]).toBeCloseTo(Math.SQRT1_2, 14);
  });

  it('points satisfy (x − c)ᵀΣ⁻¹(x − c) = (2·magnify)² (the 2σ ellipse, magnified)', () => {
    const c = { xx: 4, xy: 1.5, yy: 1 };
    const det = c.xx * c.yy - c.xy * c.xy;
    for (const [a, b] of ellipsePoints([1, -2], c, 3)) {
      const x = a - 1;
      const y = b + 2;
      const q = (c.yy * x * x - 2 * c.xy * x * y + c.xx * y * y) / det;
      expect(q).toBeCloseTo(36, 9);
    }
  });

  it('magnification: 1, 2 or 5 × 10ⁿ, making the 2σ major axis ≈ 12 % of the shorter span', () => {
    // λ₁ = 1e-6: 2σ = 2e-3; 12 % of 2 is 0.24 → raw 120 → 100.
    expect(displayMagnification({ xx: 1e-6, xy: 0, yy: 0 }, 2, 3)).toBe(100);
    expect(displayMagnification({ xx: 0, xy: 0, yy: 0 }, 2, 2)).toBe(1);
    expect(displayMagnification({ xx: 0.0009, xy: 0, yy: 0 }, 1, 1)).toBeCloseTo(2, 12);
  });
});
