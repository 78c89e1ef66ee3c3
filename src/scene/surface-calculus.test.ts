/**
 * The page's closed forms of the surfaces against the engine's tfjs definitions (values) and
 * against central finite differences (gradients of f, Hessians from differences of the closed-form
 * gradient), at seeded points of each surface's window.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../tests/unit/backend';
import { tf } from '../engine/tf';
import { SURFACES, type SurfaceName } from '../engine/problems/surfaces';
import { Rng } from '../engine/math/random';
import { surfaceCalculus, symmetricEigen2 } from './surface-calculus';

const NAMES = Object.keys(SURFACES) as SurfaceName[];
const KAPPA = 7;

/** Seeded points in the surface's window (kept off the plateau-cliff's steep wall's extremes). */
function points(name: SurfaceName, count: number): [number, number][] {
  const [x0, x1, y0, y1] = SURFACES[name].window;
  const rng = new Rng(17);
  return Array.from({ length: count }, () => [
    x0 + (x1 - x0) * rng.uniform(),
    y0 + (y1 - y0) * rng.uniform(),
  ]);
}

describe('surface calculus', () => {
  beforeAll(() => useNodeBackend('cpu'));

  it.each(NAMES)('%s: f equals the engine’s surface (float32) at 12 points', (name) => {
    const calc = surfaceCalculus(name, KAPPA)!;
    const pts = points(name, 12);
    const engine = tf.tidy(() =>
      SURFACES[name]
        .f(
          tf.tensor1d(pts.map((p) => p[0])),
          tf.tensor1d(pts.map((p) => p[1])),
          { surface: name, kappa: KAPPA },
          false,
        )
        .dataSync(),
    );
    pts.forEach(([x, y], i) => {
      const v = calc.value(x, y);
      expect(Math.abs(v - engine[i]!)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(v)));
    });
  });

  it.each(NAMES)('%s: ∇f and ∇²f match central differences', (name) => {
    const calc = surfaceCalculus(name, KAPPA)!;
    const h = 1e-5;
    for (const [x, y] of points(name, 12)) {
      const g = calc.gradient(x, y);
      const fx = (calc.value(x + h, y) - calc.value(x - h, y)) / (2 * h);
      const fy = (calc.value(x, y + h) - calc.value(x, y - h)) / (2 * h);
      const scale = Math.max(1, Math.abs(calc.value(x, y)));
      expect(Math.abs(g[0] - fx)).toBeLessThan(1e-5 * scale);
      expect(Math.abs(g[1] - fy)).toBeLessThan(1e-5 * scale);
      const H = calc.hessian(x, y);
      const gxp = calc.gradient(x + h, y);
      const gxm = calc.gradient(x - h, y);
      const gyp = calc.gradient(x, y + h);
      const gym = calc.gradient(x, y - h);
      const gScale = Math.max(1, Math.hypot(...g));
      expect(Math.abs(H[0] - (gxp[0] - gxm[0]) / (2 * h))).toBeLessThan(1e-4 * gScale);
      expect(Math.abs(H[1] - (gyp[0] - gym[0]) / (2 * h))).toBeLessThan(1e-4 * gScale);
      expect(Math.abs(H[1] - (gxp[1] - gxm[1]) / (2 * h))).toBeLessThan(1e-4 * gScale);
      expect(Math.abs(H[2] - (gyp[1] - gym[1]) / (2 * h))).toBeLessThan(1e-4 * gScale);
    }
  });

  it('knows which surfaces are quadratic, and no other names', () => {
    expect(NAMES.filter((n) => surfaceCalculus(n)!.quadratic)).toEqual(['quadratic', 'saddle']);
    expect(surfaceCalculus('mlp')).toBeNull();
    expect(surfaceCalculus('__proto__')).toBeNull();
  });

  it('Rosenbrock at (−1.2, 1): hand-computed gradient and Hessian', () => {
    const calc = surfaceCalculus('rosenbrock')!;
    // y − x² = −0.44: ∂x = −2·2.2 − 400·(−1.2)·(−0.44) = −215.6, ∂y = 200·(−0.44) = −88.
    const [gx, gy] = calc.gradient(-1.2, 1);
    expect(gx).toBeCloseTo(-215.6, 10);
    expect(gy).toBeCloseTo(-88, 10);
    // h_xx = 2 − 400 + 1200·1.44 = 1330, h_xy = 480, h_yy = 200.
    const [hxx, hxy, hyy] = calc.hessian(-1.2, 1);
    expect(hxx).toBeCloseTo(1330, 9);
    expect(hxy).toBeCloseTo(480, 10);
    expect(hyy).toBe(200);
  });

  it('symmetric 2×2 eigenpairs: diagonal, and [[2, 1], [1, 2]] = 3, 1 along (1, ±1)/√2', () => {
    expect(symmetricEigen2([1, 0, 10])).toEqual({
      values: [10, 1],
      vectors: [
        [0, 1],
        [-1, 0],
      ],
    });
    const { values, vectors } = symmetricEigen2([2, 1, 2]);
    expect(values[0]).toBeCloseTo(3, 14);
    expect(values[1]).toBeCloseTo(1, 14);
    expect(Math.abs(vectors[0][0])).toBeCloseTo(Math.SQRT1_2, 14);
    expect(vectors[0][0] * vectors[0][1]).toBeGreaterThan(0);
    // Av = λv for both pairs of a general matrix.
    const A = [1330, 480, 200] as const;
    const eig = symmetricEigen2([...A]);
    eig.vectors.forEach((v, i) => {
      const Av = [A[0] * v[0] + A[1] * v[1], A[1] * v[0] + A[2] * v[1]];
      expect(Av[0]).toBeCloseTo(eig.values[i]! * v[0], 9);
      expect(Av[1]).toBeCloseTo(eig.values[i]! * v[1], 9);
    });
  });
});
