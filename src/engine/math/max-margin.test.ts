import { describe, expect, it } from 'vitest';
import {
  angleBetween,
  hardMarginSvm,
  normalisedMargin,
  NotSeparableError,
  signedAugmented,
} from './max-margin';
import { Rng } from './random';

describe('hardMarginSvm', () => {
  it('solves hand cases: two axes → ŵ = (1, 1), γ = 1/√2; an inactive point stays at α = 0', () => {
    const a = hardMarginSvm([1, 0, 0, 1], 2, 2);
    expect(a.w[0]).toBeCloseTo(1, 12);
    expect(a.w[1]).toBeCloseTo(1, 12);
    expect(a.margin).toBeCloseTo(1 / Math.SQRT2, 12);
    expect(a.support).toEqual([0, 1]);
    // z = (3, 0), (1, 1): only the second is active, ŵ = (½, ½), α = (0, ½).
    const b = hardMarginSvm([3, 0, 1, 1], 2, 2);
    expect(b.w[0]).toBeCloseTo(0.5, 12);
    expect(b.w[1]).toBeCloseTo(0.5, 12);
    expect(b.alpha[0]).toBe(0);
    expect(b.alpha[1]).toBeCloseTo(0.5, 10);
    expect(b.support).toEqual([1]);
    expect(b.margin).toBeCloseTo(Math.SQRT2, 12);
  });

  it('with a bias: x = −1 (label 0), x = +1 (label 1) → (w, b) = (1, 0), margin 1', () => {
    const z = signedAugmented([-1, 1], [0, 1], 1);
    expect(Array.from(z)).toEqual([1, -1, 1, 1]);
    const r = hardMarginSvm(z, 2, 2);
    expect(r.w[0]).toBeCloseTo(1, 12);
    expect(Math.abs(r.w[1]!)).toBeLessThan(1e-12);
    expect(r.margin).toBeCloseTo(1, 12);
  });

  it('satisfies the KKT conditions on a random separable set of 200 points with a bias', () => {
    const rng = new Rng(11);
    const m = 200;
    const x = new Float64Array(2 * m);
    const labels = new Float64Array(m);
    for (let i = 0; i < m;) {
      const p = [rng.uniformIn(-1, 1), rng.uniformIn(-1, 1)] as const;
      const s = 0.6 * p[0] - 0.8 * p[1] + 0.1;
      if (Math.abs(s) < 0.05) continue;
      x[2 * i] = p[0];
      x[2 * i + 1] = p[1];
      labels[i] = s > 0 ? 1 : 0;
      i++;
    }
    const z = signedAugmented(x, labels, 2);
    const r = hardMarginSvm(z, m, 3);
    // Stationarity w = Σ αᵢ zᵢ, dual feasibility α ≥ 0, primal feasibility zᵢ·w ≥ 1,
    // complementary slackness αᵢ (zᵢ·w − 1) = 0.
    const fromAlpha = new Float64Array(3);
    let sumAlpha = 0;
    for (let i = 0; i < m; i++) {
      expect(r.alpha[i]).toBeGreaterThanOrEqual(0);
      sumAlpha += r.alpha[i]!;
      for (let k = 0; k < 3; k++) fromAlpha[k] = fromAlpha[k]! + r.alpha[i]! * z[3 * i + k]!;
    }
    for (let k = 0; k < 3; k++) expect(Math.abs(fromAlpha[k]! - r.w[k]!)).toBeLessThan(1e-8);
    for (let i = 0; i < m; i++) {
      const zw = z[3 * i]! * r.w[0]! + z[3 * i + 1]! * r.w[1]! + z[3 * i + 2]! * r.w[2]!;
      expect(zw).toBeGreaterThan(1 - 1e-9);
      expect(Math.abs(r.alpha[i]! * (zw - 1))).toBeLessThan(1e-8);
    }
    // Strong duality: Σα − ½‖w‖² = ½‖w‖² (the dual value equals the primal value).
    const w2 = r.w.reduce((s, v) => s + v * v, 0);
    expect(sumAlpha - 0.5 * w2).toBeCloseTo(0.5 * w2, 6);
    expect(r.support.length).toBeGreaterThanOrEqual(2);
    expect(r.support.length).toBeLessThanOrEqual(3);
    expect(normalisedMargin(z, m, r.w)).toBeCloseTo(r.margin, 12);
  });

  it('agrees with a brute-force search over directions in 2-D', () => {
    const rng = new Rng(5);
    const m = 40;
    const z = new Float64Array(2 * m);
    for (let i = 0; i < m; i++) {
      // Points in the cone of angles (0.3, 1.9) rad, at random radii: separable through 0.
      const phi = rng.uniformIn(0.3, 1.9);
      const rad = rng.uniformIn(0.5, 2);
      z[2 * i] = rad * Math.cos(phi);
      z[2 * i + 1] = rad * Math.sin(phi);
    }
    const r = hardMarginSvm(z, m, 2);
    let best = -Infinity;
    let bestPhi = 0;
    const n = 200_000;
    for (let j = 0; j < n; j++) {
      const phi = (2 * Math.PI * j) / n;
      const g = normalisedMargin(z, m, [Math.cos(phi), Math.sin(phi)]);
      if (g > best) {
        best = g;
        bestPhi = phi;
      }
    }
    // Refine around the coarse best on a grid 10⁴ times finer (the margin is 2-Lipschitz in φ).
    const coarse = bestPhi;
    for (let j = -10_000; j <= 10_000; j++) {
      const phi = coarse + ((2 * Math.PI) / n) * (j / 10_000);
      const g = normalisedMargin(z, m, [Math.cos(phi), Math.sin(phi)]);
      if (g > best) {
        best = g;
        bestPhi = phi;
      }
    }
    expect(r.margin).toBeGreaterThanOrEqual(best - 1e-12);
    expect(r.margin - best).toBeLessThan(1e-8);
    expect(angleBetween(r.direction, [Math.cos(bestPhi), Math.sin(bestPhi)])).toBeLessThan(1e-6);
  });

  it('reports data that are not linearly separable', () => {
    expect(() => hardMarginSvm([1, 0, -1, 0], 2, 2)).toThrow(NotSeparableError);
    // XOR with a bias: no line separates it.
    const z = signedAugmented([0, 0, 1, 1, 0, 1, 1, 0], [0, 0, 1, 1], 2);
    expect(() => hardMarginSvm(z, 4, 3)).toThrow(/not linearly separable/);
  });
});

describe('angleBetween and normalisedMargin', () => {
  it('gives exact angles, also tiny ones, and scale-free margins', () => {
    expect(angleBetween([1, 0], [0, 3])).toBeCloseTo(Math.PI / 2, 14);
    expect(angleBetween([1, 0], [-2, 0])).toBeCloseTo(Math.PI, 14);
    expect(angleBetween([1, 0], [1, 1e-9])).toBeCloseTo(1e-9, 20);
    expect(angleBetween([0, 0], [1, 0])).toBeNaN();
    expect(normalisedMargin([1, 0, 0, 1], 2, [10, 10])).toBeCloseTo(1 / Math.SQRT2, 14);
    expect(normalisedMargin([1, 0, 0, 1], 2, [1, -1])).toBeCloseTo(-1 / Math.SQRT2, 14);
  });
});
